"""`/api/export/{kind}`: every row of a filtered list, streamed as CSV, JSONL or Parquet.

One route per list, taking that list's own filters (the same dependencies as the list),
so that an export holds exactly the list's `total` rows, however many pages it spans.
Rows and encodings are `newsloom.serve.exports`.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from newsloom.serve import exports
from newsloom.serve.api.filters import (
    ArticleFilters,
    EntityType,
    EventFilters,
    IncludeRejected,
    PlaceFilters,
    QuoteFilters,
    SearchWords,
)
from newsloom.serve.deps import StoreDep
from newsloom.serve.ui.render import SECURITY_HEADERS

router = APIRouter(tags=["export"])

FormatQuery = Annotated[exports.Format, Query(alias="format", description="csv, jsonl or parquet.")]
FILE = {
    "description": "The rows, streamed: a CSV header and rows, JSON lines, or a Parquet file.",
    "content": {media: {} for media in exports.MEDIA_TYPES.values()},
}


def stream(export: exports.Export, fmt: exports.Format) -> StreamingResponse:
    headers = {
        **SECURITY_HEADERS,
        "Content-Disposition": f'attachment; filename="{export.filename(fmt)}"',
    }
    return StreamingResponse(
        exports.encode(export, fmt), media_type=exports.MEDIA_TYPES[fmt], headers=headers
    )


@router.get("/export/articles", response_class=StreamingResponse, responses={200: FILE})
def export_articles(
    store: StoreDep, filters: ArticleFilters, fmt: FormatQuery = "csv"
) -> StreamingResponse:
    """Every article `/api/articles` lists for these filters, newest first."""
    rows = exports.article_rows(store, filters)
    return stream(exports.Export("articles", exports.ARTICLE_COLUMNS, rows), fmt)


@router.get("/export/search", response_class=StreamingResponse, responses={200: FILE})
def export_search(
    store: StoreDep, q: SearchWords, filters: ArticleFilters, fmt: FormatQuery = "csv"
) -> StreamingResponse:
    """Every match `/api/search` finds for these words and filters, best first."""
    rows = exports.search_rows(store, q, filters)
    return stream(exports.Export("search", exports.SEARCH_COLUMNS, rows), fmt)


@router.get("/export/events", response_class=StreamingResponse, responses={200: FILE})
def export_events(
    store: StoreDep, filters: EventFilters, fmt: FormatQuery = "csv"
) -> StreamingResponse:
    """Every event `/api/events` lists for these filters: ACLED's columns where they mean
    the same, then newsloom's (evidence span, trigger, confidence, review)."""
    rows = exports.event_rows(store, filters)
    return stream(exports.Export("events", exports.EVENT_COLUMNS, rows), fmt)


@router.get("/export/quotes", response_class=StreamingResponse, responses={200: FILE})
def export_quotes(
    store: StoreDep, filters: QuoteFilters, fmt: FormatQuery = "csv"
) -> StreamingResponse:
    """Every quote `/api/quotes` lists for these filters, with its evidence span and its
    review (`review`: the verdict, `review_value`: the corrected value)."""
    rows = exports.quote_rows(store, filters)
    return stream(exports.Export("quotes", exports.QUOTE_COLUMNS, rows), fmt)


@router.get("/export/entities", response_class=StreamingResponse, responses={200: FILE})
def export_entities(
    store: StoreDep,
    type: EntityType = None,
    include_rejected: IncludeRejected = False,
    fmt: FormatQuery = "csv",
) -> StreamingResponse:
    """Every entity `/api/entities` lists, in most articles first."""
    rows = exports.entity_rows(store, type or None, include_rejected)
    return stream(exports.Export("entities", exports.ENTITY_COLUMNS, rows), fmt)


@router.get("/export/places", response_class=StreamingResponse, responses={200: FILE})
def export_places(
    store: StoreDep, filters: PlaceFilters, fmt: FormatQuery = "csv"
) -> StreamingResponse:
    """Every place `/api/places` lists for these filters, in most articles first."""
    rows = exports.place_rows(store, filters)
    return stream(exports.Export("places", exports.PLACE_COLUMNS, rows), fmt)
