"""MEANTIME (English) named entity mentions: the bare spaCy model against newsloom.

Layout: `intra_cross-doc_annotation/corpus_*/*.xml` (NAF/CAT: `<token t_id sentence>`, then
`ENTITY_MENTION` markables anchored to token ids, typed through REFERS_TO links to `ENTITY`).
A page is one document; its text is the tokens joined by spaces, a newline between sentences.
Gold: named mentions (`syntactic_type="NAM"`) of types PER, ORG, LOC (PRO, FIN and MIX are not
names the model's labels cover and are left out). System labels map as in conll2003
(PERSON -> PER, ORG -> ORG, GPE/LOC/FAC -> LOC); other labels are dropped.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

from newsloom.eval.conll2003 import (
    BARE_MODEL,
    NEWSLOOM_NER,
    NerCounts,
    NerScore,
    NerSpan,
    aggregate,
    score_spans,
)
from newsloom.eval.runner import Comparison, DatasetLayoutError, DatasetResult, EvalPage, System

NAME = "meantime-en"
ANNOTATION_FOLDER = "intra_cross-doc_annotation"
SCORED_TYPES = frozenset({"PER", "ORG", "LOC"})


def read_document(path: Path) -> tuple[tuple[str, ...], tuple[NerSpan, ...]]:
    """Sentence texts and the gold named mentions (sentence, start, end, type)."""
    root = ET.parse(path).getroot()
    places: dict[str, tuple[int, int, int]] = {}
    sentences: list[list[str]] = []
    order: list[int] = []
    for token in root.iter("token"):
        number = int(token.get("sentence", "0"))
        if not order or order[-1] != number:
            order.append(number)
            sentences.append([])
        words = sentences[-1]
        start = sum(len(w) + 1 for w in words)
        text = token.text or ""
        words.append(text)
        places[token.get("t_id", "")] = (len(sentences) - 1, start, start + len(text))
    types = {e.get("m_id"): e.get("ent_type", "") for e in root.iter("ENTITY")}
    mention_type: dict[str, str] = {}
    for link in root.iter("REFERS_TO"):
        target = link.find("target")
        kind = types.get(target.get("m_id")) if target is not None else None
        for source in link.findall("source"):
            if kind:
                mention_type[source.get("m_id", "")] = kind
    gold = []
    for mention in root.iter("ENTITY_MENTION"):
        kind = mention_type.get(mention.get("m_id", ""), "")
        if mention.get("syntactic_type") != "NAM" or kind not in SCORED_TYPES:
            continue
        anchors = [places[a.get("t_id", "")] for a in mention.iter("token_anchor")]
        anchors = [a for a in anchors if a]
        if anchors and len({a[0] for a in anchors}) == 1:
            gold.append((anchors[0][0], anchors[0][1], anchors[-1][2], kind))
    return tuple(" ".join(words) for words in sentences), tuple(gold)


def _scored(
    system: System[tuple[str, ...], list[NerSpan]],
) -> System[tuple[str, ...], list[NerSpan]]:
    def run(texts: tuple[str, ...]) -> list[NerSpan]:
        return [span for span in system.run(texts) if span[3] in SCORED_TYPES]

    return System(system.name, run)


def list_pages(folder: Path, limit: int | None = None) -> list[EvalPage[tuple[NerSpan, ...]]]:
    base = folder / ANNOTATION_FOLDER
    if not base.is_dir():
        raise DatasetLayoutError(f"{ANNOTATION_FOLDER} not found in {folder}")
    paths = sorted(base.glob("corpus_*/*.xml"))
    if limit is not None:
        paths = paths[: max(limit, 0)]
    return [EvalPage(path.stem, read_document(path)[1], path) for path in paths]


def read_page(path: Path) -> tuple[str, ...]:
    try:
        return read_document(path)[0]
    except ET.ParseError as exc:
        raise OSError(f"{path} is not well-formed XML: {exc}") from exc


def evaluate_meantime_entities(folder: Path, limit: int | None = None) -> DatasetResult[NerScore]:
    comparison: Comparison[
        tuple[NerSpan, ...], tuple[str, ...], list[NerSpan], NerCounts, NerScore
    ] = Comparison(
        name=NAME,
        metric="named mention exact-match micro P/R/F1",
        read=read_page,
        ours=_scored(NEWSLOOM_NER),
        baseline=_scored(BARE_MODEL),
        empty=[],
        score_page=score_spans,
        aggregate=aggregate,
    )
    return comparison.run(list_pages(folder, limit))


__all__: Sequence[str] = ["NAME", "evaluate_meantime_entities"]
