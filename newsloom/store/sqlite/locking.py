"""Waiting for another writer's lock: SQLite allows one writer per file at a time.

Each write transaction starts with `BEGIN IMMEDIATE`, which takes the file's write lock
or reports it busy. SQLite's busy handler (the connection's `timeout`, set to the store's
lock wait) retries that with growing sleeps (1 ms up to 100 ms) for the whole wait; a busy
report the handler does not cover (a WAL recovery, a snapshot that moved) is retried here
with doubling pauses until the same deadline. Past it, `StoreBusy`: the caller decides
what the write costs (the pipeline drops the input as `store_busy` and goes on).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager

from newsloom.store.base import StoreBusy

# SQLite's primary result codes for a lock held by another connection or by this one.
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
FIRST_PAUSE_SECONDS = 0.01
LONGEST_PAUSE_SECONDS = 1.0


def is_busy(error: sqlite3.Error) -> bool:
    """Whether the error says the file is locked by another writer (any extended code)."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (SQLITE_BUSY, SQLITE_LOCKED)
    message = str(error)
    return "database is locked" in message or "database is busy" in message


def begin_immediate(connection: sqlite3.Connection, lock_wait: float, path: str) -> None:
    """`BEGIN IMMEDIATE`, retried until `lock_wait` seconds have passed, then `StoreBusy`."""
    deadline = time.monotonic() + lock_wait
    pause = FIRST_PAUSE_SECONDS
    while True:
        try:
            connection.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as error:
            left = deadline - time.monotonic()
            if not is_busy(error):
                raise
            if left <= 0:
                raise StoreBusy(
                    f"{path}: another writer held the store's lock for over {lock_wait:g} s"
                ) from error
            time.sleep(min(pause, left))
            pause = min(2 * pause, LONGEST_PAUSE_SECONDS)


@contextmanager
def write_transaction(
    connection: sqlite3.Connection, lock_wait: float, path: str
) -> Iterator[sqlite3.Connection]:
    """One write transaction: committed when the block ends, rolled back on any error.

    A commit that stays busy (readers blocking a rollback-journal file) rolls back and
    raises `StoreBusy`, so the connection never stays inside a half-done transaction.
    """
    begin_immediate(connection, lock_wait, path)
    try:
        yield connection
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    try:
        connection.execute("COMMIT")
    except sqlite3.OperationalError as error:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        if is_busy(error):
            raise StoreBusy(f"{path}: the store stayed busy at commit") from error
        raise
