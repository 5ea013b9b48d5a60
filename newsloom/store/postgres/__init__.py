"""The PostgreSQL backend (`--db postgresql://user@host/db`): many processes write one
store at once. It adds to the shared SQL (`newsloom.store.sql`) only how it connects
(a pool), locks (advisory locks), migrates and searches (`tsvector`); see `store`."""

from __future__ import annotations

from newsloom.store.postgres.schema import LATEST_VERSION
from newsloom.store.postgres.store import PostgresStore

__all__ = ["LATEST_VERSION", "PostgresStore"]
