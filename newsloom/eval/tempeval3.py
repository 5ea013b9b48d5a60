"""TempEval-3 (TBAQ-cleaned TimeBank + AQUAINT): time expressions and their TimeML values.

Layout: `TBAQ-cleaned/{TimeBank,AQUAINT}/*.tml` (TimeML XML). The text scored is the
`<TEXT>` element's text content; gold are its TIMEX3 spans (type, value); the anchor
is the document creation time (`<DCT><TIMEX3 functionInDocument="CREATION_TIME">`).
Metrics as TempEval-3 defines them: strict and relaxed (any overlap) extent P/R/F1,
value F1 = relaxed F1 x value accuracy over the relaxed matches, type accuracy.
newsloom's TimeStage (the product path: Article, spaCy parse, stage) against
dateparser's `search_dates` with the DCT as relative base (values as YYYY-MM-DD).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsloom.eval.runner import (
    Comparison,
    DatasetLayoutError,
    DatasetResult,
    EvalPage,
    MissingBaselineError,
    System,
    take,
)
from newsloom.eval.split import DEFAULT_SPLIT, SplitChoice
from newsloom.record import Article, parse_iso

NAME = "tempeval3"
CORPUS_FOLDER = "TBAQ-cleaned"
SUFFIX = ".tml"

_TAG = re.compile(r"<[^>]+>|[^<]+")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_DCT = re.compile(r"<DCT>\s*<TIMEX3([^>]*)>", re.S)


@dataclass(frozen=True, slots=True)
class Timex:
    start: int
    end: int
    value: str
    type: str


@dataclass(frozen=True, slots=True)
class TimeDoc:
    """What a system sees: the text and its anchor."""

    text: str
    anchor: dt.date | dt.datetime | None


@dataclass(frozen=True, slots=True)
class TimexCounts:
    """One document's (or a set's) TIMEX3 match counts."""

    gold: int = 0
    predicted: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0

    def __add__(self, other: TimexCounts) -> TimexCounts:
        return TimexCounts(
            self.gold + other.gold,
            self.predicted + other.predicted,
            self.strict + other.strict,
            self.relaxed + other.relaxed,
            self.value + other.value,
            self.type + other.type,
        )


def _f1(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass(frozen=True, slots=True)
class TimexScore:
    counts: TimexCounts = field(default_factory=TimexCounts)

    def metrics(self) -> dict[str, float]:
        c = self.counts
        sp, sr, sf = _f1(c.strict, c.predicted, c.gold)
        rp, rr, rf = _f1(c.relaxed, c.predicted, c.gold)
        value_acc = c.value / c.relaxed if c.relaxed else 0.0
        type_acc = c.type / c.relaxed if c.relaxed else 0.0
        return {
            "strict P": sp,
            "strict R": sr,
            "strict F1": sf,
            "relaxed P": rp,
            "relaxed R": rr,
            "relaxed F1": rf,
            "value F1": rf * value_acc,
            "value acc": value_acc,
            "type F1": rf * type_acc,
            "type acc": type_acc,
        }

    def to_dict(self) -> dict[str, Any]:
        c = self.counts
        return {
            **{k: round(v, 4) for k, v in self.metrics().items()},
            "gold": c.gold,
            "predicted": c.predicted,
            "strict_matches": c.strict,
            "relaxed_matches": c.relaxed,
            "value_correct": c.value,
            "type_correct": c.type,
        }


def score_timexes(gold: Sequence[Timex], predicted: Sequence[Timex]) -> TimexCounts:
    """Match each gold TIMEX to at most one overlapping prediction (exact span first)."""
    strict = relaxed = value = type_ = 0
    used: set[int] = set()
    for g in gold:
        exact = [i for i, p in enumerate(predicted) if (p.start, p.end) == (g.start, g.end)]
        overlapping = [i for i, p in enumerate(predicted) if p.start < g.end and g.start < p.end]
        choice = next((i for i in exact + overlapping if i not in used), None)
        if choice is None:
            continue
        used.add(choice)
        p = predicted[choice]
        relaxed += 1
        strict += (p.start, p.end) == (g.start, g.end)
        value += p.value == g.value
        type_ += p.type == g.type
    return TimexCounts(len(gold), len(predicted), strict, relaxed, value, type_)


def aggregate(scores: Sequence[TimexCounts]) -> TimexScore:
    total = TimexCounts()
    for s in scores:
        total = total + s
    return TimexScore(total)


def read_tml(raw: str) -> tuple[TimeDoc, list[Timex]]:
    """The TEXT content, its DCT anchor and its gold TIMEX3 spans."""
    body = _TEXT.search(raw)
    if body is None:
        raise DatasetLayoutError("no <TEXT> element")
    dct = _DCT.search(raw)
    anchor = parse_iso(dict(_ATTR.findall(dct.group(1))).get("value")) if dct else None
    pieces: list[str] = []
    gold: list[Timex] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    for token in _TAG.findall(body.group(1)):
        if token.startswith("<TIMEX3"):
            open_timex = (length, dict(_ATTR.findall(token)))
        elif token.startswith("</TIMEX3") and open_timex is not None:
            start, attrs = open_timex
            gold.append(Timex(start, length, attrs.get("value", ""), attrs.get("type", "")))
            open_timex = None
        elif not token.startswith("<"):
            text = html.unescape(token)
            pieces.append(text)
            length += len(text)
    return TimeDoc("".join(pieces), _as_anchor(anchor)), gold


def _as_anchor(value: dt.date | dt.datetime | None) -> dt.date | dt.datetime | None:
    return value


def _files(folder: Path) -> Iterator[Path]:
    root = folder / CORPUS_FOLDER if (folder / CORPUS_FOLDER).is_dir() else folder
    yield from root.rglob(f"*{SUFFIX}")


def list_pages(folder: Path, limit: int | None = None) -> list[EvalPage[list[Timex]]]:
    paths = {str(p.relative_to(folder)): p for p in _files(folder)}
    if not paths:
        raise DatasetLayoutError(f"no {SUFFIX} files under {folder}")
    pages = []
    for key in take(paths, limit):
        _, gold = read_tml(paths[key].read_text(encoding="utf-8"))
        pages.append(EvalPage(key, gold, paths[key], unit=paths[key].stem))
    return pages


def read_page(path: Path) -> TimeDoc:
    return read_tml(path.read_text(encoding="utf-8"))[0]


def run_newsloom(doc: TimeDoc) -> list[Timex]:
    """The product path: an Article with the anchor as published, parsed, TimeStage."""
    from newsloom.enrich.nlp import load_pipeline, parse
    from newsloom.enrich.times.stage import TimeStage

    article = Article(paragraphs=[doc.text], published=doc.anchor, language="en")
    parsed = next(parse(load_pipeline(), [article.text]))
    TimeStage()(article, parsed)
    return [Timex(t.start, t.end, t.value, t.type) for t in article.times]


def _search_dates() -> Callable[..., Any]:
    """dateparser's `search_dates`, imported only here: dateparser is in the `eval` extra."""
    try:
        from dateparser.search import search_dates
    except ModuleNotFoundError as error:
        raise MissingBaselineError("dateparser") from error
    return search_dates


def run_dateparser(doc: TimeDoc) -> list[Timex]:
    """dateparser's search_dates, relative to the anchor; spans found in order."""
    search_dates = _search_dates()
    base = doc.anchor
    if isinstance(base, dt.date) and not isinstance(base, dt.datetime):
        base = dt.datetime(base.year, base.month, base.day)
    settings: dict[str, Any] = {"RELATIVE_BASE": base} if base else {}
    found = search_dates(doc.text, languages=["en"], settings=settings) or []
    out, cursor = [], 0
    for phrase, when in found:
        start = doc.text.find(phrase, cursor)
        if start < 0:
            continue
        cursor = start + len(phrase)
        out.append(Timex(start, cursor, when.date().isoformat(), "DATE"))
    return out


NEWSLOOM_TIMES: System[TimeDoc, list[Timex]] = System("newsloom", run_newsloom)
DATEPARSER: System[TimeDoc, list[Timex]] = System("dateparser", run_dateparser)


def timex_comparison(
    name: str, metric: str, read: Callable[[Path], TimeDoc]
) -> Comparison[list[Timex], TimeDoc, list[Timex], TimexCounts, TimexScore]:
    """newsloom's TimeStage beside dateparser, scored the TempEval-3 way (also for MEANTIME).

    Raises `MissingBaselineError` up front when dateparser is not installed.
    """
    _search_dates()
    return Comparison(
        name=name,
        metric=metric,
        read=read,
        ours=NEWSLOOM_TIMES,
        baseline=DATEPARSER,
        empty=[],
        score_page=score_timexes,
        aggregate=aggregate,
    )


def evaluate_tempeval3(
    folder: Path, limit: int | None = None, split: SplitChoice = DEFAULT_SPLIT
) -> DatasetResult[TimexScore]:
    comparison = timex_comparison(NAME, "TempEval-3 TIMEX3", read_page)
    return comparison.run(list_pages(folder, limit), split)
