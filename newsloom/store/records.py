"""What a store answers, for every backend: plain dataclasses with `to_dict()` for JSON.

Articles (summaries, search hits, pages), runs and drops, entities and quotes over the
corpus, events and places with what a reader needs to cite and map them. Nothing here
talks to a database; `newsloom.store.base.Store` is the protocol that returns these.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Generic, TypeVar

from newsloom.fact_kinds import fact_kinds
from newsloom.record import Article, Event, Quote, RunCounts

T = TypeVar("T")

# What marks a cut at either end of `SearchHit.snippet`.
SNIPPET_ELLIPSIS = "…"


class SaveOutcome(StrEnum):
    """What `Store.save` did with one article (compares equal to its string value)."""

    STORED = "stored"  # a new article
    UNCHANGED = "unchanged"  # this provenance was stored already, with the same content
    MERGED = "merged"  # the same article from a new provenance: provenance added
    UPDATED = "updated"  # same provenance or URL, changed content: fields replaced, id kept;
    # also the same text with different enrichment facts: facts replaced (a re-enrichment)


@dataclass(slots=True, frozen=True)
class ArticleSummary:
    id: str
    title: str | None
    url: str | None
    published: dt.date | dt.datetime | None
    source: str | None
    site: str | None
    language: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "published": _iso(self.published),
            "source": self.source,
            "site": self.site,
            "language": self.language,
        }


@dataclass(slots=True, frozen=True)
class Page(Generic[T]):
    """One page of a keyset-paginated listing; pass `next_cursor` back for the next."""

    items: list[T]
    next_cursor: str | None = None


@dataclass(slots=True, frozen=True)
class SearchHit:
    """One full-text match. `score` is higher for better matches.

    `snippet` is a short plain-text excerpt of the best-matching column, cuts marked
    with `SNIPPET_ELLIPSIS`; `highlights` are the (start, end) offsets of each matched
    term inside it (text offsets, not markers, so brackets in articles stay unambiguous).
    """

    id: str
    title: str | None
    url: str | None
    published: dt.date | dt.datetime | None
    snippet: str
    score: float
    source: str | None = None
    language: str | None = None
    highlights: list[tuple[int, int]] = field(default_factory=list)
    site: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "published": _iso(self.published),
            "source": self.source,
            "site": self.site,
            "language": self.language,
            "snippet": self.snippet,
            "highlights": [list(span) for span in self.highlights],
            "score": self.score,
        }


@dataclass(slots=True)
class RunRecord:
    id: int
    started: dt.datetime
    finished: dt.datetime | None
    status: str
    inputs: list[str] = field(default_factory=list)
    counts: RunCounts = field(default_factory=RunCounts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "started": self.started.isoformat(),
            "finished": _iso(self.finished),
            "status": self.status,
            "inputs": list(self.inputs),
            "counts": self.counts.to_dict(),
        }


@dataclass(slots=True)
class DropRecord:
    """An input that did not become an article: why, and in which run it was last seen."""

    input: str
    locator: str
    reader: str
    reason: str
    message: str
    run_id: int | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "input": self.input,
            "locator": self.locator,
            "reader": self.reader,
            "reason": self.reason,
            "message": self.message,
            "run": self.run_id,
        }


@dataclass(slots=True, frozen=True)
class ArticleFilter:
    """Conditions on articles shared by listing and search; empty means any.

    `entity` and `place` take an entity id or any of its names; `event_type` a PLOVER
    category (`PROTEST`).
    """

    source: str | None = None
    language: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    entity: str | None = None
    place: str | None = None
    event_type: str | None = None


@dataclass(slots=True)
class SearchFacets:
    """Counts over the matches of a query (or the newest articles without one).

    Each list is (value, count), most first; entities and places are (id, name, count).
    """

    scanned: int = 0
    sources: list[tuple[str, int]] = field(default_factory=list)
    languages: list[tuple[str, int]] = field(default_factory=list)
    months: list[tuple[str, int]] = field(default_factory=list)
    entities: list[tuple[str, str, int]] = field(default_factory=list)
    places: list[tuple[str, str, int]] = field(default_factory=list)
    event_types: list[tuple[str, int]] = field(default_factory=list)
    first_day: str | None = None
    last_day: str | None = None


def alias_key(text: str) -> str:
    """The lookup form of a name or alias: NFKC, case-folded, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def facts_fingerprint(article: Article) -> str:
    """A digest of everything enrichment set on the article (status and facts).

    Two saves of the same text with equal fingerprints carry the same facts, so the
    second one has nothing to refresh.
    """
    record = article.to_dict()
    facts = {"enrichment": record["enrichment"]}
    for kind in fact_kinds():
        if kind.fingerprint == "always" or record[kind.key]:
            facts[kind.key] = record[kind.key]
    encoded = json.dumps(facts, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass(slots=True, frozen=True)
class EntitySummary:
    """One canonical entity over the whole corpus."""

    id: str
    name: str
    type: str
    aliases: list[str]
    article_count: int
    mention_count: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "aliases": list(self.aliases),
            "article_count": self.article_count,
            "mention_count": self.mention_count,
        }


@dataclass(slots=True, frozen=True)
class RoleRecord:
    """A role an entity holds according to one article, with its evidence span there."""

    article_id: str
    title: str
    of: str | None
    to: str | None
    text: str
    start: int
    end: int
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "title": self.title,
            "of": self.of,
            "to": self.to,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "confidence": round(self.confidence, 3),
        }


@dataclass(slots=True, frozen=True)
class ArticleRef:
    """Enough of an article to cite it."""

    id: str
    url: str | None
    title: str | None
    published: dt.date | dt.datetime | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "url": self.url,
            "title": self.title,
            "published": _iso(self.published),
        }


@dataclass(slots=True, frozen=True)
class QuoteRecord:
    """A stored quote and the article it comes from (offsets point into that article)."""

    quote: Quote
    article: ArticleRef

    def to_dict(self) -> dict[str, Any]:
        return {**self.quote.to_dict(), "article": self.article.to_dict()}


@dataclass(slots=True, frozen=True)
class EntityDetail:
    """Everything the store knows about one entity.

    `quotes_by` are quotes whose `speaker_id` is the entity; `quotes_about` are other
    quotes, in articles that mention the entity, whose text mentions it (one of its
    mentions lies inside the quote's span, or the quote names one of its aliases).
    """

    entity: EntitySummary
    roles: list[RoleRecord] = field(default_factory=list)
    articles: list[ArticleRef] = field(default_factory=list)
    quotes_by: list[QuoteRecord] = field(default_factory=list)
    quotes_about: list[QuoteRecord] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.entity.to_dict(),
            "roles": [role.to_dict() for role in self.roles],
            "articles": [article.to_dict() for article in self.articles],
            "quotes_by": [quote.to_dict() for quote in self.quotes_by],
            "quotes_about": [quote.to_dict() for quote in self.quotes_about],
        }


# -- events and places -------------------------------------------------------------


def event_day(value: str | None) -> str | None:
    """The calendar day of a TIMEX3 value when it names one (`2025-09-24`), else None."""
    if (
        value
        and len(value) >= 10
        and value[4] == "-"
        and value[7] == "-"
        and value[:10].replace("-", "").isdigit()
    ):
        return value[:10]
    return None


@dataclass(slots=True, frozen=True)
class EventFilter:
    """Which events to list: all conditions must hold; None means any.

    `place` is a place entity id or a place name (case-insensitive); `entity` an entity
    id that is the event's source or target; `since`/`until` bound the event's day;
    `min_confidence` is the least confidence listed (0: every event, as the API lists by
    default; the events page and CSV ask for 0.5, so that hypotheticals, plans and thin
    evidence stay out of a reader's way unless asked for); `include_rejected` lists the
    events an analyst rejected too (`newsloom.store.sql.reviews`).
    """

    type: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    place: str | None = None
    entity: str | None = None
    min_confidence: float = 0.0
    include_rejected: bool = False


@dataclass(slots=True, frozen=True)
class EventRecord:
    """One stored event with what a reader needs to cite and map it."""

    event: Event
    article_id: str
    position: int
    url: str | None
    title: str | None
    source: str | None
    published: dt.date | dt.datetime | None
    sentence: str
    place_name: str | None = None
    latitude: float | None = None
    longitude: float | None = None

    @property
    def day(self) -> str | None:
        return event_day(self.event.date)

    def to_dict(self) -> dict[str, Any]:
        published = self.published.isoformat() if self.published is not None else None
        return {
            **self.event.to_dict(),
            "day": self.day,
            "article_id": self.article_id,
            "position": self.position,
            "url": self.url,
            "title": self.title,
            "source_name": self.source,
            "published": published,
            "sentence": self.sentence,
            "place_name": self.place_name,
            "latitude": self.latitude,
            "longitude": self.longitude,
        }


@dataclass(slots=True, frozen=True)
class PlaceFilter:
    """What `list_places` keeps: ISO country, kind, a name prefix, article days (ISO);
    `include_rejected` counts the place mentions an analyst rejected too."""

    country: str | None = None
    kind: str | None = None
    prefix: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    include_rejected: bool = False


@dataclass(slots=True, frozen=True)
class PlaceSummary:
    """One place over the corpus: its coordinates as last resolved, and how many articles."""

    entity_id: str
    name: str
    latitude: float
    longitude: float
    kind: str
    country: str | None
    geonames_id: int | None
    articles: int


@dataclass(slots=True, frozen=True)
class PlaceMention:
    """An article naming a place, with the evidence span of its first mention."""

    article_id: str
    url: str | None
    title: str | None
    source: str | None
    published: str | None
    text: str
    start: int
    end: int
    confidence: float


@dataclass(slots=True, frozen=True)
class PlaceDetail:
    place: PlaceSummary
    mentions: list[PlaceMention]
