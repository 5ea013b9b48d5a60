"""The word lists and patterns of newsloom/data/quotes.toml, read once, typed.

Each record below is one table of the file, field for field (see newsloom/rules.py).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass, field
from typing import Annotated

from newsloom.rules import DERIVED, load_rules


def _paired(pairs: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, frozenset[str]]:
    """Opening mark -> the closing marks it may be closed by."""
    return {opening: frozenset(closers) for opening, closers in pairs}


def _multiline(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.MULTILINE)


def _compiled(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    # Channel names keep their capitals, so only the fixed words match any case.
    return tuple(re.compile(pattern) for pattern in patterns)


@dataclass(slots=True, frozen=True)
class Marks:
    pairs: Annotated[dict[str, frozenset[str]], _paired]
    max_chars: int
    min_words: int
    naming_words: frozenset[str]


@dataclass(slots=True, frozen=True)
class Cues:
    speech: frozenset[str]
    direct_only: frozenset[str]
    according: tuple[str, ...]
    not_sources: frozenset[str]
    colon_speaker: Annotated[re.Pattern[str], _multiline]
    addressee: frozenset[str]


@dataclass(slots=True, frozen=True)
class Reported:
    """Reported speech: cue lemmas by category, the dependencies that carry each one's
    content, noun cues by the clause they take (`that` + clause, `to` + verb)."""

    clausal: frozenset[str]
    infinitive: frozenset[str]
    naming: frozenset[str]
    object: frozenset[str]
    prepositional: frozenset[str]
    nouns: dict[str, frozenset[str]]
    refusals: frozenset[str]
    evidence: frozenset[str]
    complements: dict[str, frozenset[str]]
    object_preps: frozenset[str]
    noun_phrase_objects: bool
    quoted_share: float


@dataclass(slots=True, frozen=True)
class Speakers:
    pronouns: dict[str, str]
    male_titles: frozenset[str]
    female_titles: frozenset[str]
    roles: frozenset[str]
    abbreviations: dict[str, str]
    organisations: frozenset[str]
    generic_organisations: frozenset[str]
    documents: frozenset[str]
    death_verbs: frozenset[str]
    killing_verbs: frozenset[str]
    death_nouns: frozenset[str]
    role_window: int


@dataclass(slots=True, frozen=True)
class Channels:
    patterns: Annotated[tuple[re.Pattern[str], ...], _compiled]


@dataclass(slots=True, frozen=True)
class QuoteConfig:
    marks: Marks
    cues: Cues
    reported: Reported
    speakers: Speakers
    channels: Channels
    confidence: dict[str, float]
    # Cue lemmas by category (clausal, naming, infinitive, prepositional, object, in the
    # order tried); clausal cues are also every speech cue that is not direct-only.
    reported_cues: dict[str, frozenset[str]] = field(default_factory=dict, metadata=DERIVED)


@functools.cache
def quote_config() -> QuoteConfig:
    config = load_rules("quotes.toml", QuoteConfig)
    return dataclasses.replace(config, reported_cues=_reported_cues(config))


def _reported_cues(config: QuoteConfig) -> dict[str, frozenset[str]]:
    cues, reported = config.cues, config.reported
    return {
        "clausal": (cues.speech - cues.direct_only) | reported.clausal,
        "naming": reported.naming,
        "infinitive": reported.infinitive,
        "prepositional": reported.prepositional,
        "object": reported.object,
    }
