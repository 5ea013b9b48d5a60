"""The typed records that flow through newsloom's stages.

An input is read into a `Document` (raw bytes or text plus where it came from),
extraction turns it into an `Article`, and later stages add facts to the article.
Every fact points into `Article.text` by character offsets, so `text` is the one
string that evidence spans refer to: the paragraphs joined by a blank line.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

from newsloom.fact_kinds import FactKind, fact_kinds, register
from newsloom.fact_shape import ROUND3, ROUND5, Shaped

PARAGRAPH_SEPARATOR = "\n\n"

DocumentKind = Literal["auto", "html", "text"]


@dataclass(slots=True, frozen=True)
class Provenance:
    """Where one copy of an article came from.

    `input` is the file (or URL) that was read; `locator` says where inside it
    (a WARC record offset, a feed entry id, a JSONL line number), empty for a
    whole file; `reader` names the reader that produced it.
    """

    input: str
    reader: str
    locator: str = ""

    def key(self) -> str:
        return f"{self.input}#{self.locator}" if self.locator else self.input

    def to_dict(self) -> dict[str, str]:
        return {"input": self.input, "reader": self.reader, "locator": self.locator}


@dataclass(slots=True)
class Document:
    """One raw input unit, before extraction."""

    data: bytes | str
    kind: DocumentKind
    provenance: Provenance
    url: str | None = None
    published: str | None = None
    title: str | None = None
    encoding: str | None = None


@dataclass(slots=True)
class PendingFetch:
    """A feed item that only links to its article: recorded so it can be fetched later."""

    url: str
    provenance: Provenance
    title: str | None = None
    published: str | None = None


@dataclass(slots=True)
class Dropped:
    """An input that could not become an article, with a machine-readable reason."""

    provenance: Provenance
    reason: str
    message: str = ""


@dataclass(slots=True)
class RelatedItem:
    title: str
    url: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {"title": self.title, "url": self.url}


@dataclass(slots=True)
class RemovedSegment:
    """A piece of the input that extraction took out of the body, and why.

    Reasons: `duplicate`, `boilerplate`, `related`, `credit`, `wire`, `title`,
    `dateline`, `byline`.
    """

    text: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"text": self.text, "reason": self.reason}


@dataclass(slots=True)
class Span:
    start: int
    end: int


def normalize_for_hash(text: str) -> str:
    """Case-folded, NFKC, whitespace-collapsed text: equal for copies of one article."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"\s+", " ", text).strip()


def content_hash(text: str) -> str:
    return hashlib.sha256(normalize_for_hash(text).encode("utf-8")).hexdigest()


@dataclass(slots=True)
class Mention(Shaped):
    """A stretch of `Article.text` that names or refers to an entity."""

    text: str
    start: int
    end: int
    confidence: float = field(default=1.0, metadata=ROUND3)


@dataclass(slots=True)
class Role(Shaped):
    """A title or position held by a person: `ambassador` of Ukraine to the United States."""

    title: str
    text: str
    start: int
    end: int
    of: str | None = None
    to: str | None = None
    confidence: float = field(default=1.0, metadata=ROUND3)


EntityType = Literal["PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"]


@dataclass(slots=True)
class Entity(Shaped):
    """One real-world referent inside an article, with every mention of it.

    `id` is the canonical key shared across articles (`person:volodymyr-zelensky`,
    `gpe:ua`), so the store can count an entity over the whole corpus. `aliases` (in
    JSON) are the distinct texts of its mentions, in order.
    """

    JSON_EXTRAS: ClassVar[tuple[str, ...]] = ("aliases",)

    id: str
    name: str
    type: str
    mentions: list[Mention] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    confidence: float = field(default=1.0, metadata=ROUND3)

    @property
    def aliases(self) -> list[str]:
        seen: dict[str, None] = {}
        for mention in self.mentions:
            seen.setdefault(mention.text, None)
        return list(seen)


@dataclass(slots=True)
class Quote(Shaped):
    """What someone said: a direct quote or reported speech, with its speaker.

    `speaker_span` and `cue_span` are where the speaker and the cue were found (offsets
    into `text`), when they were.
    """

    text: str
    kind: Literal["direct", "reported"]
    start: int
    end: int
    cue: str | None = None
    speaker: str | None = None
    speaker_id: str | None = None
    channel: str | None = None
    date: str | None = None
    confidence: float = field(default=1.0, metadata=ROUND3)
    speaker_span: tuple[int, int] | None = None
    cue_span: tuple[int, int] | None = None

    @property
    def speaker_start(self) -> int | None:
        return self.speaker_span[0] if self.speaker_span else None

    @property
    def speaker_end(self) -> int | None:
        return self.speaker_span[1] if self.speaker_span else None

    @property
    def cue_start(self) -> int | None:
        return self.cue_span[0] if self.cue_span else None

    @property
    def cue_end(self) -> int | None:
        return self.cue_span[1] if self.cue_span else None


TimeType = Literal["DATE", "TIME", "DURATION", "SET"]


@dataclass(slots=True)
class TimeExpression(Shaped):
    """A time expression resolved TIMEX3-style against the publication date.

    `value` follows TimeML: `2025-09-24`, `2025-W40`, `2025-09`, `P3Y`, `PRESENT_REF`,
    `XXXX-XX-XX` when it cannot be anchored.
    """

    text: str
    value: str
    type: str
    start: int
    end: int
    confidence: float = field(default=1.0, metadata=ROUND3)


@dataclass(slots=True)
class Place(Shaped):
    """A place the article names, resolved to coordinates from the embedded gazetteer.

    One per resolved place entity (`entity_id` is the `Entity.id` it resolves); the
    evidence span is its first mention, the entity's mentions are the rest.
    `kind` is `country`, `admin` (a state or province), `city`, `continent` or `region`.
    """

    entity_id: str
    name: str
    latitude: float = field(metadata=ROUND5)
    longitude: float = field(metadata=ROUND5)
    kind: str
    text: str
    start: int
    end: int
    country: str | None = None
    geonames_id: int | None = None
    confidence: float = field(default=1.0, metadata=ROUND3)


@dataclass(slots=True)
class EventActor(Shaped):
    """Who did something or had it done to them: the words, and the entity when known."""

    text: str
    start: int
    end: int
    entity_id: str | None = None


@dataclass(slots=True)
class Event(Shaped):
    """A coded event (PLOVER category): who did what to whom, when, where.

    `start`/`end` span the sentence that supports it (the evidence), `trigger_span` the
    word that names it. `date` is a TIMEX3 value, `place_id` the `Place.entity_id`.
    """

    type: str
    trigger: str
    trigger_span: tuple[int, int]
    start: int
    end: int
    mode: str | None = None
    source: EventActor | None = None
    target: EventActor | None = None
    date: str | None = None
    place_id: str | None = None
    fatalities: int | None = None
    injured: int | None = None
    claimed_by: EventActor | None = None
    confidence: float = field(default=1.0, metadata=ROUND3)

    @property
    def trigger_start(self) -> int:
        return self.trigger_span[0]

    @property
    def trigger_end(self) -> int:
        return self.trigger_span[1]


@dataclass(slots=True)
class Article:
    """A clean news article and everything known about it."""

    paragraphs: list[str] = field(default_factory=list)
    title: str | None = None
    published: dt.date | dt.datetime | None = None
    updated: dt.date | dt.datetime | None = None
    url: str | None = None
    canonical_url: str | None = None
    source: str | None = None
    site: str | None = None
    authors: list[str] = field(default_factory=list)
    language: str | None = None
    credits: list[str] = field(default_factory=list)
    related: list[RelatedItem] = field(default_factory=list)
    removed: list[RemovedSegment] = field(default_factory=list)
    provenance: list[Provenance] = field(default_factory=list)
    id: str = ""
    # Enrichment (newsloom.enrich): `enrichment` is None until it ran, "done" after, or
    # "skipped: <why>" (an article not in English is stored but not run through the model).
    enrichment: str | None = None
    # Every fact list, keyed by its kind (`newsloom.fact_kinds`); the built-in kinds also
    # read and write through the typed properties below.
    facts: dict[str, list[Any]] = field(default_factory=dict)

    def facts_of(self, key: str) -> list[Any]:
        """The article's facts of one kind (an empty list it keeps when it had none)."""
        return self.facts.setdefault(key, [])

    @property
    def entities(self) -> list[Entity]:
        return self.facts_of("entities")

    @entities.setter
    def entities(self, value: list[Entity]) -> None:
        self.facts["entities"] = value

    @property
    def quotes(self) -> list[Quote]:
        return self.facts_of("quotes")

    @quotes.setter
    def quotes(self, value: list[Quote]) -> None:
        self.facts["quotes"] = value

    @property
    def times(self) -> list[TimeExpression]:
        return self.facts_of("times")

    @times.setter
    def times(self, value: list[TimeExpression]) -> None:
        self.facts["times"] = value

    @property
    def places(self) -> list[Place]:
        return self.facts_of("places")

    @places.setter
    def places(self, value: list[Place]) -> None:
        self.facts["places"] = value

    @property
    def events(self) -> list[Event]:
        return self.facts_of("events")

    @events.setter
    def events(self, value: list[Event]) -> None:
        self.facts["events"] = value

    @property
    def text(self) -> str:
        return PARAGRAPH_SEPARATOR.join(self.paragraphs)

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)

    def paragraph_spans(self) -> list[Span]:
        """Character offsets of each paragraph inside `text`."""
        spans, start = [], 0
        for paragraph in self.paragraphs:
            spans.append(Span(start, start + len(paragraph)))
            start += len(paragraph) + len(PARAGRAPH_SEPARATOR)
        return spans

    def identity_key(self) -> str:
        """What the article id is derived from: its canonical URL, else its content."""
        url = self.canonical_url or self.url
        return f"url:{url}" if url else f"hash:{self.content_hash}"

    def assign_id(self) -> str:
        if not self.id:
            self.id = hashlib.sha256(self.identity_key().encode("utf-8")).hexdigest()[:16]
        return self.id

    def to_dict(self) -> dict[str, Any]:
        """The article's JSON object; later stages add keys, never rename these."""
        self.assign_id()
        return {
            "id": self.id,
            "url": self.url,
            "canonical_url": self.canonical_url,
            "title": self.title,
            "published": _iso(self.published),
            "updated": _iso(self.updated),
            "source": self.source,
            "site": self.site,
            "authors": list(self.authors),
            "credits": list(self.credits),
            "language": self.language,
            "paragraphs": list(self.paragraphs),
            "text": self.text,
            "related": [item.to_dict() for item in self.related],
            "removed": [segment.to_dict() for segment in self.removed],
            "provenance": [p.to_dict() for p in self.provenance],
            "content_hash": self.content_hash,
            "enrichment": self.enrichment,
            **{
                kind.key: [fact.to_dict() for fact in self.facts_of(kind.key)]
                for kind in fact_kinds()
            },
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        return cls(
            id=data.get("id") or "",
            paragraphs=list(data.get("paragraphs") or []),
            title=data.get("title"),
            published=parse_iso(data.get("published")),
            updated=parse_iso(data.get("updated")),
            url=data.get("url"),
            canonical_url=data.get("canonical_url"),
            source=data.get("source"),
            site=data.get("site"),
            authors=list(data.get("authors") or []),
            language=data.get("language"),
            credits=list(data.get("credits") or []),
            related=[RelatedItem(r["title"], r.get("url")) for r in data.get("related") or []],
            removed=[RemovedSegment(r["text"], r["reason"]) for r in data.get("removed") or []],
            provenance=[
                Provenance(p["input"], p.get("reader", ""), p.get("locator", ""))
                for p in data.get("provenance") or []
            ],
            enrichment=data.get("enrichment"),
            facts={
                kind.key: [kind.record.from_dict(f) for f in data.get(kind.key) or []]
                for kind in fact_kinds()
            },
        )


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def parse_iso(value: str | dt.date | None) -> dt.date | dt.datetime | None:
    """Parse an ISO 8601 date or date-time; a bare date stays a `date`.

    None for anything that is not one, an impossible date included (2025-02-30,
    year 0); a date-time whose time or offset is invalid (`+99:99`) keeps its date.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    text = value.strip()
    try:
        if _ISO_DAY.fullmatch(text):
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        match = _ISO_DAY.match(text)
        try:
            return dt.date.fromisoformat(match.group(0)) if match else None
        except ValueError:
            return None


@dataclass(slots=True)
class RunCounts:
    """What one ingest run did: every input ends in exactly one of these buckets."""

    read: int = 0
    stored: int = 0
    unchanged: int = 0
    merged: int = 0
    updated: int = 0
    pending: int = 0
    dropped: dict[str, int] = field(default_factory=dict)
    failed: dict[str, int] = field(default_factory=dict)

    def drop(self, reason: str) -> None:
        self.dropped[reason] = self.dropped.get(reason, 0) + 1

    def fail(self, reason: str) -> None:
        self.failed[reason] = self.failed.get(reason, 0) + 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "stored": self.stored,
            "unchanged": self.unchanged,
            "merged": self.merged,
            "updated": self.updated,
            "pending": self.pending,
            "dropped": dict(sorted(self.dropped.items())),
            "failed": dict(sorted(self.failed.items())),
        }


# The built-in fact kinds, in the order of the article's JSON. The first three count in
# the facts fingerprint even when empty, as they have since the store's schema 5.
register(FactKind("entities", Entity, table="article_entities", fingerprint="always"))
register(FactKind("quotes", Quote, table="quotes", fingerprint="always"))
register(FactKind("times", TimeExpression, table="times", fingerprint="always"))
register(FactKind("places", Place, table="places"))
register(FactKind("events", Event, table="events"))
