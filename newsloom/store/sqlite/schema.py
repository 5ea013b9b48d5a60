"""The SQLite schema as an ordered list of migrations, and the code that applies them.

The schema version is SQLite's `PRAGMA user_version`: 0 for a new file, N after
migration N. Opening a store applies every migration above the file's version in
order, each in its own transaction together with its version bump, so a crash
leaves the file at a whole version. Add a migration by appending to `MIGRATIONS`;
never edit one that has shipped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from newsloom.store.base import SchemaError
from newsloom.store.sqlite.events import EVENTS_SQL
from newsloom.store.sqlite.facts_backfill import move_facts_out_of_extra
from newsloom.store.sqlite.places import PLACES_SQL
from newsloom.store.sqlite.run_locks import add_lock_column
from newsloom.store.sqlite.shards import SHARDS_SQL
from newsloom.store.sqlite.stories import STORIES_SQL
from newsloom.store.sqlite.stories_backfill import assign_stored_articles


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema step: SQL, then an optional data move run in the same transaction."""

    version: int
    name: str
    sql: str
    backfill: Callable[[sqlite3.Connection], None] | None = None


CORE_TABLES = """
CREATE TABLE articles (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    url TEXT,
    canonical_url TEXT,
    content_hash TEXT NOT NULL,
    title TEXT,
    published TEXT,
    published_key TEXT NOT NULL DEFAULT '',
    published_day TEXT,
    updated TEXT,
    source TEXT,
    site TEXT,
    language TEXT,
    authors TEXT NOT NULL DEFAULT '[]',
    credits TEXT NOT NULL DEFAULT '[]',
    paragraphs TEXT NOT NULL DEFAULT '[]',
    text TEXT NOT NULL DEFAULT '',
    related TEXT NOT NULL DEFAULT '[]',
    removed TEXT NOT NULL DEFAULT '[]',
    created TEXT NOT NULL,
    modified TEXT NOT NULL
);
CREATE INDEX articles_url ON articles (url);
CREATE INDEX articles_canonical_url ON articles (canonical_url);
CREATE INDEX articles_content_hash ON articles (content_hash);
CREATE INDEX articles_published ON articles (published_key, id);
CREATE INDEX articles_source ON articles (source, published_key, id);
CREATE INDEX articles_language ON articles (language, published_key, id);
CREATE INDEX articles_published_day ON articles (published_day);

CREATE TABLE provenance (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    input TEXT NOT NULL,
    reader TEXT NOT NULL DEFAULT '',
    locator TEXT NOT NULL DEFAULT '',
    added TEXT NOT NULL,
    UNIQUE (input, locator)
);
CREATE INDEX provenance_article ON provenance (article_id, position);

CREATE TABLE pending_fetches (
    url TEXT PRIMARY KEY,
    title TEXT,
    published TEXT,
    input TEXT NOT NULL,
    reader TEXT NOT NULL DEFAULT '',
    locator TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL
);

CREATE TABLE runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started TEXT NOT NULL,
    finished TEXT,
    status TEXT NOT NULL,
    inputs TEXT NOT NULL DEFAULT '[]',
    counts TEXT NOT NULL DEFAULT '{}'
);
"""

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

# Article fields added by later stages (keys of `Article.to_dict()` without a column).
EXTRA_FIELDS = """
ALTER TABLE articles ADD COLUMN extra TEXT NOT NULL DEFAULT '{}';
"""

# Inputs that did not become articles, one row per input, so none is silently lost:
# a later run that drops the same input again updates its row.
DROPS = """
CREATE TABLE drops (
    input TEXT NOT NULL,
    locator TEXT NOT NULL DEFAULT '',
    reader TEXT NOT NULL,
    reason TEXT NOT NULL,
    message TEXT NOT NULL DEFAULT '',
    run_id INTEGER REFERENCES runs (id),
    seen TEXT NOT NULL,
    PRIMARY KEY (input, locator)
);
CREATE INDEX drops_reason ON drops (reason);
"""

# Enrichment facts, one table per kind, each row with its article and evidence offsets.
# `entities` is the corpus-wide view (one row per canonical id, counts and merged aliases),
# recomputed for the entities an article touches whenever its facts are saved;
# `article_entities` keeps each article's own name, type and confidence for an entity.
# `*_key` columns hold `alias_key()` of a name for case-insensitive lookups.
# `facts_hash` is `facts_fingerprint()` of the facts last saved, to see when they change.
# The facts move out of `articles.extra`: these tables are their only copy.
FACTS = """
ALTER TABLE articles ADD COLUMN facts_hash TEXT NOT NULL DEFAULT '';

CREATE TABLE entities (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    type TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]',
    article_count INTEGER NOT NULL DEFAULT 0,
    mention_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX entities_rank ON entities (article_count DESC, mention_count DESC, id);
CREATE INDEX entities_type_rank ON entities (type, article_count DESC, mention_count DESC, id);
CREATE INDEX entities_name_key ON entities (name_key);

CREATE TABLE article_entities (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    entity_id TEXT NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    confidence REAL NOT NULL,
    PRIMARY KEY (article_id, position)
);
CREATE INDEX article_entities_entity ON article_entities (entity_id, article_id);

CREATE TABLE mentions (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    entity_position INTEGER NOT NULL,
    position INTEGER NOT NULL,
    entity_id TEXT NOT NULL,
    text TEXT NOT NULL,
    text_key TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    confidence REAL NOT NULL,
    PRIMARY KEY (article_id, entity_position, position)
);
CREATE INDEX mentions_entity ON mentions (entity_id, article_id);
CREATE INDEX mentions_text_key ON mentions (text_key);

CREATE TABLE roles (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    entity_position INTEGER NOT NULL,
    position INTEGER NOT NULL,
    entity_id TEXT NOT NULL,
    title TEXT NOT NULL,
    "of" TEXT,
    "to" TEXT,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    confidence REAL NOT NULL,
    PRIMARY KEY (article_id, entity_position, position)
);
CREATE INDEX roles_entity ON roles (entity_id);

CREATE TABLE quotes (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    cue TEXT,
    speaker TEXT,
    speaker_key TEXT,
    speaker_id TEXT,
    channel TEXT,
    date TEXT,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    confidence REAL NOT NULL,
    speaker_start INTEGER,
    speaker_end INTEGER,
    cue_start INTEGER,
    cue_end INTEGER,
    PRIMARY KEY (article_id, position)
);
CREATE INDEX quotes_speaker_id ON quotes (speaker_id);
CREATE INDEX quotes_speaker_key ON quotes (speaker_key);

CREATE TABLE times (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    value TEXT NOT NULL,
    type TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    confidence REAL NOT NULL,
    PRIMARY KEY (article_id, position)
);
"""

# Kinds of fact without a table of their own (`FactKind.table` None): one row per fact.
# Until this version places and events were also copied into `articles.extra`; their
# tables are the only copy now.
GENERIC_FACTS = """
CREATE TABLE facts (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    position INTEGER NOT NULL,
    record TEXT NOT NULL,
    start INTEGER,
    "end" INTEGER,
    confidence REAL,
    PRIMARY KEY (article_id, kind, position)
);
UPDATE articles SET extra = json_remove(extra, '$.places', '$.events')
WHERE extra IS NOT NULL AND extra != '' AND json_valid(extra);
"""


def add_representative(connection: sqlite3.Connection) -> None:
    """Migration 11: `articles.representative`, the provenance key (`Provenance.key()`) of
    the input whose fields and facts the article shows when several inputs carry its text.
    Until now that was the first one stored: the article's first provenance. (Once only: a
    store rewound to an older version by hand may have the column already.)"""
    columns = {row[1] for row in connection.execute("PRAGMA table_info(articles)")}
    if "representative" not in columns:
        connection.execute(
            "ALTER TABLE articles ADD COLUMN representative TEXT NOT NULL DEFAULT ''"
        )
    connection.execute(
        "UPDATE articles SET representative = coalesce((SELECT CASE WHEN p.locator = ''"
        " THEN p.input ELSE p.input || '#' || p.locator END FROM provenance p"
        " WHERE p.article_id = articles.id ORDER BY p.position LIMIT 1), '')"
        " WHERE representative = ''"
    )


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "articles, provenance, pending fetches, runs", CORE_TABLES),
    Migration(2, "full-text search over title and text", FULL_TEXT_SEARCH),
    Migration(3, "extra article fields as JSON", EXTRA_FIELDS),
    Migration(4, "dropped and failed inputs", DROPS),
    Migration(5, "enrichment facts tables", FACTS, move_facts_out_of_extra),
    Migration(6, "places resolved to coordinates", PLACES_SQL),
    Migration(7, "coded events", EVENTS_SQL),
    Migration(
        8, "stories: syndicated copies and same-event groups", STORIES_SQL, assign_stored_articles
    ),
    Migration(9, "generic fact table; places and events out of extra", GENERIC_FACTS),
    Migration(10, "the lock file of each running run", "", add_lock_column),
    Migration(
        11, "the input each article shows of the several carrying its text", "", add_representative
    ),
    Migration(12, "input shards written by ingest runs (resume)", SHARDS_SQL),
)

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
    statements, pending = [], ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(_BLANK):
                statements.append(pending.strip())
            pending = ""
    if pending.strip(_BLANK):
        raise SchemaError(f"incomplete SQL statement in migration: {pending.strip()[:80]!r}")
    return statements


def current_version(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def migrate(connection: sqlite3.Connection, migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """Apply the migrations above the file's version; returns the version reached."""
    _check_order(migrations)
    version = current_version(connection)
    known = migrations[-1].version if migrations else 0
    if version > known:
        raise SchemaError(
            f"database schema version {version} is newer than this newsloom knows ({known});"
            " upgrade newsloom to open it"
        )
    for migration in migrations:
        if migration.version <= version:
            continue
        with transaction(connection):
            for statement in split_statements(migration.sql):
                connection.execute(statement)
            if migration.backfill is not None:
                migration.backfill(connection)
            connection.execute(f"PRAGMA user_version = {migration.version:d}")
        version = migration.version
    return version


def _check_order(migrations: Sequence[Migration]) -> None:
    expected = list(range(1, len(migrations) + 1))
    if [m.version for m in migrations] != expected:
        raise SchemaError("migrations must be numbered 1, 2, ... without gaps")
