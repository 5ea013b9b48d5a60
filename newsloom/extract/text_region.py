"""Where the article sits in a page dump: its line region and its title line.

The body region is the run of lines with the highest score (good lines add their
length, short and bad lines cost a fixed amount): the densest stretch of prose,
with short lines such as subheadings allowed inside it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from newsloom.extract.news_data import news_patterns
from newsloom.extract.news_lines import (
    agency_name,
    byline_of,
    credit_of,
    is_chrome,
    is_headline_like,
    line_key,
    wire_of,
)
from newsloom.extract.text_lines import LineClass, LineFeatures, is_dated

# Distinct lines remembered by `is_header_furniture` (looked at again for each window).
_LINE_CACHE = 4096
# A copy of a line may differ in spacing and Unicode forms: lengths within this share.
_LENGTH_SLACK = 0.5
# The headline is looked for this many title windows back, past the header furniture.
_TITLE_LOOKBACK = 3
# "Published ...", "Updated ...": a date label.
_DATE_LABEL = re.compile(r"(?:published|updated|posted|last updated|first published)\b", re.I)
# A photo credit or author line names an agency as one of its comma or slash parts.
_CREDIT_PARTS = re.compile(r"\s*[,/|]\s*")
_OPENING_QUOTES = "\"'“‘«"
_CREDIT_MAX_WORDS = 8
# A wire-service slug ("BC-EU--Britain-Election, 1st Ld-Writethru").
_WIRE_SLUG = re.compile(r"[A-Z]{2,}-[A-Za-z]{2,}-|.*\bwritethru\b", re.I)
# Page controls start with these verbs ("Close share panel", "Back to gallery").
# fmt: off
_UI_VERBS = frozenset({
    "share", "sharing", "close", "back", "follow", "submit", "edit", "sign", "subscribe",
    "print", "email", "e-mail", "click", "tweet", "view", "load", "skip", "open", "watch",
    "listen", "download", "log", "login", "register", "join", "comment", "comments",
    "advertisement", "sponsored",
})
# fmt: on
# Menu lines made from one template share their first words with others.
_TEMPLATE_WORDS = 2
_TEMPLATE_MIN_LINES = 3


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
    """Index of the headline before the body: the nearest title-like line, looking past
    the header furniture between a headline and its body (see `is_header_furniture`),
    menu lines made from one template ("Share on X", "Share on Y") and photo captions
    (the line before a credit). A longer title-like line right above it is the headline
    and the nearer one its deck."""
    window = news_patterns().text.title_window
    first = max(0, body_start - window * _TITLE_LOOKBACK)
    menu = _templated(lines, first, body_start)
    for i in range(body_start - 1, first - 1, -1):
        if i in menu or is_header_furniture(lines[i]) or _is_caption(lines, i):
            continue
        if is_title_like(lines[i]):
            above = i - 1
            if (
                above >= first
                and above not in menu
                and not is_header_furniture(lines[above])
                and is_title_like(lines[above])
                and len(lines[above].split()) > len(lines[i].split())
            ):
                return above
            return i
    return None


def _is_caption(lines: list[str], i: int) -> bool:
    """A photo caption: the line just before a photo credit."""
    if i + 1 >= len(lines):
        return False
    after = lines[i + 1]
    return credit_of(after) is not None or (
        len(after.split()) <= _CREDIT_MAX_WORDS
        and any(agency_name(part) is not None for part in _CREDIT_PARTS.split(after))
    )


@functools.lru_cache(maxsize=_LINE_CACHE)
def is_header_furniture(line: str) -> bool:
    """A line of the block between headline and body that is no headline: a date or
    time, a byline or author name, an agency, a photo credit, share buttons and other
    chrome, a handle, or a deck whose byline runs on to the next line ("... by")."""
    text = line.strip()
    if len(text.split()) < news_patterns().text.title_min_words:
        return True
    if not (text[:1].isalnum() or text[:1] in _OPENING_QUOTES):
        return True  # a handle, a bullet, a symbol
    if is_dated(text) or _DATE_LABEL.match(text):
        return True
    if any(agency_name(part) is not None for part in _CREDIT_PARTS.split(text)):
        return True  # "Jane Roe, Associated Press", "REUTERS / POOL"
    if byline_of(text) is not None or credit_of(text) is not None or wire_of(text) is not None:
        return True
    if is_chrome(text) or agency_name(text) is not None or _WIRE_SLUG.match(text):
        return True
    if "://" in text or "www." in text:
        return True
    first_word = text.split()[0].lower().strip(":")
    return first_word in _UI_VERBS or text.lower().endswith(" by")


def _templated(lines: list[str], start: int, end: int) -> set[int]:
    """Lines that share their first or last two words with two others nearby: a menu
    ("Share on Facebook", "Share on Twitter", "Print (Opens in new window)")."""
    groups: dict[tuple[bool, str], list[int]] = {}
    for i in range(start, end):
        words = lines[i].lower().split()
        if len(words) >= _TEMPLATE_WORDS:
            groups.setdefault((True, " ".join(words[:_TEMPLATE_WORDS])), []).append(i)
            groups.setdefault((False, " ".join(words[-_TEMPLATE_WORDS:])), []).append(i)
    return {i for group in groups.values() if len(group) >= _TEMPLATE_MIN_LINES for i in group}


def title_in_header(lines: list[str], start: int, end: int) -> int | None:
    for i in range(start, end):
        if is_title_like(lines[i]):
            return i
    return None
