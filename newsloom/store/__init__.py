"""The storage layer: the only code that talks to a database.

`open_store` picks the backend from the location: a file path or
`sqlite:///path` opens (creating and migrating) an embedded SQLite store.
"""

from __future__ import annotations

from pathlib import Path

from newsloom.store.base import (
    ArticleSummary,
    DropRecord,
    Page,
    RunRecord,
    SaveOutcome,
    SearchHit,
    Store,
)
from newsloom.store.fact_records import (
    ArticleRef,
    EntityDetail,
    EntitySummary,
    QuoteRecord,
    RoleRecord,
)
from newsloom.store.sqlite import SQLiteStore
from newsloom.store.sqlite_schema import LATEST_VERSION, SchemaError

__all__ = [
    "LATEST_VERSION",
    "ArticleRef",
    "ArticleSummary",
    "DropRecord",
    "EntityDetail",
    "EntitySummary",
    "Page",
    "QuoteRecord",
    "RoleRecord",
    "RunRecord",
    "SQLiteStore",
    "SaveOutcome",
    "SchemaError",
    "SearchHit",
    "Store",
    "open_store",
]

SQLITE_PREFIX = "sqlite:///"
SUPPORTED_SCHEMES = ("sqlite",)


def open_store(location: str | Path) -> Store:
    """Open (creating or migrating as needed) the store at `location`.

    A plain path or `sqlite:///relative.db` / `sqlite:////absolute.db` /
    `sqlite:///:memory:` gives SQLite; any other `scheme://` raises ValueError.
    """
    if isinstance(location, Path):
        return SQLiteStore(location)
    if location.startswith(SQLITE_PREFIX):
        path = location[len(SQLITE_PREFIX) :]
        if not path:
            raise ValueError(f"no database path in {location!r}; use sqlite:///path/to/file.db")
        return SQLiteStore(path)
    if "://" in location:
        scheme = location.split("://", 1)[0]
        raise ValueError(
            f"unsupported store location scheme {scheme!r} in {location!r};"
            f" supported: a file path or {', '.join(s + ':///' for s in SUPPORTED_SCHEMES)}"
        )
    return SQLiteStore(location)
