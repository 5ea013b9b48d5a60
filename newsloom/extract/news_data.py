"""The news layer's word lists and patterns, read once from `newsloom/data/news.toml`.

Each record below is one table of the file, field for field (see newsloom/rules.py), its
patterns compiled as they are read; `news_patterns` adds the ones built from several
keys (the agency names go into the copyright line and the dateline).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass, field
from typing import Annotated

from newsloom.rules import DERIVED, load_rules

_NOTHING = re.compile(r"(?!)")


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _ignoring_case(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _all_ignoring_case(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


def _any_ignoring_case(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(patterns), re.IGNORECASE)


def _marker_line(markers: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"^(?:{'|'.join(markers)})\s*[:.…>»-]*$", re.IGNORECASE)


def _lower_case_words(words: tuple[str, ...]) -> re.Pattern[str]:
    # Matched against the lower-cased line: cheaper than a case-insensitive search.
    return re.compile(_alternation([w.lower() for w in words]))


def _line_end(characters: str) -> re.Pattern[str]:
    return re.compile(characters + "$")


def _none_if_empty(text: str) -> str | None:
    return text or None


@dataclass(slots=True, frozen=True)
class WireTail:
    pattern: Annotated[re.Pattern[str], _ignoring_case]
    implies: Annotated[str | None, _none_if_empty]


@dataclass(slots=True, frozen=True)
class Wire:
    agencies: tuple[tuple[str, ...], ...]  # each group's first spelling is the canonical name
    copyright_line: str  # with {agencies}: see NewsPatterns.copyright_pattern
    tails: tuple[WireTail, ...]
    agency_jobs: frozenset[str]
    agency_job_max_words: int
    stamp: str  # see NewsPatterns.opening_pattern
    closing: str  # with {agencies}: see NewsPatterns.closing_pattern
    dateline_reach: int


@dataclass(slots=True, frozen=True)
class Dateline:
    """Parts of NewsPatterns.dateline_pattern, matched case-sensitively."""

    city: str
    date: str
    dash: str
    other_agency: str
    min_rest_chars: int
    titled_city: str


@dataclass(slots=True, frozen=True)
class Credit:
    patterns: Annotated[tuple[re.Pattern[str], ...], _all_ignoring_case]
    max_chars: int
    caption_patterns: Annotated[tuple[re.Pattern[str], ...], _all_ignoring_case]
    caption_max_words: int


@dataclass(slots=True, frozen=True)
class Related:
    markers: Annotated[re.Pattern[str], _marker_line]
    inline: Annotated[re.Pattern[str], _ignoring_case]
    headline_max_words: int
    headline_min_words: int
    max_items: int
    summary_max_words: int
    marked_summary_max_words: int


@dataclass(slots=True, frozen=True)
class Chrome:
    exact: frozenset[str]
    contains: Annotated[re.Pattern[str], _lower_case_words]
    copyright_prefix: Annotated[re.Pattern[str], _ignoring_case]
    max_words: int
    notices: Annotated[re.Pattern[str], _any_ignoring_case]
    notice_max_words: int
    labelled_list: Annotated[re.Pattern[str], _ignoring_case]


@dataclass(slots=True, frozen=True)
class Byline:
    pattern: Annotated[re.Pattern[str], _ignoring_case]
    max_words: int
    shown_openings: tuple[str, ...]
    joiners: tuple[str, ...]
    name_min_words: int
    name_max_words: int
    particles: frozenset[str]
    articles: frozenset[str]
    not_name_words: frozenset[str]


@dataclass(slots=True, frozen=True)
class Text:
    """Scraped-text line classification and region scoring."""

    good_chars: int
    good_stopword_density: float
    long_chars: int
    short_chars: int
    cjk_char_weight: float
    near_score: float
    short_score: float
    bad_score: float
    near_sentence_weight: float
    end_markers: Annotated[re.Pattern[str], _any_ignoring_case]
    sentence_end: Annotated[re.Pattern[str], _line_end]
    truncation: Annotated[re.Pattern[str], _compiled]
    teaser_min_chars: int
    teaser_max_gap: int
    invisible: str  # stripped from line edges with the whitespace
    title_window: int
    stamp_window: int
    stamp_max_words: int
    stamp_max_prose_above: int
    title_max_words: int
    title_min_words: int
    stopwords: frozenset[str]


@dataclass(slots=True, frozen=True)
class Dates:
    """Words for the publication date a page shows (see newsloom/extract/html_dates.py)."""

    months: tuple[tuple[str, ...], ...]  # January to December, each group's spellings
    published_cues: tuple[str, ...]
    updated_cues: tuple[str, ...]
    other_cues: tuple[str, ...]
    plain_max_words_before: int
    plain_beyond_update_chars: int
    after_chars: int
    before_chars: int
    body_line_chars: int
    body_line_opening: int
    day_first_domains: frozenset[str]


@dataclass(slots=True, frozen=True)
class NewsPatterns:
    """Compiled patterns for every rule of the news layer and the text cleaner."""

    wire: Wire
    dateline: Dateline
    credit: Credit
    related: Related
    chrome: Chrome
    byline: Byline
    text: Text
    dates: Dates
    # Built by news_patterns from [wire] and [dateline]; agency names: lower-cased spelling ->
    # canonical name.
    agency_names: dict[str, str] = field(default_factory=dict, metadata=DERIVED)
    copyright_pattern: re.Pattern[str] = field(default=_NOTHING, metadata=DERIVED)
    dateline_pattern: re.Pattern[str] = field(default=_NOTHING, metadata=DERIVED)
    # "New Delhi, Nov 20 (PTI) ..." (see [dateline] titled_city).
    titled_dateline_pattern: re.Pattern[str] = field(default=_NOTHING, metadata=DERIVED)
    # "<stamp> Agency" or "Agency <stamp>" opening a paragraph (agency in any case).
    opening_pattern: re.Pattern[str] = field(default=_NOTHING, metadata=DERIVED)
    # A whole line that is an agency and a time stamp: "Associated Press - January 2,
    # 2008 7:33 AM ET" (agency in any case).
    slug_pattern: re.Pattern[str] = field(default=_NOTHING, metadata=DERIVED)
    # "... last sentence. PTI" closing a paragraph (agency as spelled).
    closing_pattern: re.Pattern[str] = field(default=_NOTHING, metadata=DERIVED)


@functools.cache
def news_patterns() -> NewsPatterns:
    rules = load_rules("news.toml", NewsPatterns)
    wire, dateline = rules.wire, rules.dateline
    agencies = _alternation([alias for group in wire.agencies for alias in group])
    dateline_re = (
        rf"^(?P<dateline>(?P<city>{dateline.city})(?:,?\s+(?:{dateline.date}))?"
        rf"(?:\s*\((?P<agency>{agencies}|{dateline.other_agency})\))?{dateline.dash})"
    )
    return dataclasses.replace(
        rules,
        agency_names={alias.lower(): group[0] for group in wire.agencies for alias in group},
        copyright_pattern=re.compile(
            wire.copyright_line.replace("{agencies}", agencies), re.IGNORECASE
        ),
        dateline_pattern=re.compile(dateline_re),
        titled_dateline_pattern=re.compile(
            r"^(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b)"
            rf"(?P<dateline>(?P<city>{dateline.titled_city}),\s+(?:{dateline.date})"
            rf"\s*\((?P<agency>{agencies})\)(?:{dateline.dash}|\s*:\s*|\s+))"
        ),
        opening_pattern=re.compile(
            rf"^[|\s]*(?:(?P<before>{wire.stamp})\s+(?P<agency>{agencies})"
            rf"|(?P<agency_first>{agencies})\s+(?P<after>{wire.stamp}))\s+(?=\S)",
            re.IGNORECASE,
        ),
        closing_pattern=re.compile(wire.closing.replace("{agencies}", agencies)),
        slug_pattern=re.compile(
            rf"^[|\s]*(?:{wire.stamp}\s*[-–—|,]?\s*(?P<agency>{agencies})"
            rf"|(?P<agency_first>{agencies})\s*[-–—|,]?\s*{wire.stamp})"
            rf"(?:\s+[A-Z]{{1,4}}\.?){{0,2}}[|\s]*$",
            re.IGNORECASE,
        ),
    )
