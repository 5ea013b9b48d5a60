"""How plausible a decoded text is as natural writing, to choose between code pages.

A wrong single-byte code page leaves tell-tale words behind: Cyrillic letters
glued to Latin ones (`rййlu` from French read as cp1251), words made only of
accented Latin letters (`Ïðåçèäåíò` from Russian read as cp1252), symbols or
half-width forms inside words, rare letters (`ћэр` from cp1251 read as Mac
Cyrillic), and upper-case running text (KOI8 read as cp1251 swaps the case).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from newsloom.ingest.charsets import (
    CORE_CYRILLIC,
    CYRILLIC_BIGRAMS,
    IMPLAUSIBLE_SCRIPTS,
    RARE_LETTER_WEIGHT,
    SCRIPT_GROUPS,
)

__all__ = ["score_letters", "score_text", "score_words"]

_WORD = re.compile(r"[^\W\d_]+")
_CYRILLIC_LOWER_PAIR = re.compile(r"(?=([а-яёіїєґў]{2}))")


@lru_cache(maxsize=4096)
def _script(char: str) -> str:
    if char.isascii():
        return "LATIN"
    prefix = unicodedata.name(char, "UNNAMED").split(" ", 1)[0]
    return SCRIPT_GROUPS.get(prefix, prefix)


def _well_cased(word: str) -> bool:
    if word.lower() == word.upper():  # a script without case
        return True
    return word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())


def _word_weight(word: str) -> float:
    """Weight of each non-ASCII letter of `word`: 1 plausible, 0 implausible."""
    scripts = {_script(c) for c in word}
    if len(scripts) != 1 or scripts & IMPLAUSIBLE_SCRIPTS or not _well_cased(word):
        return 0.0
    script = next(iter(scripts))
    if script == "LATIN" and len(word) > 2 and not any(c.isascii() for c in word):
        return 0.0
    if script == "CYRILLIC":
        core = sum(1 for c in word if c.lower() in CORE_CYRILLIC)
        return (core + RARE_LETTER_WEIGHT * (len(word) - core)) / len(word)
    return 1.0


def score_words(text: str) -> float:
    """Share of non-ASCII characters that are letters of plausible words (1.0 if none)."""
    non_ascii = sum(1 for c in text if not c.isascii() and not c.isspace())
    if non_ascii == 0:
        return 1.0
    good = 0.0
    for match in _WORD.finditer(text):
        word = match.group()
        if not word.isascii():
            good += _word_weight(word) * sum(1 for c in word if not c.isascii())
    return good / non_ascii


def score_letters(text: str) -> float:
    """Lower-case share of non-ASCII cased letters, averaged with the share of common
    Cyrillic letter pairs when there are any (1.0 when nothing can be judged)."""
    cased = [c for c in text if not c.isascii() and c.lower() != c.upper()]
    lower = sum(1 for c in cased if c.islower()) / len(cased) if cased else 1.0
    pairs = _CYRILLIC_LOWER_PAIR.findall(text)
    if not pairs:
        return lower
    common = sum(1 for pair in pairs if pair in CYRILLIC_BIGRAMS) / len(pairs)
    return (lower + common) / 2


def score_text(text: str) -> float:
    """Word plausibility, weighted by letter plausibility: in [0, 1], higher is better."""
    return score_words(text) * (0.5 + 0.5 * score_letters(text))
