"""Where the article sits in a page dump: its line region and its title line.

The body region is the run of lines with the highest score (good lines add their
length, short and bad lines cost a fixed amount): the densest stretch of prose,
with short lines such as subheadings allowed inside it.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsloom.extract.news_data import news_patterns
from newsloom.extract.news_lines import (
    byline_of,
    credit_of,
    is_chrome,
    is_headline_like,
    line_key,
)
from newsloom.extract.text_lines import LineClass, LineFeatures

# A copy of a line may differ in spacing and Unicode forms: lengths within this share.
_LENGTH_SLACK = 0.5


@dataclass(slots=True, frozen=True)
class Region:
    start: int
    end: int  # exclusive


def line_scores(features: list[LineFeatures], classes: list[LineClass]) -> list[float]:
    settings = news_patterns().text
    fixed = {
        LineClass.NEAR: settings.near_score,
        LineClass.SHORT: settings.short_score,
        LineClass.BAD: settings.bad_score,
    }
    near_weight = settings.near_sentence_weight
    scores = []
    for line, cls in zip(features, classes, strict=True):
        if cls is LineClass.GOOD:
            scores.append(line.length)
        elif cls is LineClass.NEAR and line.sentence_like:
            scores.append(line.length * near_weight)
        else:
            scores.append(fixed[cls])
    return scores


def best_region(scores: list[float]) -> Region:
    """The contiguous run with the largest total score (Kadane); empty when all negative."""
    best, best_start, best_end = 0.0, 0, 0
    total, start = 0.0, 0
    for i, score in enumerate(scores):
        if total <= 0:
            total, start = 0.0, i
        total += score
        if total > best:
            best, best_start, best_end = total, start, i + 1
    return Region(best_start, best_end)


def cut_at_end_marker(lines: list[str], scores: list[float], region: Region) -> Region:
    """End the region before a comments-section marker that follows some body text."""
    marker = news_patterns().text.end_markers
    total = 0.0
    for i in range(region.start, region.end):
        if total > 0 and marker.search(lines[i]):
            return best_region_within(scores, Region(region.start, i))
        total += max(scores[i], 0.0)
    return region


def best_region_within(scores: list[float], bounds: Region) -> Region:
    inner = best_region(scores[bounds.start : bounds.end])
    return Region(bounds.start + inner.start, bounds.start + inner.end)


def repeated_lede(lines: list[str]) -> tuple[int, int] | None:
    """(k, j) when lines[0:k] reappear as lines[j:j+k]: a page that repeats its lede.

    The header block between the copies (lines[k:j]) holds the title.
    """
    if not lines:
        return None
    keys: dict[int, str] = {}

    def key(i: int) -> str:
        if i not in keys:
            keys[i] = line_key(lines[i])
        return keys[i]

    # Equal keys have equal lengths up to spacing and case: compare the cheap length first.
    first = len(key(0))
    for j in range(1, len(lines)):
        if abs(len(lines[j]) - first) > _LENGTH_SLACK * first + 2 or key(j) != key(0):
            continue
        k = 0
        while j + k < len(lines) and k < j and key(k) == key(j + k):
            k += 1
        if k < j:
            return k, j
    return None


def is_title_like(line: str) -> bool:
    settings = news_patterns().text
    words = len(line.split())
    if not settings.title_min_words <= words <= settings.title_max_words:
        return False
    if credit_of(line) is not None or byline_of(line) is not None or is_chrome(line):
        return False
    return is_headline_like(line) or line.rstrip().endswith("?")


def find_title(lines: list[str], body_start: int) -> int | None:
    """Index of the headline-like line just before the body (skipping bylines, dates)."""
    window = news_patterns().text.title_window
    for i in range(body_start - 1, max(-1, body_start - 1 - window), -1):
        if is_title_like(lines[i]):
            return i
    return None


def title_in_header(lines: list[str], start: int, end: int) -> int | None:
    for i in range(start, end):
        if is_title_like(lines[i]):
            return i
    return None
