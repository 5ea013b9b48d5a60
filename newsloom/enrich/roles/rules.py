"""The role stage's word lists and confidences, read once from `newsloom/data/roles.toml`."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from newsloom.rules import load_rules


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
    return load_rules("roles.toml", RoleRules)
