"""The entity stage's word lists and thresholds, read once from `newsloom/data/entities.toml`.

Each record below is one table of the file, field for field (see newsloom/rules.py).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Annotated

from newsloom.rules import load_rules, longest_first


def _compiled_rules(rules: tuple[tuple[str, str], ...]) -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(pattern), replacement) for pattern, replacement in rules)


@dataclass(slots=True, frozen=True)
class Places:
    group_tags: frozenset[str]


@dataclass(slots=True, frozen=True)
class Metonymy:
    speech_verbs: frozenset[str]
    institutional_nouns: frozenset[str]
    government_id: str
    government_name: str


@dataclass(slots=True, frozen=True)
class Orgs:
    aliases: dict[str, str]
    articles: frozenset[str]
    acronym_stopwords: frozenset[str]


@dataclass(slots=True, frozen=True)
class People:
    max_name_words: int
    org_words: frozenset[str]
    given_names: frozenset[str]


@dataclass(slots=True, frozen=True)
class Consistency:
    labels: frozenset[str]
    location_prepositions: frozenset[str]


@dataclass(slots=True, frozen=True)
class Descriptions:
    nouns: dict[str, str]
    name_words: dict[str, frozenset[str]]
    cue_kinds: frozenset[str]
    cue_nouns: frozenset[str]
    cue_verbs: frozenset[str]
    company_nouns: frozenset[str]
    cued_labels: frozenset[str]


@dataclass(slots=True, frozen=True)
class EntityRules:
    labels: frozenset[str]
    titles: frozenset[str]
    possessives: Annotated[tuple[str, ...], longest_first]
    fold_rules: Annotated[tuple[tuple[re.Pattern[str], str], ...], _compiled_rules]
    places: Places
    metonymy: Metonymy
    orgs: Orgs
    people: People
    consistency: Consistency
    descriptions: Descriptions
    confidence: dict[str, float]


@functools.cache
def entity_rules() -> EntityRules:
    return load_rules("entities.toml", EntityRules)
