"""The PostgreSQL schema: the shared migrations in PostgreSQL's words, and applying them.

Every table is the shared one (`newsloom.store.sql.schema`) translated by
`dialect.to_postgres` (`BIGINT`, `DOUBLE PRECISION`, `BYTEA`, `TEXT COLLATE "C"`).

What PostgreSQL adds of its own: full-text search (step 2), a generated `tsvector` column
`articles.search` over title (weight A) and text (weight D) with a GIN index, in a text
search configuration `newsloom_search`: `simple` (no stemming, no stop words, as FTS5's
`unicode61`) with the `unaccent` dictionary in front when that extension can be had
(trusted since PostgreSQL 13: a database owner may create it), else without it and
search is then accent-sensitive; and `round(double precision, integer)` (step 7), which
the events filter uses and PostgreSQL only has for `numeric`.

The version is the one row of `newsloom_schema`. Each migration runs in its own
transaction with its version bump, under the store's advisory lock (`lock_store`), so
two processes opening a new store at once apply each step once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import psycopg

from newsloom.store.postgres.connection import PgDb
from newsloom.store.postgres.dialect import to_postgres
from newsloom.store.sql.schema import Migration, build_migrations, pending

SEARCH_CONFIG = "newsloom_search"
# Characters of an article's text that search indexes: a `tsvector` holds at most 1 MB.
SEARCH_TEXT_CHARS = 250_000
# The class of the store's advisory locks (the other key is the schema's hash): writers
# and migrations hold it for a transaction (`pg_advisory_xact_lock(class, key)`). Run
# locks use the other key space (one bigint each), so the two never meet.
LOCK_CLASS = 0x6E6C  # "nl"

FULL_TEXT_SEARCH = f"""
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'unaccent') THEN
        BEGIN
            CREATE EXTENSION unaccent SCHEMA public;
        EXCEPTION WHEN OTHERS THEN
            BEGIN
                CREATE EXTENSION unaccent;
            EXCEPTION WHEN OTHERS THEN
                RAISE WARNING 'newsloom: no unaccent extension (%); search keeps accents',
                    SQLERRM;
            END;
        END;
    END IF;
END $$;
CREATE TEXT SEARCH CONFIGURATION {SEARCH_CONFIG} (COPY = pg_catalog.simple);
DO $$
DECLARE
    home TEXT;
BEGIN
    SELECT n.nspname INTO home FROM pg_extension e
    JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent';
    IF home IS NOT NULL THEN
        EXECUTE format('ALTER TEXT SEARCH CONFIGURATION {SEARCH_CONFIG} ALTER MAPPING FOR'
            ' asciiword, asciihword, hword_asciipart, word, hword, hword_part'
            ' WITH %I.unaccent, simple', home);
    END IF;
END $$;
ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('{SEARCH_CONFIG}', coalesce(title, '')), 'A')
    || setweight(to_tsvector('{SEARCH_CONFIG}', left(coalesce(text, ''), {SEARCH_TEXT_CHARS})), 'D')
) STORED;
CREATE INDEX articles_search ON articles USING GIN (search);
"""

ROUND = """
CREATE FUNCTION round(value DOUBLE PRECISION, places INTEGER) RETURNS DOUBLE PRECISION
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT round(value::numeric, places)::double precision $$;
"""

MIGRATIONS: tuple[Migration, ...] = build_migrations(
    own={2: FULL_TEXT_SEARCH, 7: ROUND}, ddl=to_postgres
)
LATEST_VERSION = MIGRATIONS[-1].version

_VERSION_TABLE = """
CREATE TABLE IF NOT EXISTS newsloom_schema (version INTEGER NOT NULL);
INSERT INTO newsloom_schema (version) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM newsloom_schema);
"""


def lock_store(connection: psycopg.Connection[Any], timeout_ms: int = 0) -> None:
    """Take the store's advisory lock until the current transaction ends, waiting up to
    `timeout_ms` (0: for ever), then `LockNotAvailable`; the transaction's commit is
    asynchronous (`synchronous_commit = off`, see `PostgresStore._lock_for_writing`)."""
    connection.execute(
        "SELECT set_config('lock_timeout', %s, true),"
        " set_config('synchronous_commit', 'off', true),"
        " pg_advisory_xact_lock(%s, hashtext(current_schema()))",
        (str(timeout_ms), LOCK_CLASS),
    )


def try_lock_store(connection: psycopg.Connection[Any]) -> bool:
    """Take the store's advisory lock until the current transaction ends, if it is free
    (the commit asynchronous, as with `lock_store`)."""
    row = connection.execute(
        "SELECT set_config('synchronous_commit', 'off', true),"
        " pg_try_advisory_xact_lock(%s, hashtext(current_schema()))",
        (LOCK_CLASS,),
    ).fetchone()
    return bool(row and row[1])


def current_version(connection: psycopg.Connection[Any]) -> int:
    row = connection.execute("SELECT to_regclass('newsloom_schema') IS NOT NULL").fetchone()
    if not (row and row[0]):
        return 0
    row = connection.execute("SELECT version FROM newsloom_schema").fetchone()
    return int(row[0]) if row is not None else 0


def folds_accents(connection: psycopg.Connection[Any]) -> bool:
    """Whether the store's search configuration has the `unaccent` dictionary (True for a
    store whose search is not made yet)."""
    rows = connection.execute(
        "SELECT EXISTS (SELECT 1 FROM pg_ts_config_map m JOIN pg_ts_dict d ON d.oid = m.mapdict"
        " WHERE m.mapcfg = c.oid AND d.dictname = 'unaccent') FROM pg_ts_config c"
        " WHERE c.cfgname = %s AND c.cfgnamespace = current_schema()::regnamespace",
        (SEARCH_CONFIG,),
    ).fetchall()
    return all(row[0] for row in rows)


def migrate(
    connection: psycopg.Connection[Any], migrations: Sequence[Migration] = MIGRATIONS
) -> int:
    """Apply the migrations above the store's version; returns the version reached.

    `connection` is in autocommit mode (each step opens its own transaction).
    """
    with connection.transaction():
        lock_store(connection)
        connection.execute(_VERSION_TABLE)
    for migration in pending(migrations, current_version(connection)):
        with connection.transaction():
            lock_store(connection)
            if current_version(connection) >= migration.version:
                continue  # another process applied it while this one waited
            if migration.sql.strip():
                connection.execute(migration.sql)
            if migration.backfill is not None:
                migration.backfill(PgDb(connection))
            connection.execute("UPDATE newsloom_schema SET version = %s", (migration.version,))
    return current_version(connection)
