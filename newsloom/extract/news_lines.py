"""What one line is, for the news layer: wire, credit, related marker, byline, chrome.

Each function looks at a single stripped line and answers from the patterns in
`newsloom/data/news.toml`; none of them keeps state.
"""

from __future__ import annotations

import functools
import re

from newsloom.extract.news_data import news_patterns
from newsloom.record import normalize_for_hash

_EDGE_PUNCTUATION = re.compile(r"^[\W_]+|[\W_]+$")
_SPACES = re.compile(r"\s+")
_FINAL_STOP = re.compile(r"[.;,]$")
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|\band\b|&)\s*")


# Distinct lines remembered by the per-line rules that run more than once per page.
_LINE_CACHE = 16384


def line_key(line: str) -> str:
    """`normalize_for_hash(line)`, without Unicode normalisation when the line is ASCII."""
    if line.isascii():
        return " ".join(line.lower().split())
    return normalize_for_hash(line)


def word_count(line: str) -> int:
    return len(line.split())


def chrome_key(line: str) -> str:
    """Lower-cased line without edge punctuation and with single spaces."""
    return _SPACES.sub(" ", _EDGE_PUNCTUATION.sub("", line.lower())).strip()


def agency_name(line: str) -> str | None:
    """The canonical agency when the whole line is one agency name ("Reuters", "AP")."""
    return news_patterns().agency_names.get(chrome_key(line).lower()) if line else None


def wire_of(line: str) -> tuple[str | None, bool] | None:
    """(agency, implied) when the line is a wire credit; None otherwise.

    `implied` is True when the agency is only implied by a house-style tail.
    """
    patterns = news_patterns()
    if len(line) > 300:
        return None
    agency = agency_name(line)
    if agency is not None:
        return agency, False
    match = patterns.copyright_pattern.match(line.strip())
    if match:
        return patterns.agency_names[match.group("agency").lower()], False
    for tail in patterns.wire.tails:
        if tail.pattern.match(line.strip()):
            return tail.implies, True
    return None


def credit_of(line: str) -> str | None:
    """The photo credit a line carries ("REUTERS/Jane Roe"), or None."""
    patterns = news_patterns()
    line = line.strip()
    if len(line) > patterns.credit.max_chars:
        return None
    for pattern in patterns.credit.patterns:
        match = pattern.match(line)
        if match:
            credit = match.groupdict().get("credit") or match.group(0)
            return credit.strip()
    return None


@functools.lru_cache(maxsize=_LINE_CACHE)
def is_related_marker(line: str) -> bool:
    return len(line) <= 60 and bool(news_patterns().related.markers.match(line.strip()))


def related_inline_title(line: str) -> str | None:
    """The headline of a one-line "Read more: <headline>" item, or None."""
    match = news_patterns().related.inline.match(line.strip())
    if not match:
        return None
    title = match.group("title").strip()
    return title if is_headline_like(title) else None


def is_headline_like(line: str) -> bool:
    """A short line without a final full stop, as a headline reads."""
    patterns = news_patterns()
    words = word_count(line)
    if not patterns.related.headline_min_words <= words <= patterns.related.headline_max_words:
        return False
    return not _FINAL_STOP.search(line.strip())


def byline_of(line: str) -> list[str] | None:
    """Author names from a "By Jane Roe and John Doe" line, or None."""
    patterns = news_patterns()
    line = line.strip()
    if word_count(line) > patterns.byline.max_words or not patterns.byline.pattern.match(line):
        return None
    names = line[2:].strip().split("|")[0]
    names = re.split(r"\s+[-–—]\s+|\s*,\s*(?=[A-Z][a-z]+\s*$)", names)[0]
    authors = [a.strip() for a in _AUTHOR_SPLIT.split(names) if a.strip()]
    return [a for a in authors if a[:1].isupper()] or None


@functools.lru_cache(maxsize=_LINE_CACHE)
def is_chrome(line: str) -> bool:
    """Page chrome: share/sign-up/newsletter/cookie/comment prompts, © lines, menus."""
    patterns = news_patterns()
    words = word_count(line)
    if words > patterns.chrome.max_words:
        return False
    key = chrome_key(line)
    if not key or key in patterns.chrome.exact:
        return True
    if patterns.chrome.copyright_prefix.match(line.strip()):
        return True
    return bool(patterns.chrome.contains.search(line.lower()))


def split_dateline(paragraph: str) -> tuple[str, str | None, str] | None:
    """(dateline, agency, rest of the sentence) when the paragraph opens with a dateline."""
    patterns = news_patterns()
    match = patterns.dateline_pattern.match(paragraph)
    if not match:
        return None
    rest = paragraph[match.end() :].strip()
    if len(rest) < patterns.dateline.min_rest_chars or (
        not rest[:1].isalnum() and rest[:1] not in "\"“'‘"
    ):
        return None
    agency = match.group("agency")
    name = patterns.agency_names.get(agency.lower(), agency) if agency else None
    return match.group("dateline").strip(), name, rest
