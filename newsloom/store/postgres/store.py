"""The PostgreSQL store: one database schema that many processes write at once.

What the store does with its tables is `newsloom.store.sql.store.SqlStore`, the same as
SQLite's; this is how it talks to PostgreSQL.

- Connections come from a pool (`psycopg_pool`, up to `POOL_SIZE`, each checked before
  use), in autocommit mode; each read or write opens its own transaction on one.
- A write (every `save`: one article, its provenance, facts, entities and story, all in
  one transaction) first takes the store's transaction-level advisory lock (`schema.
  lock_store`), so writers of one store, in any process, run one at a time, as in
  SQLite: merging copies, recounting entities and refolding stories read what they
  change, and must see every write before them. Unique keys (article id, provenance,
  drops, pending URLs, shards) back this up. A write waits `lock_wait` seconds for the
  lock, then `StoreBusy` with nothing written. The expensive work of an ingest
  (extraction, enrichment) runs before the store, so processes still ingest in parallel.
- Reads run in a `REPEATABLE READ, READ ONLY` transaction: one consistent snapshot,
  never waiting for writers.
- A read or write that loses its connection (a server restart, `pg_terminate_backend`,
  a network drop) or a conflict is tried again on a fresh connection, for up to
  `lock_wait` seconds (at least twice), then `StoreUnavailable`. A save tried again
  starts from the article as given; one whose COMMIT was lost may have been kept, and is
  then UNCHANGED or MERGED when tried again (saving the same input is idempotent).
- Each running run holds a session-level advisory lock (a random bigint, kept in
  `runs.lock`) on a connection of its own; the server drops it when that session ends,
  however the process ends. Opening a store marks `interrupted` every running run whose
  lock is free, as SQLite does with lock files. A run whose lock session was cut while its
  process lives takes the lock again at its next progress.
"""

from __future__ import annotations

import contextlib
import logging
import secrets
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import psycopg
from psycopg_pool import ConnectionPool, PoolTimeout

from newsloom.record import RunCounts
from newsloom.store.base import LOCK_WAIT_SECONDS, SchemaError, StoreBusy, StoreUnavailable
from newsloom.store.postgres.connection import (
    CONFLICT,
    GONE,
    PgDb,
    classify,
    describe,
    row_factory,
)
from newsloom.store.postgres.schema import (
    MIGRATIONS,
    current_version,
    folds_accents,
    lock_store,
    migrate,
    try_lock_store,
)
from newsloom.store.postgres.search import search, search_facets
from newsloom.store.sql.schema import Migration
from newsloom.store.sql.store import RUN_INTERRUPTED, RUN_RUNNING, SqlStore

log = logging.getLogger(__name__)
T = TypeVar("T")

POOL_SIZE = 8
# Seconds to wait for the server when opening the store or a run lock's session.
CONNECT_TIMEOUT = 10
FIRST_PAUSE_SECONDS = 0.05
LONGEST_PAUSE_SECONDS = 2.0


class PostgresStore(SqlStore):
    """A `Store` in one schema of a PostgreSQL database: the first schema of the
    location's `search_path` (`?options=-csearch_path%3Dnews`), else the user's default."""

    _search = staticmethod(search)
    _search_facets = staticmethod(search_facets)

    def __init__(
        self,
        location: str,
        migrations: Sequence[Migration] = MIGRATIONS,
        *,
        lock_wait: float = LOCK_WAIT_SECONDS,
        pool_size: int = POOL_SIZE,
    ) -> None:
        self.location = location
        self.where = describe(location)
        self.lock_wait = lock_wait
        self._run_locks = {}
        # The session holding each run lock this store took, by token.
        self._run_sessions: dict[str, psycopg.Connection[Any]] = {}
        self._guard = threading.Lock()
        self._pool: ConnectionPool[psycopg.Connection[Any]] | None = None
        with self._connect() as connection:
            schema = connection.execute("SELECT current_schema()").fetchone()
            if schema is None or schema[0] is None:
                raise SchemaError(
                    f"{self.where}: no schema to keep the store in (the search_path names"
                    " none that exists); create one or name it in the location's options"
                )
            self.schema = str(schema[0])
            migrate(connection, migrations)
            if not folds_accents(connection):
                log.warning(
                    "%s: search keeps accents (no unaccent extension when the store was made)",
                    self.where,
                )
        self._pool = ConnectionPool(
            location,
            min_size=1,
            max_size=pool_size,
            kwargs={"autocommit": True, "row_factory": row_factory},
            check=ConnectionPool.check_connection,
            name=f"newsloom {self.where} {self.schema}",
            open=True,
        )
        try:
            self._interrupt_abandoned_runs()
        except BaseException:
            self.close()
            raise

    def _connect(self) -> psycopg.Connection[Any]:
        """A connection of its own (not pooled), or `StoreUnavailable` saying why not."""
        try:
            return psycopg.connect(
                self.location,
                autocommit=True,
                row_factory=row_factory,
                connect_timeout=CONNECT_TIMEOUT,
            )
        except psycopg.OperationalError as error:
            raise StoreUnavailable(f"{self.where}: cannot connect: {error}".strip()) from error

    def close(self) -> None:
        with self._guard:
            # A run this store did not finish cannot finish now: its lock goes with its
            # session, so the next open marks it interrupted.
            sessions = list(self._run_sessions.values())
            self._run_sessions.clear()
            self._run_locks.clear()
            pool, self._pool = self._pool, None
        for session in sessions:
            session.close()
        if pool is not None:
            pool.close()

    def schema_version(self) -> int:
        return self._attempt(current_version, self.lock_wait)

    # -- transactions -----------------------------------------------------------------

    def _write(self, work: Callable[[PgDb], T], lock_wait: float | None = None) -> T:
        wait = self.lock_wait if lock_wait is None else lock_wait

        def attempt(connection: psycopg.Connection[Any]) -> T:
            with connection.transaction():
                self._lock_for_writing(connection, wait)
                return work(PgDb(connection))

        return self._attempt(attempt, wait)

    def _lock_for_writing(self, connection: psycopg.Connection[Any], wait: float) -> None:
        """The store's writer lock, waiting up to `wait` seconds, else `StoreBusy`.

        The same statement makes this transaction's commit asynchronous: a server crash
        may lose the last fraction of a second of saves (never half of one, never a
        corrupt store), as SQLite's WAL with `synchronous = NORMAL` may on power loss;
        a rerun writes them again.
        """
        busy = StoreBusy(f"{self.where}: another writer held the store's lock for over {wait:g} s")
        if wait <= 0:
            if not try_lock_store(connection):
                raise busy
            return
        try:
            lock_store(connection, timeout_ms=max(1, int(wait * 1000)))
        except psycopg.errors.LockNotAvailable as error:
            raise busy from error

    def _read(self, work: Callable[[PgDb], T]) -> T:
        def attempt(connection: psycopg.Connection[Any]) -> T:
            with connection.transaction():
                connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                return work(PgDb(connection))

        return self._attempt(attempt, self.lock_wait)

    def _attempt(self, attempt: Callable[[psycopg.Connection[Any]], T], wait: float) -> T:
        """`attempt(connection)` on a pooled connection, tried again on a fresh one after a
        lost connection or a conflict, for `wait` seconds and at least twice."""
        deadline = time.monotonic() + wait
        pause = FIRST_PAUSE_SECONDS
        tries = 0
        while True:
            tries += 1
            pool = self._pool
            if pool is None:
                raise RuntimeError("the store is closed")
            try:
                with pool.connection(timeout=max(deadline - time.monotonic(), 1.0)) as connection:
                    return attempt(connection)
            except PoolTimeout as error:
                cause: Exception = error
            except psycopg.Error as error:
                if classify(error) not in (GONE, CONFLICT):
                    raise
                cause = error
            left = deadline - time.monotonic()
            if tries >= 2 and left <= 0:
                raise StoreUnavailable(
                    f"{self.where}: the database did not answer for {wait:g} s ({cause});"
                    " a write then may or may not be kept, and a rerun writes it"
                ) from cause
            log.warning("%s: %s; trying again", self.where, cause)
            time.sleep(max(0.0, min(pause, left)))
            pause = min(2 * pause, LONGEST_PAUSE_SECONDS)

    # -- run locks: a session-level advisory lock per running run ---------------------

    def _hold_run_lock(self) -> str | None:
        token = str(secrets.randbits(63))
        try:
            session = self._lock_session(token)
        except StoreUnavailable as error:
            log.warning("%s: the run goes on without a run lock: %s", self.where, error)
            return None
        with self._guard:
            self._run_sessions[token] = session
        return token

    def _lock_session(self, token: str) -> psycopg.Connection[Any]:
        session = self._connect()
        try:
            session.execute("SELECT pg_advisory_lock(%s)", (int(token),))
        except BaseException:
            session.close()
            raise
        return session

    def _release_run_lock(self, token: str | None) -> None:
        with self._guard:
            session = self._run_sessions.pop(token, None) if token is not None else None
        if session is not None:
            session.close()  # the session's end releases its lock

    def _run_is_abandoned(self, token: str) -> bool:
        """Whether the run's lock is free; False when that cannot be told."""
        with self._guard:
            if token in self._run_sessions:
                return False
        try:
            key = int(token)
        except ValueError:
            return False

        def probe(connection: psycopg.Connection[Any]) -> bool:
            row = connection.execute("SELECT pg_try_advisory_lock(%s)", (key,)).fetchone()
            if not (row and row[0]):
                return False
            connection.execute("SELECT pg_advisory_unlock(%s)", (key,))
            return True

        return self._attempt(probe, 0.0)

    def _forget_run_lock(self, token: str) -> None:
        """Nothing is left behind: a session's locks end with it."""

    def record_progress(self, run_id: int, counts: RunCounts) -> None:
        """The counts so far; first, a run whose lock session was cut (an administrator
        ended it, the server restarted) takes its lock again, and is `running` again if
        an open in the meantime marked it interrupted."""
        if self._keep_run_lock(run_id):
            with contextlib.suppress(StoreBusy):
                self._write(
                    lambda db: db.execute(
                        "UPDATE runs SET status = ? WHERE id = ? AND status = ?"
                        " AND finished IS NULL",
                        (RUN_RUNNING, run_id, RUN_INTERRUPTED),
                    ),
                    lock_wait=0.0,
                )
        super().record_progress(run_id, counts)

    def _keep_run_lock(self, run_id: int) -> bool:
        """Whether the run's lock had to be taken again on a new session (and was)."""
        token = self._run_locks.get(run_id)
        with self._guard:
            session = self._run_sessions.get(token) if token is not None else None
        if token is None or session is None:
            return False
        try:
            session.execute("SELECT 1")
            return False
        except psycopg.Error:
            session.close()
        try:
            fresh = self._lock_session(token)
        except (StoreUnavailable, psycopg.Error):
            return False
        with self._guard:
            if token in self._run_sessions:
                self._run_sessions[token] = fresh
                return True
        fresh.close()  # the run finished meanwhile
        return False
