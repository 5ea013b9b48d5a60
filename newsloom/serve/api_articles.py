"""`/api/articles` (cursor pages, filters), `/api/articles/{id}` and `/api/search`."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, status

from newsloom.serve.api_entity_filter import entity_page
from newsloom.serve.api_errors import invalid
from newsloom.serve.api_models import (
    ArticleOut,
    ArticlePage,
    ArticleSummaryOut,
    SearchHitOut,
    SearchResults,
)
from newsloom.serve.deps import StoreDep
from newsloom.store import ArticleSummary, Page

router = APIRouter(tags=["articles"])

MAX_LIMIT = 100
MAX_QUERY_CHARS = 500

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"At most {MAX_LIMIT}.")]


def summary_out(summary: ArticleSummary) -> ArticleSummaryOut:
    return ArticleSummaryOut(**summary.to_dict())


@router.get("/articles", response_model=ArticlePage)
def list_articles(
    store: StoreDep,
    limit: Limit = 20,
    cursor: Annotated[str | None, Query(max_length=1000)] = None,
    since: Annotated[dt.date | None, Query(description="Published on or after.")] = None,
    until: Annotated[dt.date | None, Query(description="Published on or before.")] = None,
    source: Annotated[str | None, Query(max_length=200)] = None,
    language: Annotated[str | None, Query(max_length=20)] = None,
    entity: Annotated[
        str | None, Query(max_length=200, description="An entity id, name or alias.")
    ] = None,
) -> ArticlePage:
    """Newest first (published desc, then id desc); undated articles come last."""
    filters: dict[str, Any] = {
        "source": source,
        "language": language,
        "since": since,
        "until": until,
    }
    page: Page[ArticleSummary]
    try:
        if entity is not None:
            page = entity_page(store, entity, limit=limit, cursor=cursor, **filters)
        else:
            page = store.list_articles(limit=limit, cursor=cursor, **filters)
    except ValueError as error:
        raise invalid("query", "cursor", cursor, str(error)) from error
    return ArticlePage(items=[summary_out(s) for s in page.items], next_cursor=page.next_cursor)


@router.get(
    "/articles/{article_id}",
    response_model=ArticleOut,
    responses={404: {"description": "No article with this id."}},
)
def get_article(store: StoreDep, article_id: str) -> dict[str, Any]:
    """The full article: text, paragraphs, provenance, and its entities, quotes and times."""
    article = store.get(article_id)
    if article is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no article with id {article_id!r}")
    return article.to_dict()


@router.get("/search", response_model=SearchResults)
def search(
    store: StoreDep,
    q: Annotated[str, Query(max_length=MAX_QUERY_CHARS, description="Words to look for.")],
    limit: Limit = 20,
) -> SearchResults:
    """Full-text search, best matches first, each with a snippet around the matched terms."""
    hits = store.search(q, limit=limit)
    return SearchResults(
        query=q,
        items=[SearchHitOut(**hit.to_dict()) for hit in hits],
    )
