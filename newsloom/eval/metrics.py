"""Scores used by the evaluation sets (each described in the set's SOURCE.md)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """Contiguous n-grams of `\\w+` tokens; a text shorter than n gives one shingle."""
    tokens = _TOKEN.findall(text or "")
    if len(tokens) < n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


@dataclass(slots=True, frozen=True)
class PageScore:
    tp: float
    fp: float
    fn: float
    exact: bool


def score_page(gold: str, predicted: str) -> PageScore:
    """ScrapingHub benchmark page score: shingle multiset TP/FP/FN normalised to sum 1."""
    gold_shingles, pred_shingles = shingles(gold), shingles(predicted)
    tp = sum((gold_shingles & pred_shingles).values())
    fp = sum((pred_shingles - gold_shingles).values())
    fn = sum((gold_shingles - pred_shingles).values())
    total = tp + fp + fn
    exact = _TOKEN.findall(gold or "") == _TOKEN.findall(predicted or "")
    if total == 0:
        return PageScore(0.0, 0.0, 0.0, exact)
    return PageScore(tp / total, fp / total, fn / total, exact)


@dataclass(slots=True, frozen=True)
class BodyScore:
    precision: float
    recall: float
    f1: float
    accuracy: float
    pages: int


def aggregate(pages: Iterable[PageScore]) -> BodyScore:
    """Mean precision and recall over pages; F1 is the harmonic mean of the two means."""
    precisions, recalls, exact, count = [], [], 0, 0
    for page in pages:
        count += 1
        exact += page.exact
        if page.tp + page.fp > 0:
            precisions.append(page.tp / (page.tp + page.fp) if page.fp or page.tp else 1.0)
        if page.tp + page.fn > 0:
            recalls.append(page.tp / (page.tp + page.fn) if page.fn or page.tp else 1.0)
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return BodyScore(precision, recall, f1, exact / count if count else 0.0, count)
