"""`/api/events`: coded events (PLOVER categories) with everything needed to cite them.

Each item carries its article (id, url, title, source, publication date), the evidence
sentence and its span in the article text, the trigger's span, the actors with their
spans and entity ids, the place with coordinates, casualties and the confidence.
Pagination is by offset: `next_offset` is set while more events match.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from newsloom.enrich.events.lexicon import PLOVER_CATEGORIES
from newsloom.record import EventActor
from newsloom.serve.api.errors import invalid
from newsloom.serve.api.paging import Cursor, OffsetPage, cursor_offset, page_fields
from newsloom.serve.deps import StoreDep
from newsloom.store.records import EventFilter, EventRecord

router = APIRouter(tags=["events"])

MAX_LIMIT = 200
MAX_OFFSET = 1_000_000


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


class EventList(OffsetPage):
    items: list[EventOut]


def _actor(actor: EventActor | None) -> EventActorOut | None:
    return EventActorOut(**actor.to_dict()) if actor else None


def event_out(record: EventRecord) -> EventOut:
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
    )


def event_filter(
    type: str | None,
    since: dt.date | None,
    until: dt.date | None,
    place: str | None,
    entity: str | None,
    min_confidence: float = 0.0,
) -> EventFilter:
    """The store filter; an unknown category is a client error (422)."""
    category = type.strip().upper() if type and type.strip() else None
    if category is not None and category not in PLOVER_CATEGORIES:
        raise invalid(
            "query", "type", type, f"unknown event type; one of {', '.join(PLOVER_CATEGORIES)}"
        )
    return EventFilter(
        type=category,
        since=since,
        until=until,
        place=place.strip() or None if place else None,
        entity=entity.strip() or None if entity else None,
        min_confidence=min_confidence,
    )


@router.get("/events", response_model=EventList)
def list_coded_events(
    store: StoreDep,
    type: Annotated[str | None, Query(max_length=20, description="PLOVER category.")] = None,
    since: Annotated[dt.date | None, Query(description="First day (the event's day).")] = None,
    until: Annotated[dt.date | None, Query(description="Last day (the event's day).")] = None,
    place: Annotated[
        str | None, Query(max_length=200, description="Place entity id or place name.")
    ] = None,
    entity: Annotated[
        str | None, Query(max_length=200, description="Entity id of the source or target.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    cursor: Cursor = None,
    min_confidence: Annotated[
        float,
        Query(
            ge=0.0,
            le=1.0,
            description="Least confidence listed; 0 (the default) lists every event, the"
            " events page shows 0.5 and up.",
        ),
    ] = 0.0,
) -> EventList:
    """Coded events, newest day first, with their evidence sentence and article.

    Page with `cursor` (the `next_cursor` given) or with `offset`."""
    if cursor is not None:
        offset = cursor_offset(cursor)
    filters = event_filter(type, since, until, place, entity, min_confidence)
    found = store.events(filters, limit=limit + 1, offset=offset)
    more = len(found) > limit
    return EventList(
        items=[event_out(record) for record in found[:limit]],
        **page_fields(offset, limit, store.count_events(filters), more),
    )
