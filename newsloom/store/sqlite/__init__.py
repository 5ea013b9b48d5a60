"""The SQLite backend: the only package that talks SQLite (FTS5 for search, a lock file
per running run). What it does with its tables is shared with every SQL backend
(`newsloom.store.sql`)."""

from __future__ import annotations

from newsloom.store.sqlite.schema import LATEST_VERSION
from newsloom.store.sqlite.store import SQLiteStore

__all__ = ["LATEST_VERSION", "SQLiteStore"]
