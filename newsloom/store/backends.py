"""Which backend opens a store location: a table keyed by URL scheme.

A plain path (or `Path`) is a SQLite file; `postgresql://...` (or `postgres://`) a
PostgreSQL database. `scheme://...` opens the backend registered for `scheme` here;
each backend is imported only when a location asks for it, so a server store's driver
is never needed for a laptop store. A new backend is one function and one line in
`BACKENDS`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from newsloom.store.base import LOCK_WAIT_SECONDS, Store

SQLITE_PREFIX = "sqlite:///"


def _sqlite(location: str, lock_wait: float) -> Store:
    """`sqlite:///relative.db`, `sqlite:////absolute.db` or `sqlite:///:memory:`."""
    from newsloom.store.sqlite import SQLiteStore

    path = location[len(SQLITE_PREFIX) :] if location.startswith("sqlite:") else location
    if location.startswith("sqlite:") and not location.startswith(SQLITE_PREFIX):
        raise ValueError(f"malformed SQLite location {location!r}; use sqlite:///path/to/file.db")
    if not path:
        raise ValueError(f"no database path in {location!r}; use sqlite:///path/to/file.db")
    return SQLiteStore(path, lock_wait=lock_wait)


def _postgres(location: str, lock_wait: float) -> Store:
    """`postgresql://user@host:port/database` (or `postgres://`), with any libpq
    parameters after `?`: `options=-csearch_path%3Dnews` keeps the store in schema `news`."""
    try:
        from newsloom.store.postgres import PostgresStore
    except ImportError as error:
        raise ValueError(
            f"the PostgreSQL store needs psycopg 3 and psycopg_pool ({error});"
            " install them with: pip install 'psycopg[binary,pool]'"
        ) from error
    return PostgresStore(location, lock_wait=lock_wait)


# scheme -> the function that opens a location of that scheme
BACKENDS: dict[str, Callable[[str, float], Store]] = {
    "sqlite": _sqlite,
    "postgresql": _postgres,
    "postgres": _postgres,
}
# What a location without a scheme is: a file path.
DEFAULT_SCHEME = "sqlite"


# What a URL becomes when it is read as a file path: `Path` folds its `//` into `/`.
_FOLDED_URL = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):/[^/]")


def scheme_of(location: str | Path) -> str:
    """The backend a location names: its URL scheme, else the default (a file path).

    A `Path` is a file, unless it is a server URL that went through `Path` (a command
    option typed as a path): `postgresql:/user@host/db` raises ValueError, as a folder
    named `postgresql:` is never what was meant.
    """
    if isinstance(location, Path):
        folded = _FOLDED_URL.match(str(location))
        if folded and folded.group(1).lower() in BACKENDS.keys() - {DEFAULT_SCHEME}:
            raise ValueError(
                f"{str(location)!r} is a {folded.group(1)}:// URL read as a file path (its"
                " '//' folded to '/'); pass the location as text, not as a Path"
            )
        return DEFAULT_SCHEME
    if "://" not in location:
        return DEFAULT_SCHEME
    return location.split("://", 1)[0].lower()


def open_store(location: str | Path, *, lock_wait: float = LOCK_WAIT_SECONDS) -> Store:
    """Open (creating or migrating as needed) the store at `location`.

    `lock_wait` is how many seconds a write waits for another writer's lock before it
    raises `StoreBusy`.

    An unknown scheme raises ValueError naming the supported ones, never falls back to
    a file path (a `postgresql://` URL must not become a folder named `postgresql:`).
    """
    scheme = scheme_of(location)
    opener = BACKENDS.get(scheme)
    if opener is None:
        supported = ", ".join(f"{name}://" for name in sorted(BACKENDS))
        raise ValueError(
            f"unsupported store location scheme {scheme!r} in {str(location)!r};"
            f" supported: a file path or {supported}"
        )
    return opener(str(location), lock_wait)
