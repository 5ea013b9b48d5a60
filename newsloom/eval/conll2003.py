"""CoNLL-2003 English NER (dev split, CoNLL++ file): the bare spaCy model against newsloom.

Layout: `dev.conllpp.txt` (`TOKEN POS CHUNK NER`, IOB2 tags, `-DOCSTART-` between documents).
A page is one document; each sentence is run alone, its text the tokens joined by spaces.
Label mapping (spaCy -> CoNLL): PERSON -> PER; ORG -> ORG; GPE, LOC, FAC -> LOC; NORP, EVENT,
PRODUCT, WORK_OF_ART, LAW, LANGUAGE -> MISC; dates, numbers and the rest are not names and are
dropped. newsloom's spans are the mentions of its entities that the model found (titles and
possessives trimmed, labels corrected by the gazetteer and the article), never the role noun
phrases its rules add; labels it does not make entities of pass through from the model.
Score: conlleval exact-match micro precision/recall/F1, overall and per type.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsloom.eval.runner import Comparison, DatasetLayoutError, DatasetResult, EvalPage, System
from newsloom.eval.split import DEFAULT_SPLIT, SplitChoice

NAME = "conll2003"
DEV_FILE = "dev.conllpp.txt"
TYPES = ("PER", "ORG", "LOC", "MISC")
SPACY_TO_CONLL = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
}

if TYPE_CHECKING:
    from spacy.tokens import Doc

# (sentence index, start char, end char, type)
NerSpan = tuple[int, int, int, str]
DocSpans = Callable[["Doc"], list[tuple[int, int, str]]]


@dataclass(slots=True, frozen=True)
class NerCounts:
    tp: dict[str, int]
    fp: dict[str, int]
    fn: dict[str, int]


@dataclass(slots=True)
class NerScore:
    tp: dict[str, int] = field(default_factory=dict)
    fp: dict[str, int] = field(default_factory=dict)
    fn: dict[str, int] = field(default_factory=dict)

    def _prf(self, kinds: Sequence[str]) -> tuple[float, float, float]:
        tp = sum(self.tp.get(k, 0) for k in kinds)
        fp = sum(self.fp.get(k, 0) for k in kinds)
        fn = sum(self.fn.get(k, 0) for k in kinds)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def metrics(self) -> dict[str, float]:
        kinds = sorted(set(self.tp) | set(self.fp) | set(self.fn))
        p, r, f = self._prf(kinds)
        out = {"precision": p, "recall": r, "f1": f}
        for kind in kinds:
            out[f"{kind} f1"] = self._prf([kind])[2]
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, **self.metrics()}


def score_spans(gold: Sequence[NerSpan], predicted: Sequence[NerSpan]) -> NerCounts:
    gold_set, pred_set = set(gold), set(predicted)
    tp: dict[str, int] = {}
    fp: dict[str, int] = {}
    fn: dict[str, int] = {}
    for span in pred_set:
        table = tp if span in gold_set else fp
        table[span[3]] = table.get(span[3], 0) + 1
    for span in gold_set - pred_set:
        fn[span[3]] = fn.get(span[3], 0) + 1
    return NerCounts(tp, fp, fn)


def aggregate(pages: Sequence[NerCounts]) -> NerScore:
    score = NerScore()
    for page in pages:
        for total, part in ((score.tp, page.tp), (score.fp, page.fp), (score.fn, page.fn)):
            for kind, count in part.items():
                total[kind] = total.get(kind, 0) + count
    return score


def _bare_doc(doc: Doc) -> list[tuple[int, int, str]]:
    return [
        (ent.start_char, ent.end_char, SPACY_TO_CONLL[ent.label_])
        for ent in doc.ents
        if ent.label_ in SPACY_TO_CONLL
    ]


def _newsloom_doc(doc: Doc) -> list[tuple[int, int, str]]:
    """Mentions of newsloom's entities found by the model, plus the model's other names."""
    from newsloom.enrich.entities.rules import entity_rules
    from newsloom.enrich.entities.stage import model_spans

    kept = entity_rules().labels
    spans = [
        (s, e, SPACY_TO_CONLL[label]) for s, e, label in model_spans(doc) if label in SPACY_TO_CONLL
    ]
    for ent in doc.ents:
        if ent.label_ not in kept and ent.label_ in SPACY_TO_CONLL:
            spans.append((ent.start_char, ent.end_char, SPACY_TO_CONLL[ent.label_]))
    return spans


def _per_sentence(texts: Sequence[str], spans_of: DocSpans) -> list[NerSpan]:
    """Each sentence parsed alone."""
    from newsloom.enrich.nlp import load_pipeline

    spans: list[NerSpan] = []
    for i, doc in enumerate(load_pipeline().pipe(texts)):
        spans.extend((i, start, end, kind) for start, end, kind in spans_of(doc))
    return spans


def _per_document(texts: Sequence[str], spans_of: DocSpans) -> list[NerSpan]:
    """The sentences parsed as one article (a newline between them), spans mapped back.

    Article-level rules (a surname joining its full name, one label per surface form) see the
    whole document, as they do in newsloom; a span that crosses a sentence break is dropped.
    """
    from newsloom.enrich.nlp import load_pipeline

    starts, offset = [], 0
    for text in texts:
        starts.append(offset)
        offset += len(text) + 1
    doc = load_pipeline()("\n".join(texts))
    spans: list[NerSpan] = []
    for start, end, kind in spans_of(doc):
        i = bisect.bisect_right(starts, start) - 1
        if end <= starts[i] + len(texts[i]):
            spans.append((i, start - starts[i], end - starts[i], kind))
    return spans


def bare_spans(texts: Sequence[str]) -> list[NerSpan]:
    return _per_sentence(texts, _bare_doc)


def newsloom_spans(texts: Sequence[str]) -> list[NerSpan]:
    return _per_sentence(texts, _newsloom_doc)


def bare_document_spans(texts: Sequence[str]) -> list[NerSpan]:
    return _per_document(texts, _bare_doc)


def newsloom_document_spans(texts: Sequence[str]) -> list[NerSpan]:
    return _per_document(texts, _newsloom_doc)


BARE_MODEL: System[tuple[str, ...], list[NerSpan]] = System("spacy-sm", bare_spans)
NEWSLOOM_NER: System[tuple[str, ...], list[NerSpan]] = System("newsloom", newsloom_spans)
BARE_MODEL_DOCUMENT: System[tuple[str, ...], list[NerSpan]] = System(
    "spacy-sm", bare_document_spans
)
NEWSLOOM_DOCUMENT: System[tuple[str, ...], list[NerSpan]] = System(
    "newsloom", newsloom_document_spans
)


@dataclass(slots=True, frozen=True)
class ConllDocument:
    sentences: tuple[str, ...]
    gold: tuple[NerSpan, ...]


@functools.lru_cache(maxsize=2)
def read_documents(path: Path) -> tuple[ConllDocument, ...]:
    documents: list[ConllDocument] = []
    sentences: list[str] = []
    gold: list[NerSpan] = []
    tokens: list[tuple[str, str]] = []

    def end_sentence() -> None:
        if tokens:
            text, spans = sentence_spans(tokens)
            gold.extend((len(sentences), s, e, t) for s, e, t in spans)
            sentences.append(text)
            tokens.clear()

    def end_document() -> None:
        end_sentence()
        if sentences:
            documents.append(ConllDocument(tuple(sentences), tuple(gold)))
        sentences.clear()
        gold.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            end_sentence()
        elif parts[0] == "-DOCSTART-":
            end_document()
        else:
            tokens.append((parts[0], parts[-1]))
    end_document()
    return tuple(documents)


def sentence_spans(tokens: Sequence[tuple[str, str]]) -> tuple[str, list[tuple[int, int, str]]]:
    """The sentence text (tokens joined by spaces) and its IOB2 entities as char spans."""
    spans: list[tuple[int, int, str]] = []
    offset, current = 0, None
    for word, tag in tokens:
        start, end = offset, offset + len(word)
        if tag.startswith("I-") and current is not None and current[2] == tag[2:]:
            current = (current[0], end, current[2])
        else:
            if current is not None:
                spans.append(current)
            current = (start, end, tag[2:]) if tag != "O" else None
        offset = end + 1
    if current is not None:
        spans.append(current)
    return " ".join(word for word, _ in tokens), spans


def list_pages(folder: Path, limit: int | None = None) -> list[EvalPage[tuple[NerSpan, ...]]]:
    path = folder / DEV_FILE
    if not path.is_file():
        raise DatasetLayoutError(f"{DEV_FILE} not found in {folder}")
    documents = read_documents(path)
    count = len(documents) if limit is None else min(limit, len(documents))
    return [
        EvalPage(f"{i:04d}", documents[i].gold, path.with_name(f"{DEV_FILE}#{i}"))
        for i in range(count)
    ]


def read_page(path: Path) -> tuple[str, ...]:
    name, index = path.name.rsplit("#", 1)
    return read_documents(path.with_name(name))[int(index)].sentences


def evaluate_conll2003(
    folder: Path, limit: int | None = None, split: SplitChoice = DEFAULT_SPLIT
) -> DatasetResult[NerScore]:
    comparison: Comparison[
        tuple[NerSpan, ...], tuple[str, ...], list[NerSpan], NerCounts, NerScore
    ] = Comparison(
        name=NAME,
        metric="entity exact-match micro P/R/F1",
        read=read_page,
        ours=NEWSLOOM_NER,
        baseline=BARE_MODEL,
        empty=[],
        score_page=score_spans,
        aggregate=aggregate,
    )
    return comparison.run(list_pages(folder, limit), split)
