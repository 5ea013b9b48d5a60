"""`/api/events`: coded events (PLOVER categories) with everything needed to cite them.

Each item carries its article (id, url, title, source, publication date), the evidence
sentence and its span in the article text, the trigger's span, the actors with their
spans and entity ids, the place with coordinates, casualties and the confidence, and an
analyst's review of it (`review`, `review_value`; null when unreviewed).
Paged with `o` cursors like every list (`paging`); the filters are `filters.event_filter`.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from newsloom.record import EventActor
from newsloom.serve.api.cite import review_fields, reviews_of
from newsloom.serve.api.filters import EventFilters
from newsloom.serve.api.models import REVIEW_DOC, REVIEW_VALUE_DOC
from newsloom.serve.api.paging import (
    DEFAULT_LIMIT,
    Cursor,
    Limit,
    ListPage,
    cursor_offset,
    page_fields,
)
from newsloom.serve.deps import StoreDep
from newsloom.store.records import EventRecord
from newsloom.store.sql.reviews import Review

router = APIRouter(tags=["events"])


class EventActorOut(BaseModel):
    text: str
    start: int = Field(description="Offset of the actor's words in the article text.")
    end: int
    entity_id: str | None = Field(description="The article entity the words name, if any.")


class EventArticleOut(BaseModel):
    """Enough of the article to cite the event."""

    id: str
    url: str | None
    title: str | None
    source: str | None
    published: str | None


class EventOut(BaseModel):
    type: str = Field(description="PLOVER category, e.g. PROTEST.")
    mode: str | None = Field(description="intent, threat, hypothetical, or null (asserted).")
    trigger: str
    trigger_span: list[int] = Field(description="[start, end] of the trigger word.")
    start: int = Field(description="Start of the evidence sentence in the article text.")
    end: int
    sentence: str = Field(description="The evidence sentence (cut at 600 characters).")
    source: EventActorOut | None
    target: EventActorOut | None
    claimed_by: EventActorOut | None
    date: str | None = Field(description="TIMEX3 value of the event's date.")
    day: str | None = Field(description="The calendar day of `date` when it names one.")
    place_id: str | None
    place_name: str | None
    latitude: float | None
    longitude: float | None
    fatalities: int | None
    injured: int | None
    confidence: float
    article: EventArticleOut
    review: str | None = Field(default=None, description=REVIEW_DOC)
    review_value: Any = Field(default=None, description=REVIEW_VALUE_DOC)


class EventList(ListPage):
    items: list[EventOut]


def _actor(actor: EventActor | None) -> EventActorOut | None:
    return EventActorOut(**actor.to_dict()) if actor else None


def event_out(record: EventRecord, review: Review | None = None) -> EventOut:
    event = record.event
    published = record.published.isoformat() if record.published is not None else None
    return EventOut(
        type=event.type,
        mode=event.mode,
        trigger=event.trigger,
        trigger_span=[event.trigger_start, event.trigger_end],
        start=event.start,
        end=event.end,
        sentence=record.sentence,
        source=_actor(event.source),
        target=_actor(event.target),
        claimed_by=_actor(event.claimed_by),
        date=event.date,
        day=record.day,
        place_id=event.place_id,
        place_name=record.place_name,
        latitude=record.latitude,
        longitude=record.longitude,
        fatalities=event.fatalities,
        injured=event.injured,
        confidence=round(event.confidence, 3),
        article=EventArticleOut(
            id=record.article_id,
            url=record.url,
            title=record.title,
            source=record.source,
            published=published,
        ),
        **review_fields(review),
    )


@router.get("/events", response_model=EventList)
def list_coded_events(
    store: StoreDep, filters: EventFilters, limit: Limit = DEFAULT_LIMIT, cursor: Cursor = None
) -> EventList:
    """Coded events, newest day first, with their evidence sentence and article."""
    offset = cursor_offset(cursor)
    found = store.events(filters, limit=limit + 1, offset=offset)
    more = len(found) > limit
    # An event's review names its trigger word.
    keys = [(r.article_id, r.event.trigger_start, r.event.trigger_end) for r in found[:limit]]
    reviews = reviews_of(store, "event", keys)
    return EventList(
        items=[event_out(r, reviews.get(key)) for r, key in zip(found, keys, strict=False)],
        **page_fields(offset, limit, store.count_events(filters), more),
    )
