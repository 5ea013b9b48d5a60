"""SQLite connections that speak the shared SQL (`newsloom.store.sql.dialect`).

SQLite runs the shared SQL as it is written; its connection only needs to carry the
`Dialect` the shared modules consult, so the store opens its connections through
`connect` (a `sqlite3.Connection` subclass, rows as `sqlite3.Row`).
"""

from __future__ import annotations

import sqlite3

from newsloom.store.sql.dialect import Dialect

SQLITE = Dialect(
    name="sqlite",
    error=sqlite3.Error,
    columns_sql="SELECT name FROM pragma_table_info(?)",
    returning_ids=False,
)


class SQLiteConnection(sqlite3.Connection):
    """A `sqlite3.Connection` that says it is SQLite (`db.dialect`)."""

    dialect = SQLITE


def connect(path: str, timeout: float) -> SQLiteConnection:
    """A connection in autocommit mode (the store opens its own transactions), usable from
    any thread (the store serialises it), rows readable by name."""
    connection = sqlite3.connect(
        path,
        isolation_level=None,
        check_same_thread=False,
        timeout=timeout,
        factory=SQLiteConnection,
    )
    connection.row_factory = sqlite3.Row
    return connection
