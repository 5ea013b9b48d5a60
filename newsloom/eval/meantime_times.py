"""MEANTIME (English Wikinews, NewsReader): TIMEX3 extents and values.

Layout: `intra_cross-doc_annotation/corpus_*/*.xml` (CAT XML): `<token t_id sentence>`
elements, then `<Markables>` with `<TIMEX3 type value functionInDocument>` pointing to
tokens through `<token_anchor t_id>`. The text is rebuilt from the tokens (one line per
sentence, light detokenisation: no space before punctuation), so every TIMEX3 has
character offsets. The anchor is the TIMEX3 with functionInDocument CREATION_TIME (the
dateline, itself in the text and scored like the others). Same metrics and baseline
as TempEval-3: extent P/R/F1 (strict and relaxed) and value accuracy over matches.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from newsloom.eval.runner import DatasetLayoutError, DatasetResult, EvalPage, take
from newsloom.eval.split import DEFAULT_SPLIT, SplitChoice
from newsloom.eval.tempeval3 import (
    TimeDoc,
    Timex,
    TimexScore,
    timex_comparison,
)
from newsloom.record import parse_iso

NAME = "meantime-en"  # the folder under the shared eval directory
# The result's name, as the registry lists it (the entity scores share the folder).
RESULT_NAME = "meantime-en-times"
CORPUS_FOLDER = "intra_cross-doc_annotation"
# Tokens written without a space before them, and after which no space follows.
NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", "%", ")", "'s", "n't", "''", "?", "!", "'"})
NO_SPACE_AFTER = frozenset({"(", "$", "``", "US$"})


def read_cat(path: Path) -> tuple[TimeDoc, list[Timex]]:
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise OSError(f"{path} is not well-formed XML: {exc}") from exc
    offsets: dict[str, tuple[int, int]] = {}
    text, sentence, previous = "", None, ""
    for token in root.iter("token"):
        word = token.text or ""
        if sentence is not None and token.get("sentence") != sentence:
            text += "\n"
        elif text and word not in NO_SPACE_BEFORE and previous not in NO_SPACE_AFTER:
            text += " "
        sentence, previous = token.get("sentence"), word
        offsets[token.get("t_id", "")] = (len(text), len(text) + len(word))
        text += word
    gold: list[Timex] = []
    anchor = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            anchor = parse_iso((timex.get("value") or "")[:10] or None)
        spans = [offsets[a.get("t_id", "")] for a in timex.iter("token_anchor")]
        if spans:
            start, end = min(s for s, _ in spans), max(e for _, e in spans)
            gold.append(Timex(start, end, timex.get("value", ""), timex.get("type", "")))
    return TimeDoc(text, anchor), sorted(gold, key=lambda t: t.start)


def list_pages(folder: Path, limit: int | None = None) -> list[EvalPage[list[Timex]]]:
    root = folder / CORPUS_FOLDER
    paths = {str(p.relative_to(folder)): p for p in root.rglob("*.xml")} if root.is_dir() else {}
    if not paths:
        raise DatasetLayoutError(f"no CAT XML files under {root}")
    # The split key is the file name, as for the entity scores of the same documents.
    return [
        EvalPage(key, read_cat(paths[key])[1], paths[key], unit=paths[key].stem)
        for key in take(paths, limit)
    ]


def read_page(path: Path) -> TimeDoc:
    return read_cat(path)[0]


def evaluate_meantime_times(
    folder: Path, limit: int | None = None, split: SplitChoice = DEFAULT_SPLIT
) -> DatasetResult[TimexScore]:
    comparison = timex_comparison(RESULT_NAME, "TIMEX3 extent and value", read_page)
    return comparison.run(list_pages(folder, limit), split)
