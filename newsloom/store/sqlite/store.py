"""The embedded SQLite store, the default backend.

What the store does with its tables is `newsloom.store.sql.store.SqlStore`; this is how
it talks to SQLite. One connection per store for writes, under a lock (one writer), in
autocommit mode with explicit `BEGIN IMMEDIATE` transactions: every `save` is committed
before it returns. The file uses WAL so readers in other processes are not blocked by a
running ingest, and reads from other threads get a connection each. A write waits up to
`lock_wait` seconds for another process's write lock (`locking`), then raises
`StoreBusy` with nothing written. Runs hold a lock file each (`run_locks`).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from newsloom.store.base import LOCK_WAIT_SECONDS, StoreBusy
from newsloom.store.sql.store import SqlStore
from newsloom.store.sqlite import run_locks
from newsloom.store.sqlite.connection import SQLiteConnection, connect
from newsloom.store.sqlite.locking import is_busy, write_transaction
from newsloom.store.sqlite.schema import MIGRATIONS, Migration, current_version, migrate
from newsloom.store.sqlite.search import search, search_facets

T = TypeVar("T")

MEMORY = ":memory:"


class SQLiteStore(SqlStore):
    """A `Store` in one SQLite file (or `:memory:`)."""

    _search = staticmethod(search)
    _search_facets = staticmethod(search_facets)

    def __init__(
        self,
        path: str | Path,
        migrations: Sequence[Migration] = MIGRATIONS,
        *,
        lock_wait: float = LOCK_WAIT_SECONDS,
    ) -> None:
        self.path = str(path)
        self.lock_wait = lock_wait
        if self.path != MEMORY:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        # Readers on other threads (the server's request threads) get a connection each,
        # so reads run side by side under WAL instead of queueing behind one lock.
        self._local = threading.local()
        self._readers: list[SQLiteConnection] = []
        self._run_locks = {}
        self._connection: SQLiteConnection | None = connect(self.path, lock_wait)
        try:
            self._connection.execute("PRAGMA journal_mode = WAL")
            self._connection.execute("PRAGMA synchronous = NORMAL")
            self._connection.execute("PRAGMA foreign_keys = ON")
            migrate(self._connection, migrations)
            self._interrupt_abandoned_runs()
        except sqlite3.OperationalError as error:
            self.close()
            if is_busy(error):
                raise StoreBusy(f"{self.path}: locked by another writer while opening") from error
            raise
        except BaseException:
            self.close()
            raise

    # -- connection -------------------------------------------------------------------

    @property
    def _db(self) -> SQLiteConnection:
        if self._connection is None:
            raise RuntimeError("the store is closed")
        return self._connection

    def close(self) -> None:
        with self._lock:
            # A run this store did not finish cannot finish now: its lock goes, so the
            # next open marks it interrupted.
            for token in self._run_locks.values():
                run_locks.release_run_lock(self.path, token)
            self._run_locks.clear()
            for reader in self._readers:
                reader.close()
            self._readers.clear()
            self._local = threading.local()
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    def _write(self, work: Callable[[SQLiteConnection], T], lock_wait: float | None = None) -> T:
        """A write transaction, waiting up to `lock_wait` (the store's unless given) for
        another writer's lock, then `StoreBusy`."""
        wait = self.lock_wait if lock_wait is None else lock_wait
        with self._lock:
            db = self._db
            if wait != self.lock_wait:
                db.execute(f"PRAGMA busy_timeout = {int(wait * 1000)}")
            try:
                with write_transaction(db, wait, self.path):
                    return work(db)
            finally:
                if wait != self.lock_wait:
                    db.execute(f"PRAGMA busy_timeout = {int(self.lock_wait * 1000)}")

    def _read(self, work: Callable[[SQLiteConnection], T]) -> T:
        with self._reading() as db:
            return work(db)

    @contextmanager
    def _reading(self) -> Iterator[SQLiteConnection]:
        """A connection for reads: this thread's own for a file store, else the shared one."""
        if self.path == MEMORY:
            with self._lock:
                yield self._db
            return
        reader: SQLiteConnection | None = getattr(self._local, "connection", None)
        if reader is None:
            with self._lock:
                if self._connection is None:
                    raise RuntimeError("the store is closed")
                reader = connect(self.path, self.lock_wait)
                self._readers.append(reader)
            self._local.connection = reader
        yield reader

    def schema_version(self) -> int:
        with self._lock:
            return current_version(self._db)

    # -- run locks: a lock file per running run ---------------------------------------

    def _hold_run_lock(self) -> str | None:
        return None if self.path == MEMORY else run_locks.hold_run_lock(self.path)

    def _release_run_lock(self, token: str | None) -> None:
        run_locks.release_run_lock(self.path, token)

    def _run_is_abandoned(self, token: str) -> bool:
        return run_locks.run_is_abandoned(self.path, token)

    def _forget_run_lock(self, token: str) -> None:
        run_locks.remove_lock_file(self.path, token)

    def _interrupt_abandoned_runs(self) -> None:
        if "lock" in {row[1] for row in self._db.execute("PRAGMA table_info(runs)")}:
            super()._interrupt_abandoned_runs()
        # else a store kept at an older schema (tests of migrations): nothing to tell
