"""`/api/places` and `/api/places/{entity_id}`: resolved places over the corpus.

Offset pagination like `/api/entities` (one row more than asked tells whether a next
page exists); `since`/`until` filter by the article's publication day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, status
from pydantic import BaseModel

from newsloom.serve.api.errors import invalid
from newsloom.serve.api.paging import Cursor, OffsetPage, cursor_offset, page_fields
from newsloom.serve.deps import StoreDep
from newsloom.store.records import PlaceFilter, PlaceMention, PlaceSummary

router = APIRouter(tags=["places"])

MAX_LIMIT = 200
MAX_OFFSET = 1_000_000
KINDS = ("country", "admin", "city", "continent", "region")


class PlaceOut(BaseModel):
    entity_id: str
    name: str
    latitude: float
    longitude: float
    kind: str
    country: str | None
    geonames_id: int | None
    articles: int


class PlaceList(OffsetPage):
    items: list[PlaceOut]


class PlaceMentionOut(BaseModel):
    """An article naming the place; `text`/`start`/`end` is the evidence in its text."""

    article_id: str
    url: str | None
    title: str | None
    source: str | None
    published: str | None
    text: str
    start: int
    end: int
    confidence: float


class PlaceDetailOut(BaseModel):
    place: PlaceOut
    articles: list[PlaceMentionOut]


def place_out(place: PlaceSummary) -> PlaceOut:
    fields = asdict(place)
    fields.update(latitude=round(place.latitude, 5), longitude=round(place.longitude, 5))
    return PlaceOut(**fields)


def mention_out(mention: PlaceMention) -> PlaceMentionOut:
    return PlaceMentionOut(**{**asdict(mention), "confidence": round(mention.confidence, 3)})


@router.get("/places", response_model=PlaceList)
def list_places(
    store: StoreDep,
    country: Annotated[
        str | None, Query(min_length=2, max_length=2, description="ISO 3166-1 alpha-2.")
    ] = None,
    kind: Annotated[str | None, Query(description=", ".join(KINDS))] = None,
    q: Annotated[str | None, Query(max_length=100, description="Name prefix.")] = None,
    since: Annotated[dt.date | None, Query(description="Articles published on or after.")] = None,
    until: Annotated[dt.date | None, Query(description="Articles published on or before.")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    cursor: Cursor = None,
) -> PlaceList:
    """Places named in stored articles, in most articles first.

    Page with `cursor` (the `next_cursor` given) or with `offset`."""
    if cursor is not None:
        offset = cursor_offset(cursor)
    if kind is not None and kind not in KINDS:
        raise invalid("query", "kind", kind, f"kind is one of {', '.join(KINDS)}")
    filters = PlaceFilter(country=country, kind=kind, prefix=q or None, since=since, until=until)
    found = store.places(filters, limit=limit + 1, offset=offset)
    more = len(found) > limit
    return PlaceList(
        items=[place_out(p) for p in found[:limit]],
        **page_fields(offset, limit, store.count_places(filters), more),
    )


@router.get(
    "/places/{entity_id}",
    response_model=PlaceDetailOut,
    responses={404: {"description": "No stored article names this place."}},
)
def get_place(store: StoreDep, entity_id: str) -> PlaceDetailOut:
    """One place and the articles naming it, newest first, each with its evidence span."""
    detail = store.place(entity_id)
    if detail is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no place {entity_id!r}")
    return PlaceDetailOut(
        place=place_out(detail.place), articles=[mention_out(m) for m in detail.mentions]
    )
