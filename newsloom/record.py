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
from typing import Any, Literal

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
class Mention:
    """A stretch of `Article.text` that names or refers to an entity."""

    text: str
    start: int
    end: int
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "confidence": round(self.confidence, 3),
        }


@dataclass(slots=True)
class Role:
    """A title or position held by a person: `ambassador` of Ukraine to the United States."""

    title: str
    text: str
    start: int
    end: int
    of: str | None = None
    to: str | None = None
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "of": self.of,
            "to": self.to,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "confidence": round(self.confidence, 3),
        }


EntityType = Literal["PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"]


@dataclass(slots=True)
class Entity:
    """One real-world referent inside an article, with every mention of it.

    `id` is the canonical key shared across articles (`person:volodymyr-zelensky`,
    `gpe:ua`), so the store can count an entity over the whole corpus.
    """

    id: str
    name: str
    type: str
    mentions: list[Mention] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    confidence: float = 1.0

    @property
    def aliases(self) -> list[str]:
        seen: dict[str, None] = {}
        for mention in self.mentions:
            seen.setdefault(mention.text, None)
        return list(seen)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "aliases": self.aliases,
            "roles": [role.to_dict() for role in self.roles],
            "mentions": [mention.to_dict() for mention in self.mentions],
            "confidence": round(self.confidence, 3),
        }


@dataclass(slots=True)
class Quote:
    """What someone said: a direct quote or reported speech, with its speaker."""

    text: str
    kind: Literal["direct", "reported"]
    start: int
    end: int
    cue: str | None = None
    speaker: str | None = None
    speaker_id: str | None = None
    channel: str | None = None
    date: str | None = None
    confidence: float = 1.0
    # Where the speaker and cue were found (offsets into `text`), when they were.
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue_start: int | None = None
    cue_end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "kind": self.kind,
            "cue": self.cue,
            "speaker": self.speaker,
            "speaker_id": self.speaker_id,
            "channel": self.channel,
            "date": self.date,
            "start": self.start,
            "end": self.end,
            "confidence": round(self.confidence, 3),
            "speaker_span": _span(self.speaker_start, self.speaker_end),
            "cue_span": _span(self.cue_start, self.cue_end),
        }


TimeType = Literal["DATE", "TIME", "DURATION", "SET"]


@dataclass(slots=True)
class TimeExpression:
    """A time expression resolved TIMEX3-style against the publication date.

    `value` follows TimeML: `2025-09-24`, `2025-W40`, `2025-09`, `P3Y`, `PRESENT_REF`,
    `XXXX-XX-XX` when it cannot be anchored.
    """

    text: str
    value: str
    type: str
    start: int
    end: int
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "value": self.value,
            "type": self.type,
            "start": self.start,
            "end": self.end,
            "confidence": round(self.confidence, 3),
        }


@dataclass(slots=True)
class Place:
    """A place the article names, resolved to coordinates from the embedded gazetteer.

    One per resolved place entity (`entity_id` is the `Entity.id` it resolves); the
    evidence span is its first mention, the entity's mentions are the rest.
    `kind` is `country`, `admin` (a state or province), `city`, `continent` or `region`.
    """

    entity_id: str
    name: str
    latitude: float
    longitude: float
    kind: str
    text: str
    start: int
    end: int
    country: str | None = None
    geonames_id: int | None = None
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity_id": self.entity_id,
            "name": self.name,
            "latitude": round(self.latitude, 5),
            "longitude": round(self.longitude, 5),
            "kind": self.kind,
            "country": self.country,
            "geonames_id": self.geonames_id,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "confidence": round(self.confidence, 3),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Place:
        return cls(
            entity_id=data["entity_id"],
            name=data["name"],
            latitude=float(data["latitude"]),
            longitude=float(data["longitude"]),
            kind=data["kind"],
            text=data["text"],
            start=data["start"],
            end=data["end"],
            country=data.get("country"),
            geonames_id=data.get("geonames_id"),
            confidence=data.get("confidence", 1.0),
        )


@dataclass(slots=True)
class EventActor:
    """Who did something or had it done to them: the words, and the entity when known."""

    text: str
    start: int
    end: int
    entity_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "entity_id": self.entity_id,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EventActor:
        return cls(data["text"], data["start"], data["end"], data.get("entity_id"))


@dataclass(slots=True)
class Event:
    """A coded event (PLOVER category): who did what to whom, when, where.

    `start`/`end` span the sentence that supports it (the evidence), `trigger_*` the
    word that names it. `date` is a TIMEX3 value, `place_id` the `Place.entity_id`.
    """

    type: str
    trigger: str
    trigger_start: int
    trigger_end: int
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
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "mode": self.mode,
            "trigger": self.trigger,
            "trigger_span": [self.trigger_start, self.trigger_end],
            "start": self.start,
            "end": self.end,
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "date": self.date,
            "place_id": self.place_id,
            "fatalities": self.fatalities,
            "injured": self.injured,
            "claimed_by": self.claimed_by.to_dict() if self.claimed_by else None,
            "confidence": round(self.confidence, 3),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        def actor(key: str) -> EventActor | None:
            value = data.get(key)
            return EventActor.from_dict(value) if value else None

        trigger_start, trigger_end = data["trigger_span"]
        return cls(
            type=data["type"],
            trigger=data["trigger"],
            trigger_start=trigger_start,
            trigger_end=trigger_end,
            start=data["start"],
            end=data["end"],
            mode=data.get("mode"),
            source=actor("source"),
            target=actor("target"),
            date=data.get("date"),
            place_id=data.get("place_id"),
            fatalities=data.get("fatalities"),
            injured=data.get("injured"),
            claimed_by=actor("claimed_by"),
            confidence=data.get("confidence", 1.0),
        )


def _span(start: int | None, end: int | None) -> list[int] | None:
    return [start, end] if start is not None and end is not None else None


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
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    enrichment: str | None = None

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
            "entities": [entity.to_dict() for entity in self.entities],
            "quotes": [quote.to_dict() for quote in self.quotes],
            "times": [time.to_dict() for time in self.times],
            "places": [place.to_dict() for place in self.places],
            "events": [event.to_dict() for event in self.events],
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
            entities=[_entity_from_dict(e) for e in data.get("entities") or []],
            quotes=[_quote_from_dict(q) for q in data.get("quotes") or []],
            times=[
                TimeExpression(
                    t["text"], t["value"], t["type"], t["start"], t["end"], t.get("confidence", 1.0)
                )
                for t in data.get("times") or []
            ],
            places=[Place.from_dict(p) for p in data.get("places") or []],
            events=[Event.from_dict(e) for e in data.get("events") or []],
        )


def _entity_from_dict(data: dict[str, Any]) -> Entity:
    return Entity(
        id=data["id"],
        name=data["name"],
        type=data["type"],
        mentions=[
            Mention(m["text"], m["start"], m["end"], m.get("confidence", 1.0))
            for m in data.get("mentions") or []
        ],
        roles=[
            Role(
                r["title"],
                r["text"],
                r["start"],
                r["end"],
                r.get("of"),
                r.get("to"),
                r.get("confidence", 1.0),
            )
            for r in data.get("roles") or []
        ],
        confidence=data.get("confidence", 1.0),
    )


def _quote_from_dict(data: dict[str, Any]) -> Quote:
    speaker_span = data.get("speaker_span") or [None, None]
    cue_span = data.get("cue_span") or [None, None]
    return Quote(
        text=data["text"],
        kind=data["kind"],
        start=data["start"],
        end=data["end"],
        cue=data.get("cue"),
        speaker=data.get("speaker"),
        speaker_id=data.get("speaker_id"),
        channel=data.get("channel"),
        date=data.get("date"),
        confidence=data.get("confidence", 1.0),
        speaker_start=speaker_span[0],
        speaker_end=speaker_span[1],
        cue_start=cue_span[0],
        cue_end=cue_span[1],
    )


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def parse_iso(value: str | dt.date | None) -> dt.date | dt.datetime | None:
    """Parse an ISO 8601 date or date-time; a bare date stays a `date`."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    text = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return dt.date.fromisoformat(text)
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        match = re.match(r"\d{4}-\d{2}-\d{2}", text)
        return dt.date.fromisoformat(match.group(0)) if match else None


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
