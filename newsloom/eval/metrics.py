"""Scores used by the evaluation sets (each described in the set's SOURCE.md).

Three families:
- the ScrapingHub shingle metric (`score_page`, `aggregate`) for article bodies;
- the trafilatura snippet metric (`count_snippets`), summed into a `Confusion`;
- the htmldate date metric (`date_outcome`), counted into a `Confusion`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

SHINGLE_SIZE = 4
DATE_PREFIX_LENGTH = len("YYYY-MM-DD")

_TOKEN = re.compile(r"\w+")
_WHITESPACE = re.compile(r"\s+")


def tokens(text: str | None) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(text: str | None, n: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Contiguous n-grams of `\\w+` tokens; a text shorter than n gives one shingle."""
    words = tokens(text)
    if len(words) < n:
        return Counter([tuple(words)]) if words else Counter()
    return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


@dataclass(slots=True, frozen=True)
class PageScore:
    """One page's shingle TP/FP/FN, normalised to sum to 1 (all 0 when both texts are empty)."""

    tp: float
    fp: float
    fn: float
    exact: bool

    @property
    def precision(self) -> float:
        if self.fp == self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        if self.fp == self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0


def score_page(gold: str | None, predicted: str | None) -> PageScore:
    """ScrapingHub benchmark page score: shingle multiset TP/FP/FN normalised to sum 1."""
    gold_shingles, pred_shingles = shingles(gold), shingles(predicted)
    tp = sum((gold_shingles & pred_shingles).values())
    fp = sum((pred_shingles - gold_shingles).values())
    fn = sum((gold_shingles - pred_shingles).values())
    total = tp + fp + fn
    exact = tokens(gold) == tokens(predicted)
    if total == 0:
        return PageScore(0.0, 0.0, 0.0, exact)
    return PageScore(tp / total, fp / total, fn / total, exact)


@dataclass(slots=True, frozen=True)
class BodyScore:
    """Shingle metric over a set: mean precision and recall, F1 of the means, exact-match share."""

    precision: float
    recall: float
    f1: float
    accuracy: float
    pages: int

    def metrics(self) -> dict[str, float]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "accuracy": self.accuracy,
        }

    def to_dict(self) -> dict[str, float | int]:
        return {**self.metrics(), "pages": self.pages}


def aggregate(pages: Iterable[PageScore]) -> BodyScore:
    """Mean precision over pages that predicted something (TP+FP > 0), mean recall over
    pages whose gold has text (TP+FN > 0); F1 is the harmonic mean of the two means."""
    precisions: list[float] = []
    recalls: list[float] = []
    exact = count = 0
    for page in pages:
        count += 1
        exact += page.exact
        if page.tp + page.fp > 0:
            precisions.append(page.precision)
        if page.tp + page.fn > 0:
            recalls.append(page.recall)
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = harmonic_mean(precision, recall)
    return BodyScore(precision, recall, f1, exact / count if count else 0.0, count)


def harmonic_mean(a: float, b: float) -> float:
    return 2 * a * b / (a + b) if a + b else 0.0


@dataclass(slots=True, frozen=True)
class Confusion:
    """Totals of true/false positives/negatives; scores are computed from the totals."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def __add__(self, other: Confusion) -> Confusion:
        return Confusion(
            self.tp + other.tp, self.fp + other.fp, self.fn + other.fn, self.tn + other.tn
        )

    @classmethod
    def total(cls, parts: Iterable[Confusion]) -> Confusion:
        result = cls()
        for part in parts:
            result = result + part
        return result

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def accuracy(self) -> float:
        total = self.tp + self.fp + self.fn + self.tn
        return (self.tp + self.tn) / total if total else 0.0

    @property
    def f1(self) -> float:
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else 0.0

    def metrics(self) -> dict[str, float]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "accuracy": self.accuracy,
        }

    def to_dict(self) -> dict[str, float | int]:
        counts = {"tp": self.tp, "fp": self.fp, "fn": self.fn, "tn": self.tn}
        return {**self.metrics(), **counts}


def normalize_whitespace(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


def count_snippets(
    predicted: str | None, with_snippets: Sequence[str], without_snippets: Sequence[str]
) -> Confusion:
    """trafilatura's snippet metric for one page: a `with` snippet found in the
    (whitespace-normalised) output is a TP, missed a FN; a `without` snippet found is a
    FP, absent a TN. No output finds nothing."""
    text = normalize_whitespace(predicted or "")
    found_with = sum(1 for s in with_snippets if text and normalize_whitespace(s) in text)
    found_without = sum(1 for s in without_snippets if text and normalize_whitespace(s) in text)
    return Confusion(
        tp=found_with,
        fp=found_without,
        fn=len(with_snippets) - found_with,
        tn=len(without_snippets) - found_without,
    )


DateOutcome = Literal["tp", "fp", "fn", "tn"]


def date_day(value: str | None) -> str | None:
    """The YYYY-MM-DD part of an ISO date or date-time; None for nothing."""
    if not value or not value.strip():
        return None
    return value.strip()[:DATE_PREFIX_LENGTH]


def date_outcome(gold: str | None, predicted: str | None) -> DateOutcome:
    """htmldate's page outcome: TP same day, FP a different (or unwanted) day, FN none
    found where one was expected, TN none found and none expected."""
    gold_day, predicted_day = date_day(gold), date_day(predicted)
    if predicted_day is None:
        return "fn" if gold_day is not None else "tn"
    return "tp" if predicted_day == gold_day else "fp"


def count_dates(outcomes: Iterable[DateOutcome]) -> Confusion:
    counts = Counter(outcomes)
    return Confusion(tp=counts["tp"], fp=counts["fp"], fn=counts["fn"], tn=counts["tn"])
