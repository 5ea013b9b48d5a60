"""The SQLite backend: the only package that talks SQLite (FTS5 for search)."""

from __future__ import annotations

from newsloom.store.sqlite.schema import LATEST_VERSION
from newsloom.store.sqlite.store import SQLiteStore

__all__ = ["LATEST_VERSION", "SQLiteStore"]
