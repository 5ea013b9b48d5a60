"""The embedded SQLite store, the default backend; the store's SQL lives in this package.

One connection per store, used for reads and writes under a lock (one writer),
in autocommit mode with explicit `BEGIN IMMEDIATE` transactions: every `save` is
committed before it returns. The file uses WAL so readers in other processes are
not blocked by a running ingest. A write waits up to `lock_wait` seconds for another
process's write lock (`locking`), then raises `StoreBusy` with nothing written.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Self

from newsloom.record import Article, Dropped, PendingFetch, Provenance, RunCounts, parse_iso
from newsloom.store.base import LOCK_WAIT_SECONDS, StoreBusy
from newsloom.store.records import (
    SNIPPET_ELLIPSIS,
    ArticleFilter,
    ArticleSummary,
    DropRecord,
    EntityDetail,
    EntitySummary,
    EventFilter,
    EventRecord,
    Page,
    PlaceDetail,
    PlaceFilter,
    PlaceSummary,
    QuoteRecord,
    RunRecord,
    SaveOutcome,
    SearchFacets,
    SearchHit,
    facts_fingerprint,
)
from newsloom.store.rows import (
    ARTICLE_COLUMNS,
    UNDATED_KEY,
    article_from_row,
    article_row,
    counts_from_json,
    decode_cursor,
    dumps,
    encode_cursor,
    published_key,
)
from newsloom.store.sqlite.events import count_events, event_day_counts, list_events
from newsloom.store.sqlite.fact_queries import entity_detail, list_entities, list_quotes
from newsloom.store.sqlite.facts import attach_facts, read_facts, refresh_entities, write_facts
from newsloom.store.sqlite.filters import filter_conditions
from newsloom.store.sqlite.locking import is_busy, write_transaction
from newsloom.store.sqlite.places import count_places, list_places, place_detail
from newsloom.store.sqlite.run_locks import (
    hold_run_lock,
    release_run_lock,
    remove_lock_file,
    run_is_abandoned,
)
from newsloom.store.sqlite.schema import MIGRATIONS, Migration, migrate
from newsloom.store.sqlite.search import (
    BM25_WEIGHTS,
    MARK_CLOSE,
    MARK_OPEN,
    SNIPPET_TOKENS,
    match_expression,
    ranked_search_sql,
    search_facets,
    split_marks,
)
from newsloom.store.sqlite.shards import read_shard, write_shards
from newsloom.store.sqlite.stories import assign_story, leave_story
from newsloom.store.sqlite.stories_queries import list_stories, story_detail, story_of
from newsloom.stories.records import ArticleStory, StoryDetail, StorySummary

MEMORY = ":memory:"
# Articles fetched per query while streaming `iter_articles`.
ITER_BATCH_SIZE = 200
RUN_RUNNING = "running"
RUN_INTERRUPTED = "interrupted"

_INSERT_ARTICLE = (
    f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}, representative, created, modified) "
    f"VALUES ({', '.join(':' + c for c in ARTICLE_COLUMNS)}, :representative, :created, :now)"
)
_UPDATE_ARTICLE = (
    "UPDATE articles SET "
    + ", ".join(f"{c} = :{c}" for c in ARTICLE_COLUMNS if c != "id")
    + ", representative = :representative, modified = :now WHERE id = :id"
)
_SUMMARY_COLUMNS = "id, title, url, published, source, site, language, published_key"
# What `save` needs to know about the stored copy of an incoming article.
_EXISTING_COLUMNS = "a.*"


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


class SQLiteStore:
    """A `Store` in one SQLite file (or `:memory:`)."""

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
        self._readers: list[sqlite3.Connection] = []
        # The lock token of each run this store started and has not finished.
        self._run_locks: dict[int, str | None] = {}
        self._connection: sqlite3.Connection | None = sqlite3.connect(
            self.path,
            isolation_level=None,
            check_same_thread=False,
            timeout=lock_wait,
        )
        self._connection.row_factory = sqlite3.Row
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
    def _db(self) -> sqlite3.Connection:
        if self._connection is None:
            raise RuntimeError("the store is closed")
        return self._connection

    def close(self) -> None:
        with self._lock:
            # A run this store did not finish cannot finish now: its lock goes, so the
            # next open marks it interrupted.
            for token in self._run_locks.values():
                release_run_lock(self.path, token)
            self._run_locks.clear()
            for reader in self._readers:
                reader.close()
            self._readers.clear()
            self._local = threading.local()
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    @contextmanager
    def _writing(self, lock_wait: float | None = None) -> Iterator[sqlite3.Connection]:
        """A write transaction, waiting up to `lock_wait` (the store's unless given) for
        another writer's lock, then `StoreBusy`."""
        wait = self.lock_wait if lock_wait is None else lock_wait
        with self._lock:
            db = self._db
            if wait != self.lock_wait:
                db.execute(f"PRAGMA busy_timeout = {int(wait * 1000)}")
            try:
                with write_transaction(db, wait, self.path):
                    yield db
            finally:
                if wait != self.lock_wait:
                    db.execute(f"PRAGMA busy_timeout = {int(self.lock_wait * 1000)}")

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """A connection for reads: this thread's own for a file store, else the shared one."""
        if self.path == MEMORY:
            with self._lock:
                yield self._db
            return
        reader: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if reader is None:
            with self._lock:
                if self._connection is None:
                    raise RuntimeError("the store is closed")
                reader = sqlite3.connect(
                    self.path,
                    isolation_level=None,
                    check_same_thread=False,
                    timeout=self.lock_wait,
                )
                reader.row_factory = sqlite3.Row
                self._readers.append(reader)
            self._local.connection = reader
        yield reader

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def schema_version(self) -> int:
        with self._lock:
            return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    # -- saving -----------------------------------------------------------------------

    def save(self, article: Article) -> SaveOutcome:
        """Save the article and its facts in one transaction.

        Changed content replaces the stored fields and facts (UPDATED). Inputs with the
        same content are one article that shows one of them, its representative: the
        earliest published (undated last), then the smallest article id, then the smallest
        provenance key, whatever order they came in. A copy that ranks before the stored
        one takes its place, fields, facts and id (MERGED, or UPDATED when its provenance
        was stored already); the others only add their provenance (MERGED), keeping
        their facts out of an article whose date they do not share. The representative
        itself again with different facts (a re-enrichment) replaces the facts and the
        enrichment status (UPDATED); that needs the same text exactly (the facts' offsets
        point into it) and an article that went through enrichment (`enrichment` not
        None), so a run without enrichment never wipes stored facts. Otherwise MERGED
        when provenance was added, else UNCHANGED.
        """
        incoming_id = article.assign_id()
        content = article.content_hash
        origin = _origin(article)
        with self._writing():
            now = _now()
            self._forget_drops(article.provenance)
            existing = self._find_by_provenance(article.provenance)
            if existing is None:
                existing = self._find_same_article(article, incoming_id, content)
            if existing is None:
                self._insert(article, incoming_id, origin, now, created=now)
                self._add_provenance(incoming_id, article.provenance, now)
                self._write_facts(incoming_id, article)
                return SaveOutcome.STORED
            article_id = existing["id"]
            added = self._add_provenance(article_id, article.provenance, now)
            if existing["content_hash"] != content:
                article.id = article_id
                self._update(article, article_id, origin, now)
                self._write_facts(article_id, article)
                return SaveOutcome.UPDATED
            is_representative = _is_representative(article, incoming_id, existing)
            if (
                not is_representative
                and _ranks_before(article, incoming_id, origin, existing)
                and self._take_over(existing, article, incoming_id, origin, now)
            ):
                return SaveOutcome.MERGED if added else SaveOutcome.UPDATED
            article.id = article_id
            if is_representative and _has_new_facts(article, existing):
                self._db.execute(
                    "UPDATE articles SET extra = ?, modified = ? WHERE id = ?",
                    (article_row(article, article_id)["extra"], now, article_id),
                )
                self._write_facts(article_id, article)
                return SaveOutcome.UPDATED
            return SaveOutcome.MERGED if added else SaveOutcome.UNCHANGED

    def _insert(
        self, article: Article, article_id: str, origin: str, now: str, created: str
    ) -> None:
        row = article_row(article, article_id)
        self._db.execute(
            _INSERT_ARTICLE, {**row, "representative": origin, "created": created, "now": now}
        )

    def _update(self, article: Article, article_id: str, origin: str, now: str) -> None:
        row = article_row(article, article_id)
        self._db.execute(_UPDATE_ARTICLE, {**row, "representative": origin, "now": now})

    def _take_over(
        self, existing: sqlite3.Row, article: Article, new_id: str, origin: str, now: str
    ) -> bool:
        """Make the incoming copy the article's representative: its fields, facts and id.

        The article keeps its provenance (the old representative's among it). A new id
        (another URL's) is taken only when no other article has it; False then, and the
        copy stays provenance only.
        """
        old_id = existing["id"]
        if (
            new_id != old_id
            and self._db.execute("SELECT 1 FROM articles WHERE id = ?", (new_id,)).fetchone()
        ):
            return False
        self._keep_facts_that_hold(old_id, article)
        article.id = new_id
        if new_id == old_id:
            self._update(article, old_id, origin, now)
            self._write_facts(old_id, article)
            return True
        old_entities = [
            row[0]
            for row in self._db.execute(
                "SELECT DISTINCT entity_id FROM article_entities WHERE article_id = ?", (old_id,)
            )
        ]
        (created,) = self._db.execute(
            "SELECT created FROM articles WHERE id = ?", (old_id,)
        ).fetchone()
        leave_story(self._db, old_id)
        self._insert(article, new_id, origin, now, created=created)
        self._db.execute(
            "UPDATE provenance SET article_id = ? WHERE article_id = ?", (new_id, old_id)
        )
        self._db.execute("DELETE FROM articles WHERE id = ?", (old_id,))
        self._write_facts(new_id, article)
        refresh_entities(self._db, old_entities)
        return True

    def _keep_facts_that_hold(self, old_id: str, article: Article) -> None:
        """A copy saved without enrichment keeps the stored facts when they hold for it:
        the same text exactly (their offsets) and the same publication date (what relative
        times were resolved against)."""
        if article.enrichment is not None:
            return
        row = self._db.execute(
            "SELECT text, published, extra FROM articles WHERE id = ?", (old_id,)
        ).fetchone()
        enrichment = json.loads(row["extra"] or "{}").get("enrichment")
        same_date = row["published"] == article_row(article, old_id)["published"]
        if enrichment is not None and row["text"] == article.text and same_date:
            article.enrichment = enrichment
            attach_facts(article, read_facts(self._db, [old_id])[old_id])

    def _write_facts(self, article_id: str, article: Article) -> None:
        refresh_entities(self._db, write_facts(self._db, article_id, article))
        assign_story(self._db, article_id, article)

    def _find_by_provenance(self, provenance: list[Provenance]) -> sqlite3.Row | None:
        for item in provenance:
            row = self._db.execute(
                f"SELECT {_EXISTING_COLUMNS} FROM provenance p"
                " JOIN articles a ON a.id = p.article_id WHERE p.input = ? AND p.locator = ?",
                (item.input, item.locator),
            ).fetchone()
            if row is not None:
                return row
        return None

    def _find_same_article(
        self, article: Article, article_id: str, content: str
    ) -> sqlite3.Row | None:
        """The stored copy of this article: same id, canonical URL, URL, else content."""
        lookups: list[tuple[str, tuple[str, ...]]] = [("id = ?", (article_id,))]
        if article.canonical_url:
            lookups.append(("canonical_url = ?", (article.canonical_url,)))
        for url in dict.fromkeys(u for u in (article.canonical_url, article.url) if u):
            lookups.append(("url = ? OR canonical_url = ?", (url, url)))
        lookups.append(("content_hash = ?", (content,)))
        for condition, params in lookups:
            row = self._db.execute(
                f"SELECT {_EXISTING_COLUMNS} FROM articles a WHERE {condition}"
                " ORDER BY seq LIMIT 1",
                params,
            ).fetchone()
            if row is not None:
                return row
        return None

    def _add_provenance(self, article_id: str, provenance: list[Provenance], now: str) -> int:
        """Attach the provenance not stored yet; returns how many were added."""
        added = 0
        for item in provenance:
            cursor = self._db.execute(
                "INSERT INTO provenance (article_id, position, input, reader, locator, added)"
                " SELECT :id, coalesce(max(position) + 1, 0), :input, :reader, :locator, :now"
                " FROM provenance WHERE article_id = :id"
                " ON CONFLICT (input, locator) DO NOTHING",
                {
                    "id": article_id,
                    "input": item.input,
                    "reader": item.reader,
                    "locator": item.locator,
                    "now": now,
                },
            )
            added += cursor.rowcount
        return added

    def save_pending(self, fetch: PendingFetch) -> bool:
        with self._writing():
            cursor = self._db.execute(
                "INSERT INTO pending_fetches (url, title, published, input, reader, locator,"
                " created) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO NOTHING",
                (
                    fetch.url,
                    fetch.title,
                    fetch.published,
                    fetch.provenance.input,
                    fetch.provenance.reader,
                    fetch.provenance.locator,
                    _now(),
                ),
            )
            return cursor.rowcount == 1

    # -- reading ----------------------------------------------------------------------

    def get(self, article_id: str) -> Article | None:
        with self._reading() as db:
            row = db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
            if row is None:
                return None
            provenance = self._provenance_of([article_id], db)[article_id]
            article = article_from_row(dict(row), provenance)
            return attach_facts(article, read_facts(db, [article_id])[article_id])

    def _provenance_of(
        self, article_ids: list[str], db: sqlite3.Connection | None = None
    ) -> dict[str, list[Provenance]]:
        found: dict[str, list[Provenance]] = {article_id: [] for article_id in article_ids}
        marks = ", ".join("?" for _ in article_ids)
        rows = (db or self._db).execute(
            "SELECT article_id, input, reader, locator FROM provenance"
            f" WHERE article_id IN ({marks}) ORDER BY article_id, position",
            article_ids,
        )
        for row in rows:
            found[row["article_id"]].append(Provenance(row["input"], row["reader"], row["locator"]))
        return found

    def iter_articles(self) -> Iterator[Article]:
        last_seq = 0
        while True:
            with self._lock:
                rows = [
                    dict(row)
                    for row in self._db.execute(
                        "SELECT * FROM articles WHERE seq > ? ORDER BY seq LIMIT ?",
                        (last_seq, ITER_BATCH_SIZE),
                    )
                ]
                if not rows:
                    return
                ids = [row["id"] for row in rows]
                provenance = self._provenance_of(ids)
                facts = read_facts(self._db, ids)
            for row in rows:
                article = article_from_row(row, provenance[row["id"]])
                yield attach_facts(article, facts[row["id"]])
            last_seq = rows[-1]["seq"]

    def count_articles(self) -> int:
        with self._reading() as db:
            return int(db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def articles_per_day(self, days: int = 60) -> list[tuple[str, int]]:
        with self._reading() as db:
            rows = db.execute(
                "SELECT published_day, count(*) FROM articles WHERE published_day IS NOT NULL"
                " GROUP BY published_day ORDER BY published_day DESC LIMIT ?",
                (days,),
            ).fetchall()
        return [(row[0], row[1]) for row in reversed(rows)]

    def list_articles(
        self,
        limit: int = 20,
        cursor: str | None = None,
        source: str | None = None,
        language: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        *,
        filters: ArticleFilter | None = None,
    ) -> Page[ArticleSummary]:
        if limit < 1:
            raise ValueError(f"limit must be at least 1, got {limit}")
        filters = _merge_filters(filters, source, language, since, until)
        with self._reading() as db:
            conditions, params = filter_conditions(db, filters)
            if cursor is not None:
                conditions.append("(a.published_key, a.id) < (?, ?)")
                params.extend(decode_cursor(cursor))
            where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
            rows = db.execute(
                f"SELECT {_SUMMARY_COLUMNS} FROM articles a {where}"
                " ORDER BY a.published_key DESC, a.id DESC LIMIT ?",
                [*params, limit + 1],
            ).fetchall()
        items = [_summary(row) for row in rows[:limit]]
        more = len(rows) > limit
        last = rows[limit - 1] if more else None
        return Page(items, encode_cursor(last["published_key"], last["id"]) if last else None)

    def search(
        self,
        query: str,
        limit: int = 20,
        *,
        offset: int = 0,
        filters: ArticleFilter | None = None,
    ) -> list[SearchHit]:
        expression = match_expression(query)
        if expression is None or limit < 1:
            return []
        with self._reading() as db:
            conditions, params = filter_conditions(db, filters or ArticleFilter())
            rows = db.execute(
                ranked_search_sql(conditions),
                (
                    *BM25_WEIGHTS,
                    expression,
                    *params,
                    limit,
                    max(offset, 0),
                    MARK_OPEN,
                    MARK_CLOSE,
                    SNIPPET_ELLIPSIS,
                    SNIPPET_TOKENS,
                    expression,
                ),
            ).fetchall()
        hits = []
        for row in rows:
            snippet, highlights = split_marks(row["snippet"] or "")
            hits.append(
                SearchHit(
                    id=row["id"],
                    title=row["title"],
                    url=row["url"],
                    published=parse_iso(row["published"]),
                    snippet=snippet,
                    highlights=highlights,
                    score=-float(row["rank"]),
                    source=row["source"],
                    language=row["language"],
                )
            )
        return hits

    def search_facets(self, query: str, scan: int = 2000) -> SearchFacets:
        expression = match_expression(query) if query.strip() else None
        if query.strip() and expression is None:
            return SearchFacets()
        with self._reading() as db:
            return search_facets(db, expression, scan)

    # -- facts ------------------------------------------------------------------------

    def entities(
        self, type: str | None = None, limit: int = 20, offset: int = 0
    ) -> list[EntitySummary]:
        with self._reading() as db:
            return list_entities(db, type, limit, offset)

    def entity(self, id_or_name: str) -> EntityDetail | None:
        with self._reading() as db:
            return entity_detail(db, id_or_name)

    def quotes(
        self, speaker: str | None = None, since: dt.date | None = None, limit: int = 20
    ) -> list[QuoteRecord]:
        with self._reading() as db:
            return list_quotes(db, speaker, since, limit)

    # -- places --

    def places(
        self, filters: PlaceFilter | None = None, limit: int = 50, offset: int = 0
    ) -> list[PlaceSummary]:
        with self._reading() as db:
            return list_places(db, filters or PlaceFilter(), limit, offset)

    def count_places(self, filters: PlaceFilter | None = None) -> int:
        with self._reading() as db:
            return count_places(db, filters or PlaceFilter())

    def place(self, entity_id: str, limit: int = 200) -> PlaceDetail | None:
        with self._reading() as db:
            return place_detail(db, entity_id, limit)

    # -- events --

    def events(
        self, filters: EventFilter | None = None, limit: int = 50, offset: int = 0
    ) -> list[EventRecord]:
        with self._reading() as db:
            return list_events(db, filters or EventFilter(), limit, offset)

    def count_events(self, filters: EventFilter | None = None) -> int:
        with self._reading() as db:
            return count_events(db, filters or EventFilter())

    def event_days(self, filters: EventFilter | None = None) -> list[tuple[str, str, int]]:
        with self._reading() as db:
            return event_day_counts(db, filters or EventFilter())

    # -- stories --

    def story_of(self, article_id: str) -> ArticleStory | None:
        with self._reading() as db:
            return story_of(db, article_id)

    def stories(
        self,
        limit: int = 20,
        cursor: str | None = None,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        source: str | None = None,
        entity: str | None = None,
        shared_only: bool = True,
    ) -> Page[StorySummary]:
        with self._reading() as db:
            return list_stories(db, limit, cursor, since, until, source, entity, shared_only)

    def story(self, story_id: str) -> StoryDetail | None:
        with self._reading() as db:
            return story_detail(db, story_id)

    # -- runs -------------------------------------------------------------------------

    def start_run(self, inputs: list[str]) -> int:
        """Record a new `running` run, holding its lock (`run_locks`) until it finishes."""
        token = None if self.path == MEMORY else hold_run_lock(self.path)
        try:
            with self._writing():
                cursor = self._db.execute(
                    "INSERT INTO runs (started, status, inputs, counts, lock)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (_now(), RUN_RUNNING, dumps(list(inputs)), dumps(RunCounts().to_dict()), token),
                )
        except BaseException:
            release_run_lock(self.path, token)
            raise
        run_id = int(cursor.lastrowid or 0)
        self._run_locks[run_id] = token
        return run_id

    def record_progress(self, run_id: int, counts: RunCounts) -> None:
        """The counts so far of a running run; skipped while another writer holds the lock
        (the next progress or the finish writes them)."""
        try:
            with self._writing(lock_wait=0.0):
                self._db.execute(
                    "UPDATE runs SET counts = ? WHERE id = ? AND status = ?",
                    (dumps(counts.to_dict()), run_id, RUN_RUNNING),
                )
        except StoreBusy:
            pass

    def finish_run(self, run_id: int, counts: RunCounts, status: str = "finished") -> None:
        with self._writing():
            cursor = self._db.execute(
                "UPDATE runs SET finished = ?, status = ?, counts = ? WHERE id = ?",
                (_now(), status, dumps(counts.to_dict()), run_id),
            )
            if cursor.rowcount != 1:
                raise KeyError(f"no run with id {run_id}")
        release_run_lock(self.path, self._run_locks.pop(run_id, None))

    def _interrupt_abandoned_runs(self) -> None:
        """Mark `interrupted` the running runs whose process is gone (`run_locks`).

        Never waits for another writer: when the store is busy, a later open does it.
        """
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(runs)")}
        if "lock" not in columns:  # a store kept at an older schema (tests of migrations)
            return
        rows = self._db.execute(
            "SELECT id, lock FROM runs WHERE status = ? AND lock IS NOT NULL", (RUN_RUNNING,)
        ).fetchall()
        abandoned = [
            (row["id"], row["lock"]) for row in rows if run_is_abandoned(self.path, row["lock"])
        ]
        if not abandoned:
            return
        try:
            with self._writing(lock_wait=0.0):
                self._db.executemany(
                    "UPDATE runs SET status = ? WHERE id = ? AND status = ?",
                    [(RUN_INTERRUPTED, run_id, RUN_RUNNING) for run_id, _ in abandoned],
                )
        except StoreBusy:
            return
        for _, token in abandoned:
            remove_lock_file(self.path, token)

    def runs(self, limit: int = 10) -> list[RunRecord]:
        with self._lock:
            rows = self._db.execute(
                "SELECT * FROM runs ORDER BY id DESC LIMIT ?", (max(limit, 0),)
            ).fetchall()
        return [
            RunRecord(
                id=row["id"],
                started=dt.datetime.fromisoformat(row["started"]),
                finished=dt.datetime.fromisoformat(row["finished"]) if row["finished"] else None,
                status=row["status"],
                inputs=_json_list(row["inputs"]),
                counts=counts_from_json(row["counts"]),
            )
            for row in rows
        ]

    # -- shards (ingest resume) -------------------------------------------------------

    def shard_state(self, key: str) -> tuple[int, bool] | None:
        """(inputs written, finished) of an ingest shard (`shards`); None if unrecorded."""
        with self._reading() as db:
            return read_shard(db, key)

    def record_shards(self, run_id: int | None, shards: Sequence[tuple[str, int, bool]]) -> None:
        """Record (key, inputs written, finished) for ingest shards in one transaction."""
        with self._writing():
            write_shards(self._db, run_id, shards, _now())

    # -- drops ------------------------------------------------------------------------

    def record_drop(self, run_id: int | None, dropped: Dropped) -> None:
        provenance = dropped.provenance
        with self._writing():
            self._db.execute(
                "INSERT INTO drops (input, locator, reader, reason, message, run_id, seen)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (input, locator) DO UPDATE SET"
                " reader = excluded.reader, reason = excluded.reason,"
                " message = excluded.message, run_id = excluded.run_id, seen = excluded.seen",
                (
                    provenance.input,
                    provenance.locator,
                    provenance.reader,
                    dropped.reason,
                    dropped.message[:2000],
                    run_id,
                    _now(),
                ),
            )

    def _forget_drops(self, provenance: list[Provenance]) -> None:
        """An input that now became an article is no longer a drop."""
        for item in provenance:
            self._db.execute(
                "DELETE FROM drops WHERE input = ? AND locator = ?", (item.input, item.locator)
            )

    def drops(self, reason: str | None = None, limit: int = 100) -> list[DropRecord]:
        where, params = ("WHERE reason = ?", [reason]) if reason else ("", [])
        with self._lock:
            rows = self._db.execute(
                f"SELECT * FROM drops {where} ORDER BY input, locator LIMIT ?",
                (*params, max(limit, 0)),
            ).fetchall()
        return [
            DropRecord(
                row["input"],
                row["locator"],
                row["reader"],
                row["reason"],
                row["message"],
                row["run_id"],
            )
            for row in rows
        ]


def _origin(article: Article) -> str:
    """The provenance key that stands for an incoming article: its smallest."""
    return min((item.key() for item in article.provenance), default="")


def _is_representative(article: Article, article_id: str, existing: sqlite3.Row) -> bool:
    """Whether the incoming article is the stored one's representative again: its input
    (a rerun, a re-enrichment of stored articles), or a copy equal to it in every field."""
    if existing["representative"] in {item.key() for item in article.provenance}:
        return True
    row = article_row(article, article_id)
    return all(row[column] == existing[column] for column in ARTICLE_COLUMNS if column != "extra")


def _ranks_before(article: Article, article_id: str, origin: str, existing: sqlite3.Row) -> bool:
    """Whether the incoming copy comes before the stored representative of its text:
    earlier published (undated last), then the smaller id, then the smaller provenance key.
    """

    def rank(key: str, identifier: str, provenance: str) -> tuple[bool, str, str, str]:
        return (key == UNDATED_KEY, key, identifier, provenance)

    incoming = rank(published_key(article.published), article_id, origin)
    stored = rank(existing["published_key"], existing["id"], existing["representative"])
    return incoming < stored


def _has_new_facts(article: Article, existing: sqlite3.Row) -> bool:
    """Whether an enriched copy of the stored text brings facts that differ from the stored."""
    return (
        article.enrichment is not None
        and article.text == existing["text"]
        and facts_fingerprint(article) != existing["facts_hash"]
    )


def _json_list(text: str) -> list[str]:
    return [str(item) for item in json.loads(text)]


def _summary(row: sqlite3.Row) -> ArticleSummary:
    return ArticleSummary(
        id=row["id"],
        title=row["title"],
        url=row["url"],
        published=parse_iso(row["published"]),
        source=row["source"],
        site=row["site"],
        language=row["language"],
    )


def _merge_filters(
    filters: ArticleFilter | None,
    source: str | None,
    language: str | None,
    since: dt.date | None,
    until: dt.date | None,
) -> ArticleFilter:
    base = filters or ArticleFilter()
    return ArticleFilter(
        source=source or base.source,
        language=language or base.language,
        since=since or base.since,
        until=until or base.until,
        entity=base.entity,
        place=base.place,
        event_type=base.event_type,
    )
