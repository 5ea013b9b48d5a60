"""The entity stage's word lists and thresholds, read once from `newsloom/data/entities.toml`."""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any


@dataclass(slots=True, frozen=True)
class EntityRules:
    labels: frozenset[str]
    titles: frozenset[str]
    possessives: tuple[str, ...]
    fold_rules: tuple[tuple[re.Pattern[str], str], ...]
    group_tags: frozenset[str]
    speech_verbs: frozenset[str]
    institutional_nouns: frozenset[str]
    government_id: str
    government_name: str
    org_articles: frozenset[str]
    org_aliases: dict[str, str]
    acronym_stopwords: frozenset[str]
    org_words: frozenset[str]
    max_name_words: int
    given_names: frozenset[str]
    unified_labels: frozenset[str]
    location_prepositions: frozenset[str]
    descriptions: dict[str, str]
    description_name_words: dict[str, frozenset[str]]
    description_cue_kinds: frozenset[str]
    cue_nouns: frozenset[str]
    cue_verbs: frozenset[str]
    company_nouns: frozenset[str]
    cued_labels: frozenset[str]
    confidence: dict[str, float]


def _load_toml(name: str) -> dict[str, Any]:
    text = resources.files("newsloom").joinpath("data", name).read_text(encoding="utf-8")
    return tomllib.loads(text)


@functools.cache
def entity_rules() -> EntityRules:
    data = _load_toml("entities.toml")
    places, metonymy, orgs = data["places"], data["metonymy"], data["orgs"]
    people, consistency, described = data["people"], data["consistency"], data["descriptions"]
    return EntityRules(
        labels=frozenset(data["labels"]),
        titles=frozenset(data["titles"]),
        possessives=tuple(sorted(data["possessives"], key=len, reverse=True)),
        fold_rules=tuple((re.compile(p), r) for p, r in data["fold_rules"]),
        group_tags=frozenset(places["group_tags"]),
        speech_verbs=frozenset(metonymy["speech_verbs"]),
        institutional_nouns=frozenset(metonymy["institutional_nouns"]),
        government_id=metonymy["government_id"],
        government_name=metonymy["government_name"],
        org_articles=frozenset(orgs["articles"]),
        org_aliases=dict(orgs["aliases"]),
        acronym_stopwords=frozenset(orgs["acronym_stopwords"]),
        org_words=frozenset(people["org_words"]),
        max_name_words=int(people["max_name_words"]),
        given_names=frozenset(people["given_names"]),
        unified_labels=frozenset(consistency["labels"]),
        location_prepositions=frozenset(consistency["location_prepositions"]),
        descriptions=dict(described["nouns"]),
        description_name_words={k: frozenset(v) for k, v in described["name_words"].items()},
        description_cue_kinds=frozenset(described["cue_kinds"]),
        cue_nouns=frozenset(described["cue_nouns"]),
        cue_verbs=frozenset(described["cue_verbs"]),
        company_nouns=frozenset(described["company_nouns"]),
        cued_labels=frozenset(described["cued_labels"]),
        confidence={k: float(v) for k, v in data["confidence"].items()},
    )


@dataclass(slots=True, frozen=True)
class RoleRules:
    role_nouns: frozenset[str]
    role_modifiers: frozenset[str]
    ignored_modifiers: frozenset[str]
    of_prepositions: frozenset[str]
    to_prepositions: frozenset[str]
    confidence: dict[str, float]


@functools.cache
def role_rules() -> RoleRules:
    data = _load_toml("roles.toml")
    return RoleRules(
        role_nouns=frozenset(data["role_nouns"]),
        role_modifiers=frozenset(data["role_modifiers"]),
        ignored_modifiers=frozenset(data["ignored_modifiers"]),
        of_prepositions=frozenset(data["of_prepositions"]),
        to_prepositions=frozenset(data["to_prepositions"]),
        confidence={k: float(v) for k, v in data["confidence"].items()},
    )
