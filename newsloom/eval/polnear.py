"""PolNeAR: quotes and reported speech with their sources in political news (BRAT standoff).

Layout: `dev/text/<article>.txt` and `dev/attributions/<article>_<annotator>.ann`
(`T` lines: `Tn<TAB>LABEL start end[;start end]<TAB>surface`; `E` lines tie
`Content:`, `Source:` and `Cue:` of one attribution). An article with two
annotators is scored against the first `.ann` file in sorted order.

A gold attribution is *direct* when its content (from its first to its last
fragment) is enclosed in quote marks, *reported* otherwise. Per kind (and
combined: the per-kind counts summed, so a match never crosses kinds): content F1
with one-to-one overlap matching (any shared character), the same with exact
matching (both sides trimmed of whitespace, punctuation, quote marks and a
leading `that`), and speaker accuracy over overlap-matched pairs whose gold has a
Source: the predicted speaker span must overlap a gold Source fragment (gold
marks the words in the text, so a pronoun source is right when we point at the
pronoun, whoever it is resolved to). Predicted pieces of one quote split by its
attribution (same cue) are merged into one extent, as gold has one discontinuous
content. The baseline is a quote-mark regex attributed to the nearest `said`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsloom.eval.metrics import harmonic_mean
from newsloom.eval.runner import Comparison, DatasetLayoutError, DatasetResult, EvalPage, System
from newsloom.eval.sources import read_utf8_text
from newsloom.eval.split import DEFAULT_SPLIT, SplitChoice

NAME = "polnear"
SPLIT = "dev"
KINDS = ("direct", "reported")
QUOTE_MARKS = "\"“”«»„‘’'"
TRIM = " \t\n\r.,;:!?—–-…()[]" + QUOTE_MARKS


@dataclass(slots=True, frozen=True)
class Unit:
    """One attribution, gold or predicted: content extent, speaker fragments, kind."""

    start: int
    end: int
    kind: str
    speaker: tuple[tuple[int, int], ...] = ()


@dataclass(slots=True, frozen=True)
class Page:
    text: str
    units: tuple[Unit, ...] = ()


@dataclass(slots=True)
class Counts:
    gold: int = 0
    predicted: int = 0
    overlap: int = 0
    exact: int = 0
    speaker_total: int = 0
    speaker_right: int = 0

    def add(self, other: Counts) -> None:
        for name in self.__slots__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def f1(self, hits: int) -> float:
        precision = hits / self.predicted if self.predicted else 0.0
        recall = hits / self.gold if self.gold else 0.0
        return harmonic_mean(precision, recall)

    def to_dict(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in self.__slots__}


@dataclass(slots=True)
class QuoteScore:
    by_kind: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in KINDS})

    def combined(self) -> Counts:
        """Both kinds together: one content F1 over every attribution."""
        total = Counts()
        for counts in self.by_kind.values():
            total.add(counts)
        return total

    def metrics(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for kind, counts in [*self.by_kind.items(), ("combined", self.combined())]:
            out[f"{kind} F1"] = counts.f1(counts.overlap)
            out[f"{kind} F1 exact"] = counts.f1(counts.exact)
            total = counts.speaker_total
            out[f"{kind} speaker acc"] = counts.speaker_right / total if total else 0.0
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "metrics": {k: round(v, 4) for k, v in self.metrics().items()},
            "counts": {k: c.to_dict() for k, c in self.by_kind.items()},
        }


# Reading the gold -------------------------------------------------------------------


def list_pages(folder: Path, limit: int | None = None) -> list[EvalPage[tuple[Unit, ...]]]:
    split = folder / SPLIT
    texts, annotations = split / "text", split / "attributions"
    if not texts.is_dir() or not annotations.is_dir():
        raise DatasetLayoutError(f"{split} lacks text/ or attributions/")
    pages = []
    for path in sorted(texts.glob("*.txt")):
        files = sorted(annotations.glob(f"{path.stem}_*.ann"))
        if not files:
            continue
        text = read_utf8_text(path)
        pages.append(EvalPage(path.stem, read_ann(files[0].read_text("utf-8"), text), path))
    return pages if limit is None else pages[: max(limit, 0)]


def read_ann(ann: str, text: str) -> tuple[Unit, ...]:
    spans: dict[str, tuple[tuple[int, int], ...]] = {}
    relations: list[dict[str, str]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label_and_offsets = parts[1].split(" ", 1)
            if len(label_and_offsets) == 2:
                spans[parts[0]] = _fragments(label_and_offsets[1])
        elif line.startswith("E") and len(parts) >= 2:
            relations.append(dict(item.split(":", 1) for item in parts[1].split() if ":" in item))
    units = []
    for relation in relations:
        content = spans.get(relation.get("Content", ""))
        if not content:
            continue
        start, end = min(s for s, _ in content), max(e for _, e in content)
        source = spans.get(relation.get("Source", ""), ())
        units.append(Unit(start, end, gold_kind(text, start, end), source))
    return tuple(units)


def _fragments(offsets: str) -> tuple[tuple[int, int], ...]:
    fragments = []
    for piece in offsets.split(";"):
        numbers = piece.split()
        if len(numbers) == 2 and all(n.isdigit() for n in numbers):
            fragments.append((int(numbers[0]), int(numbers[1])))
    return tuple(fragments)


def gold_kind(text: str, start: int, end: int) -> str:
    """Direct when the content is enclosed in quote marks (inside or just outside it)."""
    inner = text[start:end].strip()
    before = text[max(0, start - 2) : start].strip()
    after = text[end : end + 2].strip()
    opens = inner[:1] in QUOTE_MARKS or before[-1:] in QUOTE_MARKS
    closes = inner.rstrip(".,;:!?")[-1:] in QUOTE_MARKS or after[:1] in QUOTE_MARKS
    return "direct" if opens and closes else "reported"


# The systems ------------------------------------------------------------------------


def newsloom_quotes(text: str) -> Page:
    from newsloom.api import analyze

    article = analyze(text)
    merged: dict[tuple[object, ...], Unit] = {}
    for quote in article.quotes:
        speaker = (
            ((quote.speaker_start, quote.speaker_end),)
            if quote.speaker_start is not None and quote.speaker_end is not None
            else ()
        )
        key: tuple[object, ...] = (quote.kind, quote.cue_start, speaker)
        if quote.cue_start is None or quote.kind != "direct":
            key = (quote.kind, quote.start)
        unit = merged.get(key)
        start = min(unit.start, quote.start) if unit else quote.start
        end = max(unit.end, quote.end) if unit else quote.end
        merged[key] = Unit(start, end, quote.kind, speaker)
    return Page(text, tuple(merged.values()))


_QUOTE = re.compile(r"[\"“]([^\"“”\n]{2,}?)[\"”]")
_SAID_AFTER = re.compile(r"^\W{0,3}\s*(?:said\s+(\w+(?:\s+[A-Z]\w+)*)|(\w+(?:\s+\w+)?)\s+said)\b")
_SAID_BEFORE = re.compile(r"(\w+(?:\s+[A-Z]\w+)?)\s+said\W{0,3}\s*$")


def regex_quotes(text: str) -> Page:
    """Quote marks, attributed to the words next to the nearest `said` around them."""
    units = []
    for match in _QUOTE.finditer(text):
        speaker: tuple[tuple[int, int], ...] = ()
        after = _SAID_AFTER.search(text[match.end() : match.end() + 60])
        before = _SAID_BEFORE.search(text[max(0, match.start() - 60) : match.start()])
        if after:
            group = 1 if after.group(1) else 2
            base = match.end()
            speaker = ((base + after.start(group), base + after.end(group)),)
        elif before:
            base = max(0, match.start() - 60)
            speaker = ((base + before.start(1), base + before.end(1)),)
        units.append(Unit(match.start(1), match.end(1), "direct", speaker))
    return Page(text, tuple(units))


# Scoring ----------------------------------------------------------------------------


def score_page(gold: tuple[Unit, ...], predicted: Page) -> QuoteScore:
    score = QuoteScore()
    for kind in KINDS:
        golds = [u for u in gold if u.kind == kind]
        preds = [u for u in predicted.units if u.kind == kind]
        counts = score.by_kind[kind]
        counts.gold, counts.predicted = len(golds), len(preds)
        counts.exact = _exact_hits(predicted.text, golds, preds)
        for g, p in _overlap_pairs(golds, preds):
            counts.overlap += 1
            if g.speaker:
                counts.speaker_total += 1
                counts.speaker_right += any(_overlaps(s, t) for s in p.speaker for t in g.speaker)
    return score


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _overlap_pairs(golds: Sequence[Unit], preds: Sequence[Unit]) -> list[tuple[Unit, Unit]]:
    """One-to-one pairs, the largest overlaps first."""
    candidates = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            shared = min(g.end, p.end) - max(g.start, p.start)
            if shared > 0:
                candidates.append((shared, gi, pi))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in sorted(candidates, reverse=True):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((golds[gi], preds[pi]))
    return pairs


def normalized(text: str) -> str:
    core = " ".join(text.split()).strip(TRIM)
    if core.lower().startswith("that "):
        core = core[5:].strip(TRIM)
    return core


def _exact_hits(text: str, golds: Sequence[Unit], preds: Sequence[Unit]) -> int:
    remaining = [normalized(text[p.start : p.end]) for p in preds]
    hits = 0
    for g in golds:
        key = normalized(text[g.start : g.end])
        if key in remaining:
            remaining.remove(key)
            hits += 1
    return hits


def aggregate(pages: Sequence[QuoteScore]) -> QuoteScore:
    total = QuoteScore()
    for page in pages:
        for kind in KINDS:
            total.by_kind[kind].add(page.by_kind[kind])
    return total


def evaluate_polnear(
    folder: Path, limit: int | None = None, split: SplitChoice = DEFAULT_SPLIT
) -> DatasetResult[QuoteScore]:
    comparison: Comparison[tuple[Unit, ...], str, Page, QuoteScore, QuoteScore] = Comparison(
        name=NAME,
        metric="content-span F1 and speaker accuracy",
        read=read_utf8_text,
        ours=System("newsloom", newsloom_quotes),
        baseline=System("quote-regex", regex_quotes),
        empty=Page(""),
        score_page=score_page,
        aggregate=aggregate,
    )
    return comparison.run(list_pages(folder, limit), split)
