"""`/api/articles` (newest first, `k` cursors), `/api/articles/{id}` and `/api/search`
(best first, `o` cursors); both take the same filters (`filters.article_filter`)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, status
from pydantic import create_model

from newsloom.serve.api.filters import ArticleFilters, SearchWords
from newsloom.serve.api.models import (
    ArticlePage,
    ArticleSummaryOut,
    SearchHitOut,
    SearchResults,
    article_model,
)
from newsloom.serve.api.paging import (
    DEFAULT_LIMIT,
    TOTAL_CAP,
    Cursor,
    KeyCursor,
    Limit,
    api_cursor,
    capped_total,
    cursor_offset,
    page_fields,
    store_cursor,
)
from newsloom.serve.api.reviews import ReviewOut, article_with_reviews
from newsloom.serve.deps import StoreDep
from newsloom.store import ArticleSummary, Store
from newsloom.store.records import ArticleFilter

router = APIRouter(tags=["articles"])


def summary_out(summary: ArticleSummary) -> ArticleSummaryOut:
    return ArticleSummaryOut(**summary.to_dict())


@router.get("/articles", response_model=ArticlePage)
def list_articles(
    store: StoreDep, filters: ArticleFilters, limit: Limit = DEFAULT_LIMIT, cursor: KeyCursor = None
) -> ArticlePage:
    """Newest first (published desc, then id desc); undated articles come last."""
    page = store.list_articles(limit=limit, cursor=store_cursor(cursor), filters=filters)
    return ArticlePage(
        items=[summary_out(s) for s in page.items],
        total=store.count_matching_articles(filters),
        limit=limit,
        next_cursor=api_cursor(page.next_cursor),
    )


def get_article(
    store: StoreDep,
    article_id: str,
    include_rejected: Annotated[
        bool, Query(description="Also list the facts an analyst rejected.")
    ] = False,
) -> dict[str, Any]:
    """The full article: text, paragraphs, provenance, and every kind of fact found in it
    (less those an analyst rejected, unless `include_rejected`), with its `reviews`."""
    article = store.get(article_id)
    if article is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no article with id {article_id!r}")
    reviews = store.reviews(article_id=article_id, limit=None)
    return article_with_reviews(article, reviews, include_rejected)


def article_router() -> APIRouter:
    """`/articles/{id}`, its model built now so it lists every fact kind declared so far."""
    one = APIRouter(tags=["articles"])
    one.add_api_route(
        "/articles/{article_id}",
        get_article,
        methods=["GET"],
        response_model=create_model(
            "ArticleOut",
            __base__=article_model(),
            reviews=(list[ReviewOut], []),
        ),
        responses={404: {"description": "No article with this id."}},
    )
    return one


@router.get("/search", response_model=SearchResults)
def search(
    store: StoreDep,
    q: SearchWords,
    filters: ArticleFilters,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> SearchResults:
    """Full-text search, best matches first, each with a snippet and the matched terms'
    offsets in it; filtered like `/articles`. The total is counted up to 1000."""
    offset = cursor_offset(cursor)
    hits = store.search(q, limit=limit + 1, offset=offset, filters=filters)
    more = len(hits) > limit
    if offset == 0 and not more:
        total, capped = len(hits), False
    else:
        total, capped = capped_total(len(search_ids(store, q, filters)))
    return SearchResults(
        query=q,
        items=[SearchHitOut(**hit.to_dict()) for hit in hits[:limit]],
        **page_fields(offset, limit, total, more, capped),
    )


def search_ids(store: Store, q: str, filters: ArticleFilter) -> list[str]:
    """The ids of up to TOTAL_CAP + 1 matches (to count them)."""
    return [hit.id for hit in store.search(q, limit=TOTAL_CAP + 1, filters=filters)]
