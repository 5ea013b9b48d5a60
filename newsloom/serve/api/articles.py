"""`/api/articles` (cursor pages, filters), `/api/articles/{id}` and `/api/search`."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, status

from newsloom.serve.api.errors import invalid
from newsloom.serve.api.models import (
    ArticlePage,
    ArticleSummaryOut,
    SearchHitOut,
    SearchResults,
    article_model,
)
from newsloom.serve.api.paging import Cursor as OffsetCursor
from newsloom.serve.api.paging import cursor_offset, next_cursor
from newsloom.serve.deps import StoreDep
from newsloom.store import ArticleSummary
from newsloom.store.records import ArticleFilter

router = APIRouter(tags=["articles"])

MAX_LIMIT = 100
MAX_QUERY_CHARS = 500

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"At most {MAX_LIMIT}.")]


def summary_out(summary: ArticleSummary) -> ArticleSummaryOut:
    return ArticleSummaryOut(**summary.to_dict())


Source = Annotated[str | None, Query(max_length=200)]
Language = Annotated[str | None, Query(max_length=20)]
Since = Annotated[dt.date | None, Query(description="Published on or after.")]
Until = Annotated[dt.date | None, Query(description="Published on or before.")]
EntityName = Annotated[
    str | None, Query(max_length=200, description="An entity id, name or alias.")
]
PlaceName = Annotated[
    str | None, Query(max_length=200, description="A place's entity id (`gpe:fr`) or name.")
]
EventType = Annotated[
    str | None, Query(max_length=40, description="A PLOVER event type, e.g. PROTEST.")
]
Cursor = Annotated[str | None, Query(max_length=1000)]


def article_filter(
    since: Since = None,
    until: Until = None,
    source: Source = None,
    language: Language = None,
    entity: EntityName = None,
    place: PlaceName = None,
    event_type: EventType = None,
) -> ArticleFilter:
    """The filters `/articles` and `/search` share, from the query string."""
    return ArticleFilter(
        source, language, since, until, entity=entity, place=place, event_type=event_type
    )


Filters = Annotated[ArticleFilter, Depends(article_filter)]


@router.get("/articles", response_model=ArticlePage)
def list_articles(
    store: StoreDep, filters: Filters, limit: Limit = 20, cursor: Cursor = None
) -> ArticlePage:
    """Newest first (published desc, then id desc); undated articles come last."""
    try:
        page = store.list_articles(limit=limit, cursor=cursor, filters=filters)
    except ValueError as error:
        raise invalid("query", "cursor", cursor, str(error)) from error
    return ArticlePage(items=[summary_out(s) for s in page.items], next_cursor=page.next_cursor)


def get_article(store: StoreDep, article_id: str) -> dict[str, Any]:
    """The full article: text, paragraphs, provenance, and every kind of fact found in it."""
    article = store.get(article_id)
    if article is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no article with id {article_id!r}")
    return article.to_dict()


def article_router() -> APIRouter:
    """`/articles/{id}`, its model built now so it lists every fact kind declared so far."""
    one = APIRouter(tags=["articles"])
    one.add_api_route(
        "/articles/{article_id}",
        get_article,
        methods=["GET"],
        response_model=article_model(),
        responses={404: {"description": "No article with this id."}},
    )
    return one


@router.get("/search", response_model=SearchResults)
def search(
    store: StoreDep,
    q: Annotated[str, Query(max_length=MAX_QUERY_CHARS, description="Words to look for.")],
    filters: Filters,
    limit: Limit = 20,
    cursor: OffsetCursor = None,
) -> SearchResults:
    """Full-text search, best matches first, each with a snippet and the matched terms'
    offsets in it; filtered like `/articles`."""
    offset = cursor_offset(cursor)
    hits = store.search(q, limit=limit + 1, offset=offset, filters=filters)
    more = len(hits) > limit
    return SearchResults(
        query=q,
        items=[SearchHitOut(**hit.to_dict()) for hit in hits[:limit]],
        next_cursor=next_cursor(offset, limit, more),
    )
