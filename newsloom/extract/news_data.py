"""The news layer's word lists and patterns, read once from `newsloom/data/news.toml`."""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any


@dataclass(slots=True, frozen=True)
class WireTail:
    pattern: re.Pattern[str]
    implies: str | None


@dataclass(slots=True, frozen=True)
class NewsPatterns:
    """Compiled patterns for every rule of the news layer and the text cleaner."""

    agency_names: dict[str, str]  # lower-cased spelling -> canonical name
    copyright_line: re.Pattern[str]
    wire_tails: tuple[WireTail, ...]
    dateline: re.Pattern[str]
    dateline_min_rest: int
    credits: tuple[re.Pattern[str], ...]
    credit_max_chars: int
    related_marker: re.Pattern[str]
    related_inline: re.Pattern[str]
    headline_max_words: int
    headline_min_words: int
    related_max_items: int
    chrome_exact: frozenset[str]
    chrome_contains: re.Pattern[str]
    chrome_copyright: re.Pattern[str]
    chrome_max_words: int
    byline: re.Pattern[str]
    byline_max_words: int
    text: dict[str, Any]
    cjk_char_weight: float
    invisible: str  # stripped from line edges with the whitespace
    stopwords: frozenset[str]
    sentence_end: re.Pattern[str]
    truncation: re.Pattern[str]
    end_marker: re.Pattern[str]


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@functools.cache
def load_raw() -> dict[str, Any]:
    source = resources.files("newsloom.data").joinpath("news.toml")
    return tomllib.loads(source.read_text(encoding="utf-8"))


@functools.cache
def news_patterns() -> NewsPatterns:
    raw = load_raw()
    wire, dateline, credit = raw["wire"], raw["dateline"], raw["credit"]
    related, chrome, text = raw["related"], raw["chrome"], raw["text"]
    names = {alias.lower(): group[0] for group in wire["agencies"] for alias in group}
    agencies = _alternation([alias for group in wire["agencies"] for alias in group])
    ignore = re.IGNORECASE
    dateline_re = (
        rf"^(?P<dateline>(?P<city>{dateline['city']})(?:,?\s+(?:{dateline['date']}))?"
        rf"(?:\s*\((?P<agency>{agencies}|{dateline['other_agency']})\))?{dateline['dash']})"
    )
    return NewsPatterns(
        agency_names=names,
        copyright_line=re.compile(wire["copyright_line"].replace("{agencies}", agencies), ignore),
        wire_tails=tuple(
            WireTail(re.compile(tail["pattern"], ignore), tail["implies"] or None)
            for tail in wire["tails"]
        ),
        dateline=re.compile(dateline_re),
        dateline_min_rest=int(dateline["min_rest_chars"]),
        credits=tuple(re.compile(p, ignore) for p in credit["patterns"]),
        credit_max_chars=int(credit["max_chars"]),
        related_marker=re.compile(rf"^(?:{'|'.join(related['markers'])})\s*[:.…>»-]*$", ignore),
        related_inline=re.compile(related["inline"], ignore),
        headline_max_words=int(related["headline_max_words"]),
        headline_min_words=int(related["headline_min_words"]),
        related_max_items=int(related["max_items"]),
        chrome_exact=frozenset(chrome["exact"]),
        # Matched against the lower-cased line: cheaper than a case-insensitive search.
        chrome_contains=re.compile(_alternation([w.lower() for w in chrome["contains"]])),
        chrome_copyright=re.compile(chrome["copyright_prefix"], ignore),
        chrome_max_words=int(chrome["max_words"]),
        byline=re.compile(raw["byline"]["pattern"], ignore),
        byline_max_words=int(raw["byline"]["max_words"]),
        text=text,
        cjk_char_weight=float(text["cjk_char_weight"]),
        invisible=text["invisible"],
        stopwords=frozenset(text["stopwords"]),
        sentence_end=re.compile(text["sentence_end"] + "$"),
        truncation=re.compile(text["truncation"]),
        end_marker=re.compile("|".join(text["end_markers"]), ignore),
    )
