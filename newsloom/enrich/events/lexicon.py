"""The trigger lexicon of newsloom/data/events.toml, read once, typed.

Kept in TOML so the word lists can grow without touching the coder; this module only
turns the tables into lookups (lemma -> PLOVER category) and frozensets.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATA = Path(__file__).parents[2] / "data" / "events.toml"

# The 18 PLOVER categories, in the order of the PLOVER manual.
PLOVER_CATEGORIES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "COOPERATE",
    "AID",
    "RETREAT",
    "CONCEDE",
    "INVESTIGATE",
    "DEMAND",
    "DISAPPROVE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "MOBILIZE",
    "SANCTION",
    "COERCE",
    "ASSAULT",
    "FIGHT",
)


@dataclass(slots=True, frozen=True)
class EventLexicon:
    verbs: dict[str, str]
    nouns: dict[str, str]
    phrases: dict[str, str]
    light_verbs: frozenset[str]
    participation: frozenset[str]
    intent: frozenset[str]
    intent_adjectives: frozenset[str]
    threat: frozenset[str]
    refusal: frozenset[str]
    demand: frozenset[str]
    future: frozenset[str]
    obligation: frozenset[str]
    hypothetical: frozenset[str]
    ultimatum: frozenset[str]
    hypothetical_modals: frozenset[str]
    reporting: frozenset[str]
    cooperative: frozenset[str]
    hostile: frozenset[str]
    numbers: dict[str, int]
    killed: frozenset[str]
    injured: frozenset[str]
    death_nouns: frozenset[str]
    injury_nouns: frozenset[str]
    claim_verbs: frozenset[str]
    claim_objects: frozenset[str]
    military: frozenset[str]
    pronouns: frozenset[str]
    confidence: dict[str, float]

    @property
    def frames(self) -> frozenset[str]:
        """Verbs that govern another event and so absorb it."""
        return self.intent | self.threat | self.refusal | self.demand


def _by_lemma(table: dict[str, list[str]]) -> dict[str, str]:
    """lemma -> category; the first category (in file order) that lists a lemma wins."""
    found: dict[str, str] = {}
    for category, lemmas in table.items():
        if category not in PLOVER_CATEGORIES:
            raise ValueError(f"events.toml: unknown PLOVER category {category!r}")
        for lemma in lemmas:
            found.setdefault(lemma.lower(), category)
    return found


def _set(values: list[str]) -> frozenset[str]:
    return frozenset(v.lower() for v in values)


@functools.cache
def load_raw() -> dict[str, Any]:
    return tomllib.loads(DATA.read_text(encoding="utf-8"))


@functools.cache
def event_lexicon() -> EventLexicon:
    raw = load_raw()
    frames, categories, casualties = raw["frames"], raw["categories"], raw["casualties"]
    phrases = {k.lower(): v for k, v in raw["phrases"].items()}
    unknown = set(phrases.values()) - set(PLOVER_CATEGORIES)
    if unknown:
        raise ValueError(f"events.toml: unknown PLOVER categories {sorted(unknown)}")
    return EventLexicon(
        verbs=_by_lemma(raw["verbs"]),
        nouns=_by_lemma(raw["nouns"]),
        phrases=phrases,
        light_verbs=_set(raw["light_verbs"]["lemmas"]),
        participation=_set(raw["light_verbs"]["participation"]),
        intent=_set(frames["intent"]),
        intent_adjectives=_set(frames["intent_adjectives"]),
        threat=_set(frames["threat"]),
        refusal=_set(frames["refusal"]),
        demand=_set(frames["demand"]),
        future=_set(frames["future"]),
        obligation=_set(frames["obligation"]),
        hypothetical=_set(frames["hypothetical"]),
        ultimatum=_set(frames["ultimatum"]),
        hypothetical_modals=_set(frames["hypothetical_modals"]),
        reporting=_set(frames["reporting"]),
        cooperative=frozenset(categories["cooperative"]),
        hostile=frozenset(categories["hostile"]),
        numbers={k.lower(): int(v) for k, v in raw["numbers"].items()},
        killed=_set(casualties["killed"]),
        injured=_set(casualties["injured"]),
        death_nouns=_set(casualties["death_nouns"]),
        injury_nouns=_set(casualties["injury_nouns"]),
        claim_verbs=_set(raw["claims"]["verbs"]),
        claim_objects=_set(raw["claims"]["objects"]),
        military=_set(raw["actors"]["military"]),
        pronouns=_set(raw["actors"]["pronouns"]),
        confidence={k: float(v) for k, v in raw["confidence"].items()},
    )
