"""The SQLite schema: the shared migrations (`newsloom.store.sql.schema`) with FTS5 for
search, and the code that applies them.

The schema version is SQLite's `PRAGMA user_version`: 0 for a new file, N after
migration N. Opening a store applies every migration above the file's version in
order, each in its own transaction together with its version bump, so a crash
leaves the file at a whole version. Add a migration in `build_migrations`; never edit
one that has shipped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from newsloom.store.base import SchemaError
from newsloom.store.sql.schema import Migration, build_migrations, pending
from newsloom.store.sqlite.connection import SQLiteConnection

__all__ = ["LATEST_VERSION", "MIGRATIONS", "Migration", "migrate", "split_statements"]

# External-content FTS5 over articles(title, text), kept in sync by triggers so every
# article write updates the index inside the same transaction.
FULL_TEXT_SEARCH = """
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title,
    text,
    content = 'articles',
    content_rowid = 'seq',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_after_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
CREATE TRIGGER articles_fts_after_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.seq, old.title, old.text);
END;
CREATE TRIGGER articles_fts_after_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.seq, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
"""

# Migration 9's data step: places and events were copied into `articles.extra` until then.
DROP_MOVED_FACTS = """
UPDATE articles SET extra = json_remove(extra, '$.places', '$.events')
WHERE extra IS NOT NULL AND extra != '' AND json_valid(extra);
"""

MIGRATIONS: tuple[Migration, ...] = build_migrations(own={2: FULL_TEXT_SEARCH, 9: DROP_MOVED_FACTS})

LATEST_VERSION = MIGRATIONS[-1].version


@contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error (needs autocommit mode)."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


_BLANK = " \n\t;"


def split_statements(script: str) -> list[str]:
    """Complete SQL statements of a script (trigger bodies keep their inner `;`)."""
    statements, buffer = [], ""
    for piece in script.split(";"):
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            if buffer.strip(_BLANK):
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip(_BLANK):
        raise SchemaError(f"incomplete SQL statement in migration: {buffer.strip()[:80]!r}")
    return statements


def current_version(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def migrate(connection: SQLiteConnection, migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """Apply the migrations above the file's version; returns the version reached."""
    version = current_version(connection)
    for migration in pending(migrations, version):
        with transaction(connection):
            for statement in split_statements(migration.sql):
                connection.execute(statement)
            if migration.backfill is not None:
                migration.backfill(connection)
            connection.execute(f"PRAGMA user_version = {migration.version:d}")
        version = migration.version
    return version
