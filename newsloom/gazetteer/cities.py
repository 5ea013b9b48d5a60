"""Cities by name for the entity stage: the most populous sense, and national capitals.

Read from the on-disk city index (`senses.cities_named`) rather than an index of its own:
an in-memory table cost each process about 80 MB.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from newsloom.gazetteer.countries import _key
from newsloom.gazetteer.senses import cities_named


@dataclass(slots=True, frozen=True)
class City:
    name: str
    country: str
    population: int
    capital: bool


# A city the entity stage knows: at least this many people, or a national capital
# (geonames' cities15000 list).
ENTITY_CITY_MIN_POPULATION = 15000


@functools.lru_cache(maxsize=10_000)
def city(name: str) -> City | None:
    """The most populous city of this name (its own name before an alternate one).

    Read from the places stage's on-disk gazetteer rather than an index of its own: the
    in-memory table cost each process about 80 MB.
    """
    senses = [
        s
        for s in cities_named(_key(name))
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
