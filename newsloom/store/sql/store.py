"""The store over SQL, written once for every SQL backend (SQLite, PostgreSQL).

`SqlStore` holds what a store does with its tables: how `save` merges copies of an
article, writes its facts and places it in a story; listing, facts, places, events,
stories, runs and drops. A backend subclass says how it talks to its database:

- `_write(work, lock_wait)`: run `work(db)` in one write transaction, the store's only
  writer while it runs (SQLite's file lock, PostgreSQL's advisory lock), after waiting
  up to `lock_wait` seconds for another writer, else `StoreBusy` with nothing written.
  A backend may run `work` again after a failure that wrote nothing (a dropped
  connection): `save` starts each try from the article as it was given.
- `_read(work)`: run `work(db)` for reads, seeing committed writes only.
- `_search` and `_search_facets`, its search functions (FTS5 and `tsvector` differ);
  `schema_version` and `close`.
- the lock that tells whether a running run's process lives (`_hold_run_lock`,
  `_release_run_lock`, `_run_is_abandoned`, `_forget_run_lock`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from types import TracebackType
from typing import Any, Self, TypeVar

from newsloom.record import Article, Dropped, PendingFetch, Provenance, RunCounts, parse_iso
from newsloom.store.base import StoreBusy
from newsloom.store.records import (
    ArticleFilter,
    ArticleRef,
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
from newsloom.store.sql import analyst
from newsloom.store.sql import reviews as review_sql
from newsloom.store.sql.dialect import Db, Row, insert_id
from newsloom.store.sql.events import count_events, event_day_counts, list_events
from newsloom.store.sql.fact_queries import entity_detail, list_entities, list_quotes
from newsloom.store.sql.facts import attach_facts, read_facts, refresh_entities, write_facts
from newsloom.store.sql.filters import filter_conditions
from newsloom.store.sql.places import count_places, list_places, place_detail
from newsloom.store.sql.search import Terms, search_terms
from newsloom.store.sql.shards import read_shard, write_shards
from newsloom.store.sql.stories import assign_story, leave_story
from newsloom.store.sql.stories_queries import list_stories, story_detail, story_of
from newsloom.stories.records import ArticleStory, StoryDetail, StorySummary

T = TypeVar("T")

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


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


class SqlStore(ABC):
    """A `Store` over SQL tables; subclasses connect it to a database (see above)."""

    lock_wait: float
    # The run-lock token of each run this store started and has not finished.
    _run_locks: dict[int, str | None]
    # The backend's search: one page of hits for (non-empty) terms, best first, and the
    # facets over up to `scan` matches of the terms (the newest articles for None).
    _search: Callable[[Db, Terms, int, int, ArticleFilter], list[SearchHit]]
    _search_facets: Callable[[Db, Terms | None, int], SearchFacets]

    # -- what a backend provides ------------------------------------------------------

    @abstractmethod
    def _write(self, work: Callable[[Db], T], lock_wait: float | None = None) -> T:
        """`work(db)` in one write transaction (waiting `lock_wait`, else the store's)."""

    @abstractmethod
    def _read(self, work: Callable[[Db], T]) -> T:
        """`work(db)` on a connection for reads."""

    @abstractmethod
    def _hold_run_lock(self) -> str | None:
        """Take a new run lock, held until released or until this process ends; its token,
        or None where there is none to take (the run is then never marked interrupted)."""

    @abstractmethod
    def _release_run_lock(self, token: str | None) -> None: ...

    @abstractmethod
    def _run_is_abandoned(self, token: str) -> bool:
        """Whether nobody holds the run lock of this token any more."""

    @abstractmethod
    def _forget_run_lock(self, token: str) -> None:
        """Clean up after a run lock found abandoned (a lock file, say)."""

    @abstractmethod
    def schema_version(self) -> int: ...

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

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
        # What saving changes on the article itself, put back before a retried try.
        enrichment, facts = article.enrichment, dict(article.facts)
        tries = 0

        def work(db: Db) -> SaveOutcome:
            nonlocal tries
            if tries:
                article.id, article.enrichment = incoming_id, enrichment
                article.facts.clear()
                article.facts.update(facts)
            tries += 1
            return self._save(db, article, incoming_id, content, origin)

        return self._write(work)

    def _save(
        self, db: Db, article: Article, incoming_id: str, content: str, origin: str
    ) -> SaveOutcome:
        moment = now()
        self._forget_drops(db, article.provenance)
        existing = self._find_by_provenance(db, article.provenance)
        if existing is None:
            existing = self._find_same_article(db, article, incoming_id, content)
        if existing is None:
            self._insert(db, article, incoming_id, origin, moment, created=moment)
            self._add_provenance(db, incoming_id, article.provenance, moment)
            self._write_facts(db, incoming_id, article)
            return SaveOutcome.STORED
        article_id = existing["id"]
        added = self._add_provenance(db, article_id, article.provenance, moment)
        if existing["content_hash"] != content:
            article.id = article_id
            self._update(db, article, article_id, origin, moment)
            self._write_facts(db, article_id, article)
            return SaveOutcome.UPDATED
        is_representative = _is_representative(article, incoming_id, existing)
        if (
            not is_representative
            and _ranks_before(article, incoming_id, origin, existing)
            and self._take_over(db, existing, article, incoming_id, origin, moment)
        ):
            return SaveOutcome.MERGED if added else SaveOutcome.UPDATED
        article.id = article_id
        if is_representative and _has_new_facts(article, existing):
            db.execute(
                "UPDATE articles SET extra = ?, modified = ? WHERE id = ?",
                (article_row(article, article_id)["extra"], moment, article_id),
            )
            self._write_facts(db, article_id, article)
            return SaveOutcome.UPDATED
        return SaveOutcome.MERGED if added else SaveOutcome.UNCHANGED

    def _insert(
        self, db: Db, article: Article, article_id: str, origin: str, moment: str, created: str
    ) -> None:
        row = article_row(article, article_id)
        db.execute(
            _INSERT_ARTICLE, {**row, "representative": origin, "created": created, "now": moment}
        )

    def _update(self, db: Db, article: Article, article_id: str, origin: str, moment: str) -> None:
        row = article_row(article, article_id)
        db.execute(_UPDATE_ARTICLE, {**row, "representative": origin, "now": moment})

    def _take_over(
        self, db: Db, existing: Row, article: Article, new_id: str, origin: str, moment: str
    ) -> bool:
        """Make the incoming copy the article's representative: its fields, facts and id.

        The article keeps its provenance (the old representative's among it). A new id
        (another URL's) is taken only when no other article has it; False then, and the
        copy stays provenance only.
        """
        old_id = existing["id"]
        if (
            new_id != old_id
            and db.execute("SELECT 1 FROM articles WHERE id = ?", (new_id,)).fetchone()
        ):
            return False
        self._keep_facts_that_hold(db, old_id, article)
        article.id = new_id
        if new_id == old_id:
            self._update(db, article, old_id, origin, moment)
            self._write_facts(db, old_id, article)
            return True
        old_entities = [
            row[0]
            for row in db.execute(
                "SELECT DISTINCT entity_id FROM article_entities WHERE article_id = ?", (old_id,)
            )
        ]
        (created,) = db.execute("SELECT created FROM articles WHERE id = ?", (old_id,)).fetchone()
        leave_story(db, old_id)
        self._insert(db, article, new_id, origin, moment, created=created)
        db.execute("UPDATE provenance SET article_id = ? WHERE article_id = ?", (new_id, old_id))
        db.execute("DELETE FROM articles WHERE id = ?", (old_id,))
        review_sql.move_reviews(db, old_id, new_id)
        self._write_facts(db, new_id, article)
        refresh_entities(db, old_entities)
        return True

    def _keep_facts_that_hold(self, db: Db, old_id: str, article: Article) -> None:
        """A copy saved without enrichment keeps the stored facts when they hold for it:
        the same text exactly (their offsets) and the same publication date (what relative
        times were resolved against)."""
        if article.enrichment is not None:
            return
        row = db.execute(
            "SELECT text, published, extra FROM articles WHERE id = ?", (old_id,)
        ).fetchone()
        enrichment = json.loads(row["extra"] or "{}").get("enrichment")
        same_date = row["published"] == article_row(article, old_id)["published"]
        if enrichment is not None and row["text"] == article.text and same_date:
            article.enrichment = enrichment
            attach_facts(article, read_facts(db, [old_id])[old_id])

    def _write_facts(self, db: Db, article_id: str, article: Article) -> None:
        refresh_entities(db, write_facts(db, article_id, article))
        assign_story(db, article_id, article)

    def _find_by_provenance(self, db: Db, provenance: list[Provenance]) -> Row | None:
        for item in provenance:
            row = db.execute(
                f"SELECT {_EXISTING_COLUMNS} FROM provenance p"
                " JOIN articles a ON a.id = p.article_id WHERE p.input = ? AND p.locator = ?",
                (item.input, item.locator),
            ).fetchone()
            if row is not None:
                return row
        return None

    def _find_same_article(
        self, db: Db, article: Article, article_id: str, content: str
    ) -> Row | None:
        """The stored copy of this article: same id, canonical URL, URL, else content."""
        lookups: list[tuple[str, tuple[str, ...]]] = [("id = ?", (article_id,))]
        if article.canonical_url:
            lookups.append(("canonical_url = ?", (article.canonical_url,)))
        for url in dict.fromkeys(u for u in (article.canonical_url, article.url) if u):
            lookups.append(("url = ? OR canonical_url = ?", (url, url)))
        lookups.append(("content_hash = ?", (content,)))
        for condition, params in lookups:
            row = db.execute(
                f"SELECT {_EXISTING_COLUMNS} FROM articles a WHERE {condition}"
                " ORDER BY seq LIMIT 1",
                params,
            ).fetchone()
            if row is not None:
                return row
        return None

    def _add_provenance(
        self, db: Db, article_id: str, provenance: list[Provenance], moment: str
    ) -> int:
        """Attach the provenance not stored yet; returns how many were added."""
        added = 0
        for item in provenance:
            cursor = db.execute(
                "INSERT INTO provenance (article_id, position, input, reader, locator, added)"
                " SELECT :id, coalesce(max(position) + 1, 0), :input, :reader, :locator, :now"
                " FROM provenance WHERE article_id = :id"
                " ON CONFLICT (input, locator) DO NOTHING",
                {
                    "id": article_id,
                    "input": item.input,
                    "reader": item.reader,
                    "locator": item.locator,
                    "now": moment,
                },
            )
            added += cursor.rowcount
        return added

    def _forget_drops(self, db: Db, provenance: list[Provenance]) -> None:
        """An input that now became an article is no longer a drop."""
        for item in provenance:
            db.execute(
                "DELETE FROM drops WHERE input = ? AND locator = ?", (item.input, item.locator)
            )

    def save_pending(self, fetch: PendingFetch) -> bool:
        def work(db: Db) -> bool:
            cursor = db.execute(
                "INSERT INTO pending_fetches (url, title, published, input, reader, locator,"
                " created) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO NOTHING",
                (
                    fetch.url,
                    fetch.title,
                    fetch.published,
                    fetch.provenance.input,
                    fetch.provenance.reader,
                    fetch.provenance.locator,
                    now(),
                ),
            )
            return cursor.rowcount == 1

        return self._write(work)

    # -- reading ----------------------------------------------------------------------

    def get(self, article_id: str) -> Article | None:
        def work(db: Db) -> Article | None:
            row = db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
            if row is None:
                return None
            provenance = _provenance_of(db, [article_id])[article_id]
            article = article_from_row(dict(row), provenance)
            return attach_facts(article, read_facts(db, [article_id])[article_id])

        return self._read(work)

    def iter_articles(self) -> Iterator[Article]:
        last_seq = 0
        while True:
            articles, last_seq = self._read(partial(_article_batch, after=last_seq))
            if not articles:
                return
            yield from articles

    def count_articles(self) -> int:
        return self._read(lambda db: int(db.execute("SELECT count(*) FROM articles").fetchone()[0]))

    def articles_per_day(self, days: int = 60) -> list[tuple[str, int]]:
        rows = self._read(
            lambda db: db.execute(
                "SELECT published_day, count(*) FROM articles WHERE published_day IS NOT NULL"
                " GROUP BY published_day ORDER BY published_day DESC LIMIT ?",
                (days,),
            ).fetchall()
        )
        return [(row[0], int(row[1])) for row in reversed(rows)]

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
        merged = _merge_filters(filters, source, language, since, until)

        def work(db: Db) -> list[Any]:
            conditions, params = filter_conditions(db, merged)
            if cursor is not None:
                conditions.append("(a.published_key, a.id) < (?, ?)")
                params.extend(decode_cursor(cursor))
            where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
            return list(
                db.execute(
                    f"SELECT {_SUMMARY_COLUMNS} FROM articles a {where}"
                    " ORDER BY a.published_key DESC, a.id DESC LIMIT ?",
                    [*params, limit + 1],
                ).fetchall()
            )

        rows = self._read(work)
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
        terms = search_terms(query)
        if not terms or limit < 1:
            return []
        return self._read(
            lambda db: self._search(db, terms, limit, offset, filters or ArticleFilter())
        )

    def search_facets(self, query: str, scan: int = 2000) -> SearchFacets:
        terms = search_terms(query) if query.strip() else None
        if terms == []:
            return SearchFacets()
        return self._read(lambda db: self._search_facets(db, terms, scan))

    # -- facts ------------------------------------------------------------------------

    def entities(
        self,
        type: str | None = None,
        limit: int = 20,
        offset: int = 0,
        include_rejected: bool = False,
    ) -> list[EntitySummary]:
        return self._read(lambda db: list_entities(db, type, limit, offset, include_rejected))

    def entity(self, id_or_name: str) -> EntityDetail | None:
        return self._read(lambda db: entity_detail(db, id_or_name))

    def quotes(
        self, speaker: str | None = None, since: dt.date | None = None, limit: int = 20
    ) -> list[QuoteRecord]:
        return self._read(lambda db: list_quotes(db, speaker, since, limit))

    # -- an analyst's lists (issue 11) ----------------------------------------------

    def resolve_entities(self, name: str, limit: int = 10) -> list[EntitySummary]:
        return self._read(lambda db: analyst.resolve_entities(db, name, limit))

    def count_entities(self, type: str | None = None, include_rejected: bool = False) -> int:
        return self._read(lambda db: analyst.count_entities(db, type, include_rejected))

    def entity_articles(self, entity_id: str, limit: int = 50, offset: int = 0) -> list[ArticleRef]:
        return self._read(lambda db: analyst.entity_articles(db, entity_id, limit, offset))

    def count_entity_articles(self, entity_id: str) -> int:
        return self._read(lambda db: analyst.count_entity_articles(db, entity_id))

    def find_quotes(
        self, filters: analyst.QuoteFilter | None = None, limit: int = 50, offset: int = 0
    ) -> list[analyst.QuoteHit]:
        return self._read(
            lambda db: analyst.find_quotes(db, filters or analyst.QuoteFilter(), limit, offset)
        )

    def count_quotes(self, filters: analyst.QuoteFilter | None = None) -> int:
        return self._read(lambda db: analyst.count_quotes(db, filters or analyst.QuoteFilter()))

    def count_matching_articles(self, filters: ArticleFilter | None = None) -> int:
        return self._read(
            lambda db: analyst.count_matching_articles(db, filters or ArticleFilter())
        )

    # -- places --

    def places(
        self, filters: PlaceFilter | None = None, limit: int = 50, offset: int = 0
    ) -> list[PlaceSummary]:
        return self._read(lambda db: list_places(db, filters or PlaceFilter(), limit, offset))

    def count_places(self, filters: PlaceFilter | None = None) -> int:
        return self._read(lambda db: count_places(db, filters or PlaceFilter()))

    def place(self, entity_id: str, limit: int = 200) -> PlaceDetail | None:
        return self._read(lambda db: place_detail(db, entity_id, limit))

    # -- events --

    def events(
        self, filters: EventFilter | None = None, limit: int = 50, offset: int = 0
    ) -> list[EventRecord]:
        return self._read(lambda db: list_events(db, filters or EventFilter(), limit, offset))

    def count_events(self, filters: EventFilter | None = None) -> int:
        return self._read(lambda db: count_events(db, filters or EventFilter()))

    def event_days(self, filters: EventFilter | None = None) -> list[tuple[str, str, int]]:
        return self._read(lambda db: event_day_counts(db, filters or EventFilter()))

    # -- stories --

    def story_of(self, article_id: str) -> ArticleStory | None:
        return self._read(lambda db: story_of(db, article_id))

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
        return self._read(
            lambda db: list_stories(db, limit, cursor, since, until, source, entity, shared_only)
        )

    def story(self, story_id: str) -> StoryDetail | None:
        return self._read(lambda db: story_detail(db, story_id))

    # -- runs -------------------------------------------------------------------------

    def start_run(self, inputs: list[str]) -> int:
        """Record a new `running` run, holding its run lock until it finishes."""
        token = self._hold_run_lock()
        try:
            run_id = self._write(
                lambda db: insert_id(
                    db,
                    "INSERT INTO runs (started, status, inputs, counts, lock)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (now(), RUN_RUNNING, dumps(list(inputs)), dumps(RunCounts().to_dict()), token),
                )
            )
        except BaseException:
            self._release_run_lock(token)
            raise
        self._run_locks[run_id] = token
        return run_id

    def record_progress(self, run_id: int, counts: RunCounts) -> None:
        """The counts so far of a running run; skipped while another writer holds the lock
        (the next progress or the finish writes them)."""
        with contextlib.suppress(StoreBusy):
            self._write(
                lambda db: db.execute(
                    "UPDATE runs SET counts = ? WHERE id = ? AND status = ?",
                    (dumps(counts.to_dict()), run_id, RUN_RUNNING),
                ),
                lock_wait=0.0,
            )

    def finish_run(self, run_id: int, counts: RunCounts, status: str = "finished") -> None:
        def work(db: Db) -> None:
            cursor = db.execute(
                "UPDATE runs SET finished = ?, status = ?, counts = ? WHERE id = ?",
                (now(), status, dumps(counts.to_dict()), run_id),
            )
            if cursor.rowcount != 1:
                raise KeyError(f"no run with id {run_id}")

        self._write(work)
        self._release_run_lock(self._run_locks.pop(run_id, None))

    def _interrupt_abandoned_runs(self) -> None:
        """Mark `interrupted` the running runs whose process is gone (their run lock is
        free). Never waits for another writer: when the store is busy, a later open does it.
        """
        rows = self._read(
            lambda db: db.execute(
                "SELECT id, lock FROM runs WHERE status = ? AND lock IS NOT NULL", (RUN_RUNNING,)
            ).fetchall()
        )
        abandoned = [(row[0], row[1]) for row in rows if self._run_is_abandoned(row[1])]
        if not abandoned:
            return
        try:
            self._write(
                lambda db: db.executemany(
                    "UPDATE runs SET status = ? WHERE id = ? AND status = ?",
                    [(RUN_INTERRUPTED, run_id, RUN_RUNNING) for run_id, _ in abandoned],
                ),
                lock_wait=0.0,
            )
        except StoreBusy:
            return
        for _, token in abandoned:
            self._forget_run_lock(token)

    def runs(self, limit: int = 10) -> list[RunRecord]:
        rows = self._read(
            lambda db: db.execute(
                "SELECT * FROM runs ORDER BY id DESC LIMIT ?", (max(limit, 0),)
            ).fetchall()
        )
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

    # -- an analyst's reviews of facts (newsloom.store.sql.reviews) --------------------

    def save_review(self, review: review_sql.Review) -> review_sql.Review:
        return self._write(lambda db: review_sql.write_review(db, review, now()))

    def reviews(
        self,
        article_id: str | None = None,
        kind: str | None = None,
        verdict: str | None = None,
        limit: int | None = 100,
        offset: int = 0,
    ) -> list[review_sql.Review]:
        return self._read(
            lambda db: review_sql.list_reviews(db, article_id, kind, verdict, limit, offset)
        )

    def count_reviews(
        self, article_id: str | None = None, kind: str | None = None, verdict: str | None = None
    ) -> int:
        return self._read(lambda db: review_sql.count_reviews(db, article_id, kind, verdict))

    def reviews_for(
        self, article_ids: Sequence[str], kind: str | None = None
    ) -> list[review_sql.Review]:
        return self._read(lambda db: review_sql.reviews_for(db, article_ids, kind))

    def review_of(
        self, article_id: str, kind: str, start: int, end: int
    ) -> review_sql.Review | None:
        return self._read(lambda db: review_sql.read_review(db, article_id, kind, start, end))

    def delete_review(self, article_id: str, kind: str, start: int, end: int) -> bool:
        return self._write(lambda db: review_sql.delete_review(db, article_id, kind, start, end))

    # -- shards (ingest resume) -------------------------------------------------------

    def shard_state(self, key: str) -> tuple[int, bool] | None:
        """(inputs written, finished) of an ingest shard (`shards`); None if unrecorded."""
        return self._read(lambda db: read_shard(db, key))

    def record_shards(self, run_id: int | None, shards: Sequence[tuple[str, int, bool]]) -> None:
        """Record (key, inputs written, finished) for ingest shards in one transaction."""
        self._write(lambda db: write_shards(db, run_id, shards, now()))

    # -- drops ------------------------------------------------------------------------

    def record_drop(self, run_id: int | None, dropped: Dropped) -> None:
        provenance = dropped.provenance
        self._write(
            lambda db: db.execute(
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
                    now(),
                ),
            )
        )

    def drops(self, reason: str | None = None, limit: int = 100) -> list[DropRecord]:
        where, params = ("WHERE reason = ?", [reason]) if reason else ("", [])
        rows = self._read(
            lambda db: db.execute(
                f"SELECT * FROM drops {where} ORDER BY input, locator LIMIT ?",
                (*params, max(limit, 0)),
            ).fetchall()
        )
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


def _article_batch(db: Db, after: int) -> tuple[list[Article], int]:
    """The articles stored after `seq` `after`, at most `ITER_BATCH_SIZE`, with the last
    one's `seq`."""
    rows = [
        dict(row)
        for row in db.execute(
            "SELECT * FROM articles WHERE seq > ? ORDER BY seq LIMIT ?", (after, ITER_BATCH_SIZE)
        )
    ]
    ids = [row["id"] for row in rows]
    provenance = _provenance_of(db, ids)
    facts = read_facts(db, ids)
    articles = [
        attach_facts(article_from_row(row, provenance[row["id"]]), facts[row["id"]]) for row in rows
    ]
    return articles, (rows[-1]["seq"] if rows else after)


def _provenance_of(db: Db, article_ids: list[str]) -> dict[str, list[Provenance]]:
    found: dict[str, list[Provenance]] = {article_id: [] for article_id in article_ids}
    if not article_ids:
        return found
    marks = ", ".join("?" for _ in article_ids)
    rows = db.execute(
        "SELECT article_id, input, reader, locator FROM provenance"
        f" WHERE article_id IN ({marks}) ORDER BY article_id, position",
        article_ids,
    )
    for row in rows:
        found[row["article_id"]].append(Provenance(row["input"], row["reader"], row["locator"]))
    return found


def _origin(article: Article) -> str:
    """The provenance key that stands for an incoming article: its smallest."""
    return min((item.key() for item in article.provenance), default="")


def _is_representative(article: Article, article_id: str, existing: Row) -> bool:
    """Whether the incoming article is the stored one's representative again: its input
    (a rerun, a re-enrichment of stored articles), or a copy equal to it in every field."""
    if existing["representative"] in {item.key() for item in article.provenance}:
        return True
    row = article_row(article, article_id)
    return all(row[column] == existing[column] for column in ARTICLE_COLUMNS if column != "extra")


def _ranks_before(article: Article, article_id: str, origin: str, existing: Row) -> bool:
    """Whether the incoming copy comes before the stored representative of its text:
    earlier published (undated last), then the smaller id, then the smaller provenance key.
    """

    def rank(key: str, identifier: str, provenance: str) -> tuple[bool, str, str, str]:
        return (key == UNDATED_KEY, key, identifier, provenance)

    incoming = rank(published_key(article.published), article_id, origin)
    stored = rank(existing["published_key"], existing["id"], existing["representative"])
    return incoming < stored


def _has_new_facts(article: Article, existing: Row) -> bool:
    """Whether an enriched copy of the stored text brings facts that differ from the stored."""
    return (
        article.enrichment is not None
        and article.text == existing["text"]
        and facts_fingerprint(article) != existing["facts_hash"]
    )


def _json_list(text: str) -> list[str]:
    return [str(item) for item in json.loads(text)]


def _summary(row: Row) -> ArticleSummary:
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
