"""Matches that are no time of the story: page furniture, and numbers that are no years.

Read from the text around the match alone (no parse needed), with the word lists of
[years] and [chrome] in data/times.toml:

- a 4-digit number after a label word is a number ("Room 1909", "Resolution 2254"), and
  one before a street name an address ("1909 Elm Street", "the 1900 block of");
- a vague word ("now", "current") written capitalised inside a sentence belongs to a
  title or a button ("Sign Up Now", "Current Issue");
- a year right after a copyright mark ("(c) 2008 Example Media") dates the page, not the
  story: it is kept (the judges of the check half took one for right) at the confidence
  of page furniture.
"""

from __future__ import annotations

import re
from functools import cache

from newsloom.enrich.times.lexicon import Lexicon

# How far around a match the furniture checks look (on the match's line only).
LOOK_BEHIND = 40
LOOK_AHEAD = 80


def not_a_year(text: str, start: int, end: int, lexicon: Lexicon) -> bool:
    """A 4-digit match that is a label's number or a street number."""
    before = _line_before(text, start, LOOK_BEHIND)
    if before.endswith("#"):
        return True
    words = before.split()
    if words and words[-1].lower() in lexicon.years.label_words:
        return True
    years = lexicon.years
    after = _line_after(text, end, LOOK_AHEAD)
    return _address_after(years.street_types, years.address_blocks).match(after) is not None


def copyright_year(text: str, start: int, lexicon: Lexicon) -> bool:
    """A year right after a copyright mark: the page's, most likely not the story's."""
    before = _line_before(text, start, LOOK_BEHIND)
    return _copyright_before(lexicon.years.copyright_marks).search(before) is not None


def is_chrome(text: str, start: int, end: int, lexicon: Lexicon) -> bool:
    """A vague word written capitalised inside a sentence: a title or a button."""
    word = text[start:end]
    return word[:1].isupper() and word[1:].islower() and not _sentence_start(text, start, lexicon)


def _sentence_start(text: str, start: int, lexicon: Lexicon) -> bool:
    before = _line_before(text, start, LOOK_BEHIND).rstrip()
    return not before or before[-1] in lexicon.chrome.sentence_ends


def _line_before(text: str, start: int, size: int) -> str:
    piece = text[max(0, start - size) : start]
    return piece[piece.rfind("\n") + 1 :]


def _line_after(text: str, end: int, size: int) -> str:
    piece = text[end : end + size]
    cut = piece.find("\n")
    return piece if cut < 0 else piece[:cut]


@cache
def _copyright_before(copyright_marks: tuple[str, ...]) -> re.Pattern[str]:
    marks = "|".join(re.escape(m) for m in copyright_marks)
    # The mark, then maybe "2005-" or "2005 -" of a range, right before the year.
    return re.compile(rf"(?:{marks})\s*(?:\d{{4}}\s*[-–]\s*)?$")


@cache
def _address_after(street_types: tuple[str, ...], blocks: frozenset[str]) -> re.Pattern[str]:
    types = "|".join(re.escape(t) for t in street_types)
    block_words = "|".join(re.escape(b) for b in sorted(blocks))
    return re.compile(
        rf"\s+(?:(?:[NSEW]\.?|North|South|East|West)\s+)?(?:[A-Z][\w'’.-]*\s+){{1,3}}"
        rf"(?:{types})\b|\s+(?:{block_words})\b"
    )
