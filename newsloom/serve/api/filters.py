"""The filters of each list, as FastAPI dependencies shared by the list and its export.

Days are parsed strictly (`paging.parse_day`); an entity or place named by a short or
partial name resolves to the main entity it may mean (`Store.resolve_entities`: most
mentions), so `entity=Quenby` filters by "Tilda Quenby".
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Depends, Query

from newsloom.enrich.events.lexicon import PLOVER_CATEGORIES
from newsloom.serve.api.errors import invalid
from newsloom.serve.api.paging import Day, parse_day
from newsloom.serve.deps import StoreDep
from newsloom.store import Store
from newsloom.store.records import ArticleFilter, EventFilter, PlaceFilter
from newsloom.store.sql.analyst import QuoteFilter

PLACE_KINDS = ("country", "admin", "city", "continent", "region")
MAX_QUERY_CHARS = 500

Source = Annotated[str | None, Query(max_length=200)]
Language = Annotated[str | None, Query(max_length=20)]
EntityName = Annotated[
    str | None,
    Query(max_length=200, description="An entity id or name; a short name finds the main one."),
]
PlaceName = Annotated[
    str | None, Query(max_length=200, description="A place's entity id (`gpe:fr`) or name.")
]
EventType = Annotated[
    str | None, Query(max_length=40, description="A PLOVER event type, e.g. PROTEST.")
]
SearchWords = Annotated[str, Query(max_length=MAX_QUERY_CHARS, description="Words to look for.")]
IncludeRejected = Annotated[
    bool,
    Query(description="Also list the facts an analyst rejected (hidden by default)."),
]


def main_entity(store: Store, name: str | None) -> str | None:
    """The id of the main entity `name` may mean, or the name itself when none matches
    (so that the filter matches nothing rather than everything)."""
    if not name or not name.strip():
        return None
    found = store.resolve_entities(name.strip(), limit=1)
    return found[0].id if found else name.strip()


def article_filter(
    store: StoreDep,
    since: Day = None,
    until: Day = None,
    source: Source = None,
    language: Language = None,
    entity: EntityName = None,
    place: PlaceName = None,
    event_type: EventType = None,
) -> ArticleFilter:
    """The filters `/articles` and `/search` share (days: the publication day)."""
    return ArticleFilter(
        source or None,
        language or None,
        parse_day("since", since),
        parse_day("until", until),
        entity=main_entity(store, entity),
        place=place or None,
        event_type=event_type or None,
    )


ArticleFilters = Annotated[ArticleFilter, Depends(article_filter)]


def event_filter(
    store: StoreDep,
    type: Annotated[str | None, Query(max_length=20, description="PLOVER category.")] = None,
    since: Day = None,
    until: Day = None,
    place: Annotated[
        str | None, Query(max_length=200, description="Place entity id or place name.")
    ] = None,
    entity: Annotated[
        str | None,
        Query(max_length=200, description="The source or target: an entity id or name."),
    ] = None,
    min_confidence: Annotated[
        float,
        Query(
            ge=0.0,
            le=1.0,
            description="Least confidence listed; 0 (the default) lists every event, the"
            " events page shows 0.5 and up.",
        ),
    ] = 0.0,
    include_rejected: IncludeRejected = False,
) -> EventFilter:
    """The events' filters (days: the event's day); an unknown category is a 422."""
    category = type.strip().upper() if type and type.strip() else None
    if category is not None and category not in PLOVER_CATEGORIES:
        raise invalid(
            "query", "type", type, f"unknown event type; one of {', '.join(PLOVER_CATEGORIES)}"
        )
    return EventFilter(
        type=category,
        since=parse_day("since", since),
        until=parse_day("until", until),
        place=place.strip() or None if place else None,
        entity=main_entity(store, entity),
        min_confidence=min_confidence,
        include_rejected=include_rejected,
    )


EventFilters = Annotated[EventFilter, Depends(event_filter)]


def place_filter(
    country: Annotated[
        str | None, Query(min_length=2, max_length=2, description="ISO 3166-1 alpha-2.")
    ] = None,
    kind: Annotated[str | None, Query(description=", ".join(PLACE_KINDS))] = None,
    q: Annotated[str | None, Query(max_length=100, description="Name prefix.")] = None,
    since: Day = None,
    until: Day = None,
    include_rejected: IncludeRejected = False,
) -> PlaceFilter:
    """The places' filters (days: the articles' publication days)."""
    if kind is not None and kind not in PLACE_KINDS:
        raise invalid("query", "kind", kind, f"kind is one of {', '.join(PLACE_KINDS)}")
    return PlaceFilter(
        country=country,
        kind=kind,
        prefix=q or None,
        since=parse_day("since", since),
        until=parse_day("until", until),
        include_rejected=include_rejected,
    )


PlaceFilters = Annotated[PlaceFilter, Depends(place_filter)]


def quote_filter(
    speaker: Annotated[
        str | None,
        Query(max_length=200, description="The speaker: an entity id or any (short) name."),
    ] = None,
    about: Annotated[
        str | None,
        Query(max_length=200, description="An entity the quote mentions: id or name."),
    ] = None,
    q: Annotated[str | None, Query(max_length=200, description="Words in the quote.")] = None,
    since: Day = None,
    until: Day = None,
    kind: Annotated[
        Literal["direct", "reported"] | None, Query(description="direct or reported speech.")
    ] = None,
    include_rejected: IncludeRejected = False,
) -> QuoteFilter:
    """The quotes' filters (days: the quote's date, else its article's day)."""
    return QuoteFilter(
        speaker=speaker.strip() or None if speaker else None,
        about=about.strip() or None if about else None,
        words=q.strip() or None if q else None,
        since=parse_day("since", since),
        until=parse_day("until", until),
        kind=kind,
        include_rejected=include_rejected,
    )


QuoteFilters = Annotated[QuoteFilter, Depends(quote_filter)]

EntityType = Annotated[str | None, Query(max_length=40, description="PERSON, ORG, GPE, ...")]
