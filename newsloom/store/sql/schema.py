"""The store's schema as one ordered list of migrations, shared by every backend.

The tables are written once here, in SQLite's words (`TEXT`, `INTEGER`, `REAL`, `BLOB`);
a backend whose database spells them otherwise passes `build_migrations` a `ddl`
function that translates (`newsloom.store.postgres.schema.to_postgres`). What a backend
adds of its own goes after a step's shared SQL: full-text search (step 2: FTS5 in SQLite,
a `tsvector` column in PostgreSQL), SQLite's JSON clean-up in step 9, PostgreSQL's
`round(double precision, integer)` in step 7. So a store of either backend at version N
has the same tables, columns and keys; `Store.schema_version()` says N on both.

Add a migration by appending to `build_migrations`; never edit one that has shipped.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from newsloom.store.base import SchemaError
from newsloom.store.sql.dialect import Db, same, table_columns
from newsloom.store.sql.events import EVENTS_SQL
from newsloom.store.sql.facts_backfill import move_facts_out_of_extra
from newsloom.store.sql.places import PLACES_SQL
from newsloom.store.sql.reviews import REVIEWS_SQL
from newsloom.store.sql.shards import SHARDS_SQL
from newsloom.store.sql.stories import STORIES_SQL
from newsloom.store.sql.stories_backfill import assign_stored_articles


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema step: SQL, then an optional data move run in the same transaction."""

    version: int
    name: str
    sql: str
    backfill: Callable[[Db], None] | None = None


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
"""


def add_representative(db: Db) -> None:
    """Migration 11: `articles.representative`, the provenance key (`Provenance.key()`) of
    the input whose fields and facts the article shows when several inputs carry its text.
    Until now that was the first one stored: the article's first provenance. (Once only: a
    store rewound to an older version by hand may have the column already.)"""
    if "representative" not in table_columns(db, "articles"):
        db.execute(
            db.dialect.ddl(
                "ALTER TABLE articles ADD COLUMN representative TEXT NOT NULL DEFAULT ''"
            )
        )
    db.execute(
        "UPDATE articles SET representative = coalesce((SELECT CASE WHEN p.locator = ''"
        " THEN p.input ELSE p.input || '#' || p.locator END FROM provenance p"
        " WHERE p.article_id = articles.id ORDER BY p.position LIMIT 1), '')"
        " WHERE representative = ''"
    )


def add_lock_column(db: Db) -> None:
    """Migration 10: `runs.lock`, what tells whether a running run's process lives (the
    token of its lock file in SQLite, its advisory lock key in PostgreSQL). Once only: a
    store rewound to an older version by hand may have it already."""
    if "lock" not in table_columns(db, "runs"):
        db.execute(db.dialect.ddl("ALTER TABLE runs ADD COLUMN lock TEXT"))


def build_migrations(
    *, own: Mapping[int, str], ddl: Callable[[str], str] = same
) -> tuple[Migration, ...]:
    """Every migration in order: the shared tables through `ddl`, each step followed by
    the SQL the backend adds to it in `own` (by version), as it is. Every backend adds
    its full-text search to step 2 (it has no shared SQL); SQLite adds to step 9 the
    JSON clean-up of what moved out of `extra`."""
    steps: tuple[tuple[int, str, str, Callable[[Db], None] | None], ...] = (
        (1, "articles, provenance, pending fetches, runs", CORE_TABLES, None),
        (2, "full-text search over title and text", "", None),
        (3, "extra article fields as JSON", EXTRA_FIELDS, None),
        (4, "dropped and failed inputs", DROPS, None),
        (5, "enrichment facts tables", FACTS, move_facts_out_of_extra),
        (6, "places resolved to coordinates", PLACES_SQL, None),
        (7, "coded events", EVENTS_SQL, None),
        (
            8,
            "stories: syndicated copies and same-event groups",
            STORIES_SQL,
            assign_stored_articles,
        ),
        (9, "generic fact table; places and events out of extra", GENERIC_FACTS, None),
        (10, "the lock file of each running run", "", add_lock_column),
        (
            11,
            "the input each article shows of the several carrying its text",
            "",
            add_representative,
        ),
        (12, "input shards written by ingest runs (resume)", SHARDS_SQL, None),
        (13, "analysts' reviews of facts, apart from the facts", REVIEWS_SQL, None),
    )
    return tuple(
        Migration(version, name, ddl(sql) + own.get(version, ""), backfill)
        for version, name, sql, backfill in steps
    )


def pending(migrations: Sequence[Migration], version: int) -> list[Migration]:
    """The migrations a store at `version` still needs, after checking that the list is
    numbered 1, 2, ... and that the store is not newer than the list."""
    if [m.version for m in migrations] != list(range(1, len(migrations) + 1)):
        raise SchemaError("migrations must be numbered 1, 2, ... without gaps")
    known = migrations[-1].version if migrations else 0
    if version > known:
        raise SchemaError(
            f"database schema version {version} is newer than this newsloom knows ({known});"
            " upgrade newsloom to open it"
        )
    return [m for m in migrations if m.version > version]
