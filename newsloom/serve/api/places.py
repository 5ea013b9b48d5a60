"""`/api/places` and `/api/places/{entity_id}`: resolved places over the corpus.

Paged with `o` cursors like every list (`paging`); `since`/`until` filter by the
article's publication day.
"""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, HTTPException, status
from pydantic import BaseModel

from newsloom.serve.api.filters import PLACE_KINDS, PlaceFilters
from newsloom.serve.api.paging import (
    DEFAULT_LIMIT,
    Cursor,
    Limit,
    ListPage,
    cursor_offset,
    page_fields,
)
from newsloom.serve.deps import StoreDep
from newsloom.store.records import PlaceMention, PlaceSummary

router = APIRouter(tags=["places"])

KINDS = PLACE_KINDS


class PlaceOut(BaseModel):
    entity_id: str
    name: str
    latitude: float
    longitude: float
    kind: str
    country: str | None
    geonames_id: int | None
    articles: int


class PlaceList(ListPage):
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
    store: StoreDep, filters: PlaceFilters, limit: Limit = DEFAULT_LIMIT, cursor: Cursor = None
) -> PlaceList:
    """Places named in stored articles, in most articles first."""
    offset = cursor_offset(cursor)
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
