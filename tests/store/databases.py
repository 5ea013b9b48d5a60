"""The databases the store tests run on: SQLite files in a temporary folder, and the
PostgreSQL server named by NEWSLOOM_TEST_POSTGRES (default the local test database), each
store in a schema of its own that is dropped afterwards. Where that server cannot be
reached, the PostgreSQL variants are skipped, saying why."""

from __future__ import annotations

import contextlib
import functools
import os
import secrets
from collections.abc import Sequence
from pathlib import Path

import psycopg
import pytest

from newsloom.store import Store
from newsloom.store.sql.dialect import Db, table_columns
from newsloom.store.sql.store import SqlStore

POSTGRES_URL = os.environ.get("NEWSLOOM_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")
BACKEND_NAMES = ("sqlite", "postgresql")


@functools.cache
def postgres_unreachable() -> str | None:
    """Why the test server cannot be used, or None when it can (asked once)."""
    try:
        # Accent folding needs `unaccent`; made once here in `public`, where the schemas
        # dropped after each test cannot take it with them.
        with (
            psycopg.connect(POSTGRES_URL, autocommit=True, connect_timeout=5) as connection,
            contextlib.suppress(psycopg.Error),
        ):
            connection.execute("CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public")
    except psycopg.Error as error:
        return f"PostgreSQL not reachable at {POSTGRES_URL} ({error})".strip()
    return None


def require_postgres() -> None:
    reason = postgres_unreachable()
    if reason is not None:
        pytest.skip(reason)


def admin() -> psycopg.Connection[tuple[object, ...]]:
    return psycopg.connect(POSTGRES_URL, autocommit=True)


def schema_location(schema: str) -> str:
    """The test server with `schema` first on the search path; its sessions are named
    after it (application_name), so a test can find and end them."""
    joiner = "&" if "?" in POSTGRES_URL else "?"
    return f"{POSTGRES_URL}{joiner}options=-csearch_path%3D{schema}&application_name={schema}"


def end_sessions(schema: str) -> int:
    """End every server session of the stores in `schema`; how many there were."""
    with admin() as connection:
        rows = connection.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE application_name = %s AND pid != pg_backend_pid()",
            (schema,),
        ).fetchall()
    return len(rows)


class Locations:
    """Fresh store locations of one backend, removed again by `close`."""

    def __init__(self, backend: str, folder: Path) -> None:
        self.backend = backend
        self.folder = folder
        self.schemas: list[str] = []
        self.made = 0

    def new(self, name: str = "news") -> str:
        self.made += 1
        if self.backend == "sqlite":
            return str(self.folder / f"{name}-{self.made}.db")
        require_postgres()
        schema = f"nl_test_{name}_{secrets.token_hex(4)}"
        with admin() as connection:
            connection.execute(f'CREATE SCHEMA "{schema}"')
        self.schemas.append(schema)
        return schema_location(schema)

    def close(self) -> None:
        """Drop the schemas made (SQLite files go with their temporary folder)."""
        for schema in self.schemas:
            end_sessions(schema)
            with admin() as connection:
                connection.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def query(store: Store, sql: str, parameters: Sequence[object] = ()) -> list[tuple[object, ...]]:
    """Rows of a query in the shared SQL (`?` placeholders) on either backend."""
    assert isinstance(store, SqlStore)

    def work(db: Db) -> list[tuple[object, ...]]:
        return [tuple(row) for row in db.execute(sql, parameters)]

    return store._read(work)


def table(store: Store, name: str, leave_out: frozenset[str] = frozenset()) -> list[str]:
    """Every row of a table as text, in a fixed order, without the columns `leave_out`."""
    assert isinstance(store, SqlStore)
    columns = sorted(store._read(lambda db: table_columns(db, name)) - leave_out)
    quoted = ", ".join(f'"{column}"' for column in columns)
    return sorted(repr(row) for row in query(store, f"SELECT {quoted} FROM {name}"))
