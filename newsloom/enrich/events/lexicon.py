"""The trigger lexicon of newsloom/data/events.toml, read once, typed.

Kept in TOML so the word lists can grow without touching the coder. Each record below is
one table of the file, field for field (see newsloom/rules.py); the converters turn the
tables into lookups (lemma -> PLOVER category) and lower-cased word sets, and check that
every category named is one of PLOVER's.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Annotated

from newsloom.rules import load_rules

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


def _checked(categories: list[str] | tuple[str, ...] | frozenset[str]) -> None:
    unknown = sorted(set(categories) - set(PLOVER_CATEGORIES))
    if unknown:
        raise ValueError(f"unknown PLOVER categories {unknown}")


def _by_lemma(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """lemma -> category; the first category (in file order) that lists a lemma wins."""
    _checked(tuple(table))
    found: dict[str, str] = {}
    for category, lemmas in table.items():
        for lemma in lemmas:
            found.setdefault(lemma.lower(), category)
    return found


def _phrases(table: dict[str, str]) -> dict[str, str]:
    _checked(tuple(table.values()))
    return {phrase.lower(): category for phrase, category in table.items()}


def _plover(categories: frozenset[str]) -> frozenset[str]:
    _checked(categories)
    return categories


def _by_category(table: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    _checked(tuple(table))
    return table


def _lowered(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(word.lower() for word in words)


def _lowered_keys(table: dict[str, int]) -> dict[str, int]:
    return {key.lower(): value for key, value in table.items()}


def _lowered_table(table: dict[str, tuple[str, ...]]) -> dict[str, frozenset[str]]:
    return {key.lower(): _lowered(words) for key, words in table.items()}


# Lemmas and words are compared in lower case.
Words = Annotated[frozenset[str], _lowered]
Categories = Annotated[frozenset[str], _plover]


@dataclass(slots=True, frozen=True)
class LightVerbs:
    lemmas: Words
    participation: Words


@dataclass(slots=True, frozen=True)
class Frames:
    intent: Words
    intent_adjectives: Words
    plan: Words
    attempt: Words
    wish: Words
    prediction: Words
    expectation: Words
    failure: Words
    threat: Words
    refusal: Words
    demand: Words
    obligation: Words
    future: Words
    hypothetical: Words
    ultimatum: Words
    hypothetical_modals: Words
    reporting: Words

    @property
    def governing(self) -> frozenset[str]:
        """Verbs that govern another event and so absorb it."""
        return self.intent | self.threat | self.refusal | self.demand


@dataclass(slots=True, frozen=True)
class EventCategories:
    cooperative: Categories
    hostile: Categories
    violent: Categories


@dataclass(slots=True, frozen=True)
class Actors:
    military: Words
    pronouns: Words
    charging: Words
    legal_charges: Words


@dataclass(slots=True, frozen=True)
class CasualtyWords:
    killed: Words
    injured: Words
    death_nouns: Words
    injury_nouns: Words


@dataclass(slots=True, frozen=True)
class ClaimWords:
    verbs: Words
    objects: Words


@dataclass(slots=True, frozen=True)
class Targets:
    prepositions: tuple[str, ...]
    patient_nouns: Words
    receiving_verbs: Words
    recipient_prepositions: Annotated[dict[str, tuple[str, ...]], _by_category]


@dataclass(slots=True, frozen=True)
class Prepositional:
    verbs: Words
    prepositions: Words


@dataclass(slots=True, frozen=True)
class PrecisionNouns:
    event_heads: Words
    actors: Words
    relations: Words
    property: Words
    non_actors: Words
    acts: Words
    aid: Words
    weapons: Words
    places: Words
    captives: Words
    faults: Words
    forces: Words
    partitives: Words
    states: Words
    armed: Words


@dataclass(slots=True, frozen=True)
class PrecisionWords:
    naming: Words
    naming_particles: Words
    nobody: Words
    threat_objects: Words
    time_marks: Words
    no_comment: Words
    anonymity: Words
    unnamed: Words
    contest: Words
    advisories: Words
    blocking: Words
    crowd: Words


@dataclass(slots=True, frozen=True)
class Stopping:
    own: Words
    others: Words
    none: Words


@dataclass(slots=True, frozen=True)
class PrecisionLexicon:
    """`[precision]`: the rules of events_filter."""

    needs_object: Annotated[dict[str, frozenset[str]], _lowered_table]
    prepositional: Prepositional
    senses: Annotated[dict[str, frozenset[str]], _lowered_table]
    noun_senses: Annotated[dict[str, frozenset[str]], _lowered_table]
    nouns: PrecisionNouns
    words: PrecisionWords
    stopping: Stopping


@dataclass(slots=True, frozen=True)
class Calibration:
    """`[calibration]`: rule scores to the share of events right (see events.toml)."""

    points: tuple[tuple[float, float], ...]


@dataclass(slots=True, frozen=True)
class EventLexicon:
    verbs: Annotated[dict[str, str], _by_lemma]
    nouns: Annotated[dict[str, str], _by_lemma]
    phrases: Annotated[dict[str, str], _phrases]
    light_verbs: LightVerbs
    frames: Frames
    categories: EventCategories
    actors: Actors
    numbers: Annotated[dict[str, int], _lowered_keys]
    casualties: CasualtyWords
    claims: ClaimWords
    targets: Targets
    confidence: dict[str, float]
    calibration: Calibration
    precision: PrecisionLexicon


@functools.cache
def event_lexicon() -> EventLexicon:
    return load_rules("events.toml", EventLexicon)
