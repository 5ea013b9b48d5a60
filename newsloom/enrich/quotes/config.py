"""The word lists and patterns of newsloom/data/quotes.toml, read once, typed."""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any


@dataclass(slots=True, frozen=True)
class QuoteConfig:
    mark_pairs: dict[str, frozenset[str]]
    max_chars: int
    min_words: int
    speech_cues: frozenset[str]
    direct_only_cues: frozenset[str]
    according: tuple[str, ...]
    addressee_cues: frozenset[str]
    colon_speaker: re.Pattern[str]
    pronouns: dict[str, str]
    male_titles: frozenset[str]
    female_titles: frozenset[str]
    roles: frozenset[str]
    organisations: frozenset[str]
    role_window: int
    channel_patterns: tuple[re.Pattern[str], ...]
    confidence: dict[str, float]
    # Reported speech: cue lemmas by category (clausal, naming, infinitive, prepositional,
    # object, in the order tried) and the dependencies that carry each one's content.
    reported_cues: dict[str, frozenset[str]]
    complements: dict[str, frozenset[str]]
    object_preps: frozenset[str]
    # Noun cues by the clause they take: `that` + clause, `to` + verb (quotes_nouns).
    reported_nouns: dict[str, frozenset[str]]
    quoted_share: float

    @property
    def opening_marks(self) -> frozenset[str]:
        return frozenset(self.mark_pairs)

    @property
    def all_marks(self) -> frozenset[str]:
        marks = set(self.mark_pairs)
        for closers in self.mark_pairs.values():
            marks |= closers
        return frozenset(marks)


@functools.cache
def load_raw() -> dict[str, Any]:
    source = resources.files("newsloom.data").joinpath("quotes.toml")
    return tomllib.loads(source.read_text(encoding="utf-8"))


@functools.cache
def quote_config() -> QuoteConfig:
    raw = load_raw()
    marks, cues, speakers = raw["marks"], raw["cues"], raw["speakers"]
    return QuoteConfig(
        mark_pairs={opening: frozenset(closers) for opening, closers in marks["pairs"]},
        max_chars=int(marks["max_chars"]),
        min_words=int(marks["min_words"]),
        speech_cues=frozenset(cues["speech"]),
        direct_only_cues=frozenset(cues["direct_only"]),
        according=tuple(cues["according"]),
        addressee_cues=frozenset(cues["addressee"]),
        colon_speaker=re.compile(cues["colon_speaker"], re.MULTILINE),
        pronouns=dict(speakers["pronouns"]),
        male_titles=frozenset(speakers["male_titles"]),
        female_titles=frozenset(speakers["female_titles"]),
        roles=frozenset(speakers["roles"]),
        organisations=frozenset(speakers["organisations"]),
        role_window=int(speakers["role_window"]),
        # Channel names keep their capitals, so only the fixed words match any case.
        channel_patterns=tuple(re.compile(p) for p in raw["channels"]["patterns"]),
        confidence={k: float(v) for k, v in raw["confidence"].items()},
        reported_cues=_reported_cues(raw),
        complements={k: frozenset(v) for k, v in raw["reported"]["complements"].items()},
        object_preps=frozenset(raw["reported"]["object_preps"]),
        reported_nouns={k: frozenset(v) for k, v in raw["reported"]["nouns"].items()},
        quoted_share=float(raw["reported"]["quoted_share"]),
    )


def _reported_cues(raw: dict[str, Any]) -> dict[str, frozenset[str]]:
    cues, reported = raw["cues"], raw["reported"]
    speech = set(cues["speech"]) - set(cues["direct_only"])
    return {
        "clausal": frozenset(speech | set(reported["clausal"])),
        "naming": frozenset(reported["naming"]),
        "infinitive": frozenset(reported["infinitive"]),
        "prepositional": frozenset(reported["prepositional"]),
        "object": frozenset(reported["object"]),
    }
