"""MEANTIME (English) named entity mentions: the bare spaCy model against newsloom.

Layout: `intra_cross-doc_annotation/corpus_*/*.xml` (NAF/CAT: `<token t_id sentence>`, then
`ENTITY_MENTION` markables anchored to token ids, typed through REFERS_TO links to `ENTITY`).
A page is one document: its sentences are the tokens joined by spaces, and both systems parse
the document as one text (sentences joined by newlines), as newsloom parses an article.
System labels map as in conll2003 (PERSON -> PER, ORG -> ORG, GPE/LOC/FAC -> LOC); other
labels are dropped.

How the scoring is made fair to a corpus that annotates only some names. MEANTIME marks the
entities that take part in its annotated events, not every name (README.txt, the guidelines),
and many of its name mentions carry no `syntactic_type` at all ("Boeing", "Steve Jobs"), so a
NAM-only gold counts correct names as false positives. Gold is therefore:
- mentions of types PER, ORG, LOC (PRO, FIN and MIX are not names the model's labels cover)
- whose `syntactic_type` is NAM or PRE.NAM (a name used as a modifier: "US" in "US markets"),
  or is missing or empty while every word of the mention is capitalised and the first is not
  a pronoun (`PRONOUNS`): the untyped name mentions;
and predictions are scored only in sentences that carry at least one entity mention of any
kind: a sentence the annotators left bare says nothing about its names. Matching stays exact.
Both systems are scored the same way.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newsloom.eval.conll2003 import (
    BARE_MODEL_DOCUMENT,
    NEWSLOOM_DOCUMENT,
    NerCounts,
    NerScore,
    NerSpan,
    aggregate,
    score_spans,
)
from newsloom.eval.runner import Comparison, DatasetLayoutError, DatasetResult, EvalPage, System
from newsloom.eval.split import DEFAULT_SPLIT, SplitChoice

NAME = "meantime-en"
RESULT_NAME = "meantime-en-entities"
ANNOTATION_FOLDER = "intra_cross-doc_annotation"
SCORED_TYPES = frozenset({"PER", "ORG", "LOC"})
NAME_SYNTACTIC_TYPES = frozenset({"NAM", "PRE.NAM"})
PRONOUNS = frozenset(
    [
        "i",
        "we",
        "you",
        "he",
        "she",
        "it",
        "they",
        "me",
        "us",
        "him",
        "her",
        "them",
        "my",
        "our",
        "your",
        "his",
        "its",
        "their",
        "this",
        "that",
        "these",
        "those",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "one",
        "some",
        "many",
        "all",
    ]
)


@dataclass(slots=True, frozen=True)
class MeantimeGold:
    """The gold name mentions and the sentences (indexes) that carry any annotation."""

    spans: tuple[NerSpan, ...]
    annotated: frozenset[int]


def _is_name_mention(syntactic_type: str | None, words: Sequence[str]) -> bool:
    if syntactic_type in NAME_SYNTACTIC_TYPES:
        return True
    if syntactic_type:
        return False
    alphabetic = [w for w in words if w[:1].isalpha()]
    return (
        bool(alphabetic)
        and alphabetic[0].lower() not in PRONOUNS
        and all(w[0].isupper() for w in alphabetic)
    )


def read_document(path: Path) -> tuple[tuple[str, ...], MeantimeGold]:
    """Sentence texts and the gold named mentions (sentence, start, end, type)."""
    root = ET.parse(path).getroot()
    places: dict[str, tuple[int, int, int, str]] = {}
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
        places[token.get("t_id", "")] = (len(sentences) - 1, start, start + len(text), text)
    types = {e.get("m_id"): e.get("ent_type", "") for e in root.iter("ENTITY")}
    mention_type: dict[str, str] = {}
    for link in root.iter("REFERS_TO"):
        target = link.find("target")
        kind = types.get(target.get("m_id")) if target is not None else None
        for source in link.findall("source"):
            if kind:
                mention_type[source.get("m_id", "")] = kind
    gold = []
    annotated: set[int] = set()
    for mention in root.iter("ENTITY_MENTION"):
        anchors = [places[a] for a in _anchor_ids(mention) if a in places]
        annotated.update(a[0] for a in anchors)
        kind = mention_type.get(mention.get("m_id", ""), "")
        if kind not in SCORED_TYPES or not anchors or len({a[0] for a in anchors}) != 1:
            continue
        if _is_name_mention(mention.get("syntactic_type"), [a[3] for a in anchors]):
            gold.append((anchors[0][0], anchors[0][1], anchors[-1][2], kind))
    texts = tuple(" ".join(words) for words in sentences)
    return texts, MeantimeGold(tuple(gold), frozenset(annotated))


def _anchor_ids(mention: ET.Element) -> list[str]:
    return [a.get("t_id", "") for a in mention.iter("token_anchor")]


def score_page(gold: MeantimeGold, predicted: Sequence[NerSpan]) -> NerCounts:
    """Exact match, predictions only in sentences that carry annotations."""
    kept = [span for span in predicted if span[0] in gold.annotated]
    return score_spans(gold.spans, kept)


def _scored(
    system: System[tuple[str, ...], list[NerSpan]],
) -> System[tuple[str, ...], list[NerSpan]]:
    def run(texts: tuple[str, ...]) -> list[NerSpan]:
        return [span for span in system.run(texts) if span[3] in SCORED_TYPES]

    return System(system.name, run)


def list_pages(folder: Path, limit: int | None = None) -> list[EvalPage[MeantimeGold]]:
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


def evaluate_meantime_entities(
    folder: Path, limit: int | None = None, split: SplitChoice = DEFAULT_SPLIT
) -> DatasetResult[NerScore]:
    comparison: Comparison[MeantimeGold, tuple[str, ...], list[NerSpan], NerCounts, NerScore] = (
        Comparison(
            name=RESULT_NAME,
            metric="named mention exact-match micro P/R/F1, annotated sentences",
            read=read_page,
            ours=_scored(NEWSLOOM_DOCUMENT),
            baseline=_scored(BARE_MODEL_DOCUMENT),
            empty=[],
            score_page=score_page,
            aggregate=aggregate,
        )
    )
    return comparison.run(list_pages(folder, limit), split)


__all__: Sequence[str] = ["NAME", "evaluate_meantime_entities"]
