"""What the shared SQL code asks of a connection, and where SQLite and PostgreSQL differ.

The shared modules of `newsloom.store.sql` write their SQL once, in the common subset of
the two databases, with SQLite's placeholders: `?` for positional parameters, `:name` for
named ones. A SQLite connection runs it as it is; the PostgreSQL connection
(`newsloom.store.postgres.connection.PgDb`) rewrites the placeholders to psycopg's. Rows
are read by position or by column name on both (`Row`, `postgres.connection.Row`).

The few points where the two still differ are data on `Dialect`, reached as `db.dialect`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol


class Row(Protocol):
    """One result row: `row[0]`, `row["name"]`, `dict(row)` (through `keys`)."""

    def __getitem__(self, key: int | str, /) -> Any: ...

    def keys(self) -> list[str]: ...


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Db(Protocol):
    """A connection in a transaction the store opened, speaking the shared SQL."""

    @property
    def dialect(self) -> Dialect: ...

    def execute(self, sql: str, parameters: Any = (), /) -> Cursor: ...

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> Cursor: ...


def same(sql: str) -> str:
    """SQL as it is (SQLite's words are the shared schema's)."""
    return sql


@dataclass(frozen=True, slots=True)
class Dialect:
    """The points where the shared SQL cannot be the same text on every database."""

    name: str
    # The base class of what a failed statement raises (`sqlite3.Error`, `psycopg.Error`).
    error: type[Exception]
    # The column names of table `?` in the store's schema (none when it has no such table).
    columns_sql: str
    # Whether a new row's id comes back from `INSERT ... RETURNING id` (PostgreSQL) or
    # from the cursor's `lastrowid` (SQLite: RETURNING needs 3.35).
    returning_ids: bool
    # Table definitions in SQLite's words (the shared schema's) in this database's.
    ddl: Callable[[str], str] = same


def table_columns(db: Db, table: str) -> set[str]:
    """The columns a table has in the store (empty when there is no such table)."""
    return {str(row[0]) for row in db.execute(db.dialect.columns_sql, (table,))}


def insert_id(db: Db, sql: str, parameters: Sequence[Any]) -> int:
    """Run an INSERT into a table whose key is `id` and return the new row's id."""
    if db.dialect.returning_ids:
        return int(db.execute(f"{sql} RETURNING id", parameters).fetchone()[0])
    return int(getattr(db.execute(sql, parameters), "lastrowid", 0) or 0)


def escape_like(text: str) -> str:
    """`text` as a literal inside a `LIKE ... ESCAPE '\\'` pattern: `%`, `_` and the
    escape character itself escaped."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
