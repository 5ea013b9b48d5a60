"""The storage interface: what routes, CLI and pipeline may ask of a store.

Every backend (SQLite, PostgreSQL) implements `Store`; callers never
write SQL themselves. What it returns are the backend-neutral records of
`newsloom.store.records`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from types import TracebackType
from typing import Protocol, Self, runtime_checkable

from newsloom.record import Article, Dropped, PendingFetch, RunCounts
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
)
from newsloom.store.sql.analyst import QuoteFilter, QuoteHit
from newsloom.store.sql.reviews import Review
from newsloom.stories.records import ArticleStory, StoryDetail, StorySummary

# Seconds a write waits, retrying, for another writer's lock before it gives up with
# `StoreBusy` (the pipeline then drops that input as `store_busy` and goes on).
LOCK_WAIT_SECONDS = 60.0


class SchemaError(RuntimeError):
    """A store's schema cannot be used by this version of newsloom."""


class StoreBusy(RuntimeError):
    """Another writer held the store's write lock for longer than the lock wait.

    Nothing was written; the same write can be tried again later (a rerun writes it).
    """


class StoreUnavailable(RuntimeError):
    """The store's database server cannot be reached: it refused the connection, or it
    stayed unreachable for the whole lock wait while the store tried again on fresh
    connections (PostgreSQL; a single dropped connection is tried again unseen).

    Unlike `StoreBusy` no later input can be written either, so an ingest stops: its run
    stays `running` until the store is opened again, which marks it `interrupted`, and a
    rerun of the same inputs completes it (saving an input again is idempotent). A write
    whose commit the server never confirmed may or may not have been kept.
    """


@runtime_checkable
class Store(Protocol):
    """A place articles are saved, listed, searched and exported from."""

    def save(self, article: Article) -> SaveOutcome:
        """Save one article in its own transaction; sets `article.id` to the stored id."""
        ...

    def save_pending(self, fetch: PendingFetch) -> bool:
        """Record a feed item to fetch later; True when its URL was not recorded yet."""
        ...

    def get(self, article_id: str) -> Article | None: ...

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
        """Newest first (published desc, then id desc); undated articles come last.

        `filters` adds entity, place and event-type conditions (and may carry the
        others instead of the separate arguments)."""
        ...

    def search(
        self,
        query: str,
        limit: int = 20,
        *,
        offset: int = 0,
        filters: ArticleFilter | None = None,
    ) -> list[SearchHit]:
        """Best matches first; any user text is safe, an empty query returns []."""
        ...

    def search_facets(self, query: str, scan: int = 2000) -> SearchFacets:
        """Facet counts over up to `scan` matches, the most recently stored first (the
        newest articles when there is no query)."""
        ...

    def iter_articles(self) -> Iterator[Article]:
        """Every article in storage order, fetched in batches."""
        ...

    def count_articles(self) -> int: ...

    def articles_per_day(self, days: int = 60) -> list[tuple[str, int]]:
        """(day, articles published that day) for the latest `days` days that have any,
        oldest first."""
        ...

    def entities(
        self,
        type: str | None = None,
        limit: int = 20,
        offset: int = 0,
        include_rejected: bool = False,
    ) -> list[EntitySummary]:
        """Entities over the whole corpus, in most articles first; `type` like PERSON.
        An entity whose every mention an analyst rejected is left out unless
        `include_rejected` (its counts are the machine's)."""
        ...

    def entity(self, id_or_name: str) -> EntityDetail | None:
        """One entity by id, name or any alias (case-insensitive), with its roles,
        articles, and quotes by and about it; None when nothing matches."""
        ...

    def quotes(
        self, speaker: str | None = None, since: dt.date | None = None, limit: int = 20
    ) -> list[QuoteRecord]:
        """Quotes with their article, newest first; `speaker` is any name of the speaker,
        `since` a day (the quote's date, else its article's publication day)."""
        ...

    # -- an analyst's lists (issue 11; newsloom.store.sql.analyst) --

    def resolve_entities(self, name: str, limit: int = 10) -> list[EntitySummary]:
        """The entities a name (id, name, alias, mention, or whole words of a name) may
        mean, the main one (most mentions) first; an exact id is the only answer."""
        ...

    def count_entities(self, type: str | None = None, include_rejected: bool = False) -> int: ...

    def entity_articles(self, entity_id: str, limit: int = 50, offset: int = 0) -> list[ArticleRef]:
        """The entity's articles, newest first."""
        ...

    def count_entity_articles(self, entity_id: str) -> int: ...

    def find_quotes(
        self, filters: QuoteFilter | None = None, limit: int = 50, offset: int = 0
    ) -> list[QuoteHit]:
        """Quotes filtered by speaker, entity discussed, words, days and kind, newest first."""
        ...

    def count_quotes(self, filters: QuoteFilter | None = None) -> int: ...

    def count_matching_articles(self, filters: ArticleFilter | None = None) -> int:
        """How many articles `list_articles` lists for these filters."""
        ...

    # -- places --

    def places(
        self, filters: PlaceFilter | None = None, limit: int = 50, offset: int = 0
    ) -> list[PlaceSummary]:
        """Resolved places over the corpus, in most articles first."""
        ...

    def count_places(self, filters: PlaceFilter | None = None) -> int: ...

    def place(self, entity_id: str, limit: int = 200) -> PlaceDetail | None:
        """One place and the articles naming it (newest first); None when unknown."""
        ...

    # -- events --

    def events(
        self, filters: EventFilter | None = None, limit: int = 50, offset: int = 0
    ) -> list[EventRecord]:
        """Coded events, newest day first, each with its article and evidence sentence."""
        ...

    def count_events(self, filters: EventFilter | None = None) -> int: ...

    def event_days(self, filters: EventFilter | None = None) -> list[tuple[str, str, int]]:
        """(day, PLOVER type, events) for a timeline, oldest day first."""
        ...

    # -- stories --

    def story_of(self, article_id: str) -> ArticleStory | None:
        """The article's story, the article it is a copy of, its fellow copies, the others."""
        ...

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
        """Stories with the latest article first; `shared_only` skips one-article stories."""
        ...

    def story(self, story_id: str) -> StoryDetail | None:
        """One story: its articles in time order across sources, and their events."""
        ...

    # -- an analyst's reviews of facts (newsloom.store.sql.reviews) --

    def save_review(self, review: Review) -> Review:
        """Keep a verdict on one fact (replacing the one on the same article, kind and
        span); the review as stored, with its time. Apart from the facts: `enrich` and
        re-ingest never touch it."""
        ...

    def reviews(
        self,
        article_id: str | None = None,
        kind: str | None = None,
        verdict: str | None = None,
        limit: int | None = 100,
        offset: int = 0,
    ) -> list[Review]:
        """Reviews, newest first; `limit` None for every one."""
        ...

    def count_reviews(
        self, article_id: str | None = None, kind: str | None = None, verdict: str | None = None
    ) -> int: ...

    def reviews_for(self, article_ids: Sequence[str], kind: str | None = None) -> list[Review]:
        """Every review of these articles (of this kind of fact), in no set order."""
        ...

    def review_of(self, article_id: str, kind: str, start: int, end: int) -> Review | None:
        """The review of the fact of this kind at this span of the article, if any."""
        ...

    def delete_review(self, article_id: str, kind: str, start: int, end: int) -> bool: ...

    def start_run(self, inputs: list[str]) -> int:
        """Record a new `running` run; a run whose process ends without `finish_run` is
        marked `interrupted` when the store is next opened."""
        ...

    def record_progress(self, run_id: int, counts: RunCounts) -> None:
        """Keep the counts a running run has reached (best effort: a busy store skips it)."""
        ...

    def finish_run(self, run_id: int, counts: RunCounts, status: str = "finished") -> None: ...

    def runs(self, limit: int = 10) -> list[RunRecord]:
        """The most recent runs first."""
        ...

    def record_drop(self, run_id: int | None, dropped: Dropped) -> None:
        """Keep an input that did not become an article, with its reason (one row per input)."""
        ...

    def drops(self, reason: str | None = None, limit: int = 100) -> list[DropRecord]: ...

    def schema_version(self) -> int: ...

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
