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
    nation_demonyms: dict[str, str]
    admin_endings: tuple[str, ...]
    state_over_city: int
    alternate_min_population: int


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
    legal_suffixes: frozenset[str]
    acronym_stopwords: frozenset[str]
    country_codes: frozenset[str]


@dataclass(slots=True, frozen=True)
class People:
    max_name_words: int
    min_short_given: int
    honorifics: frozenset[str]
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
class Furniture:
    name_breakers: tuple[str, ...]
    separators: tuple[str, ...]
    min_separators: int
    max_chrome_words: int
    sentence_marks: tuple[str, ...]
    chrome_marks: tuple[str, ...]
    meta_labels: frozenset[str]
    credit_endings: tuple[str, ...]
    prose_words: int
    prose_small_words: int
    max_credit_chars: int
    agencies: frozenset[str]
    bylines: frozenset[str]
    credit_openers: tuple[str, ...]
    ui_words: frozenset[str]
    common_words: frozenset[str]


@dataclass(slots=True, frozen=True)
class Types:
    place_prepositions: frozenset[str]
    near_prepositions: frozenset[str]
    compass_words: frozenset[str]
    place_heads: frozenset[str]
    settlement_nouns: frozenset[str]
    large_place: int
    event_words: frozenset[str]
    motion_words: frozenset[str]
    place_suffixes: frozenset[str]
    company_heads: frozenset[str]
    feature_words: frozenset[str]
    building_words: frozenset[str]


@dataclass(slots=True, frozen=True)
class EntityRules:
    labels: frozenset[str]
    titles: frozenset[str]
    suffixes: frozenset[str]
    possessives: Annotated[tuple[str, ...], longest_first]
    fold_rules: Annotated[tuple[tuple[re.Pattern[str], str], ...], _compiled_rules]
    places: Places
    metonymy: Metonymy
    orgs: Orgs
    people: People
    consistency: Consistency
    descriptions: Descriptions
    furniture: Furniture
    types: Types
    confidence: dict[str, float]


@functools.cache
def entity_rules() -> EntityRules:
    return load_rules("entities.toml", EntityRules)
