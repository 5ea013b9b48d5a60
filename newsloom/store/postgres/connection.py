"""PostgreSQL connections that speak the shared SQL, and what a failed statement means.

The shared modules (`newsloom.store.sql`) write SQLite's placeholders; `PgDb` rewrites
them to psycopg's (`?` -> `%s`, `:name` -> `%(name)s`, a literal `%` -> `%%`), leaving
quoted strings and identifiers and `::` casts alone, and reads rows by position or by
column name (`Row`), as `sqlite3.Row` does.

A failure is one of three kinds to the store (`classify`): the connection went away
(the server restarted, an administrator ended the session, the network dropped; the
transaction did not commit, or its fate is unknown), a conflict the server resolved by
aborting one transaction (serialisation failure, deadlock), or anything else. The first
two are worth trying again on a fresh connection.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import psycopg
from psycopg import errors
from psycopg.conninfo import conninfo_to_dict

from newsloom.store.postgres.dialect import POSTGRES

# A quoted string or identifier, a `::` cast, or a placeholder or `%` to rewrite.
_TOKENS = re.compile(r"""'(?:[^']|'')*'|"(?:[^"]|"")*"|::|\?|:([A-Za-z_][A-Za-z0-9_]*)|%""")


@functools.lru_cache(maxsize=4096)
def to_psycopg(sql: str) -> str:
    """The shared SQL with psycopg's placeholders."""

    def replace(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "?":
            return "%s"
        if token == "%":
            return "%%"
        if match.group(1):
            return f"%({match.group(1)})s"
        return token.replace("%", "%%")

    return _TOKENS.sub(replace, sql)


class Row:
    """A result row read by position (`row[0]`), by name (`row["id"]`) or as a dict."""

    __slots__ = ("_index", "_values")

    def __init__(self, values: Sequence[Any], index: dict[str, int]) -> None:
        self._values = tuple(values)
        self._index = index

    def __getitem__(self, key: int | str) -> Any:
        if isinstance(key, str):
            return self._values[self._index[key]]
        return self._values[key]

    def keys(self) -> list[str]:
        return list(self._index)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"Row({dict(zip(self._index, self._values, strict=False))!r})"


def row_factory(cursor: psycopg.Cursor[Any]) -> Callable[[Sequence[Any]], Row]:
    index: dict[str, int] = {}
    for position, column in enumerate(cursor.description or ()):
        index.setdefault(column.name, position)  # the first of equal names, as sqlite3.Row
    return lambda values: Row(values, index)


class PgDb:
    """One pooled connection, inside a transaction the store opened (`dialect.Db`)."""

    dialect = POSTGRES

    def __init__(self, connection: psycopg.Connection[Any]) -> None:
        self.connection = connection

    def execute(self, sql: str, parameters: Any = (), /) -> psycopg.Cursor[Any]:
        cursor = self.connection.cursor()
        cursor.execute(to_psycopg(sql), without_nul(parameters))
        return cursor

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> psycopg.Cursor[Any]:
        cursor = self.connection.cursor()
        rows = [without_nul(row) for row in parameters]
        if rows:  # nothing to send: spare the round trip
            cursor.executemany(to_psycopg(sql), rows)
        return cursor


def without_nul(parameters: Any) -> Any:
    """The parameters with NUL in text as U+FFFD: PostgreSQL text cannot hold NUL (SQLite
    can), and a value looked up with one (a filter from a URL) matches nothing either way.
    Extraction takes NUL out of what it stores, so articles never carry one."""
    if isinstance(parameters, Mapping):
        return {key: _text(value) for key, value in parameters.items()}
    return [_text(value) for value in parameters]


def _text(value: Any) -> Any:
    return value.replace("\x00", "\ufffd") if isinstance(value, str) else value


# What `classify` says of a failure.
GONE = "gone"
CONFLICT = "conflict"
OTHER = "other"


def classify(error: Exception) -> str:
    """Whether a failure lost the connection, lost a conflict, or is something else."""
    if isinstance(error, errors.SerializationFailure | errors.DeadlockDetected):
        return CONFLICT
    if isinstance(error, psycopg.OperationalError) and not isinstance(
        error, errors.LockNotAvailable | errors.QueryCanceled
    ):
        state = error.sqlstate
        # No state: the client lost the connection; 08: connection exception; 57P: the
        # server shut down, restarted or an administrator ended the session.
        if state is None or state.startswith(("08", "57P")):
            return GONE
    if isinstance(error, psycopg.InterfaceError):  # a connection already closed
        return GONE
    return OTHER


def describe(location: str) -> str:
    """The location without its password, for messages."""
    try:
        parts = conninfo_to_dict(location)
    except psycopg.ProgrammingError:
        return "postgresql://(unreadable location)"
    user = f"{parts['user']}@" if parts.get("user") else ""
    port = f":{parts['port']}" if parts.get("port") else ""
    return f"postgresql://{user}{parts.get('host', '')}{port}/{parts.get('dbname', '')}"
