"""Reviews of facts (issue 11, item 5): `POST /api/reviews` (token needed) keeps an
analyst's verdict on one fact, `GET /api/reviews` lists them (paged like every list) and
`GET /api/export/reviews` streams them all as evaluation data.

A review names its fact by article, kind and evidence span (`start`, `end` in the
article's text; an event's trigger word, an entity's mention), so it outlives
`newsloom enrich` and re-ingest (`newsloom.store.sql.reviews`). Rejected facts are hidden
from the article view (`/api/articles/{id}`, which lists the article's reviews), the
quote, event, place and entity lists and their exports unless `include_rejected=true`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, status
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from newsloom.record import Article
from newsloom.serve import exports
from newsloom.serve.api.paging import (
    DEFAULT_LIMIT,
    Cursor,
    Limit,
    ListPage,
    cursor_offset,
    page_fields,
)
from newsloom.serve.deps import StoreDep, require_write_token
from newsloom.store.sql.reviews import ArticleReviews, Review

router = APIRouter(tags=["reviews"])
write_router = APIRouter(tags=["reviews"])

Kind = Literal["entity", "role", "quote", "time", "place", "event"]
Verdict = Literal["confirmed", "rejected", "corrected"]


class ReviewIn(BaseModel):
    article_id: str = Field(min_length=1, max_length=200)
    kind: Kind
    start: int = Field(
        ge=0, description="Where the fact starts in the text (an event: its trigger word)."
    )
    end: int = Field(ge=0, description="Where it ends (an event: its trigger word's end).")
    verdict: Verdict
    value: Any = Field(default=None, description="The corrected value (needed for corrected).")
    comment: str | None = Field(default=None, max_length=4000)
    reviewer: str | None = Field(default=None, max_length=200)


class ReviewOut(BaseModel):
    article_id: str
    kind: str
    start: int
    end: int
    verdict: str
    value: Any = None
    comment: str | None = None
    reviewer: str | None = None
    created: str


class ReviewList(ListPage):
    items: list[ReviewOut]


def review_out(review: Review) -> ReviewOut:
    return ReviewOut(**review.to_dict())


@write_router.post(
    "/reviews",
    response_model=ReviewOut,
    dependencies=[Depends(require_write_token)],
    responses={
        400: {"description": "The body is not JSON."},
        401: {"description": "No valid token."},
        404: {"description": "No article with this id."},
    },
)
def save_review(store: StoreDep, body: ReviewIn) -> ReviewOut:
    """Confirm, reject or correct one fact of an article (replacing its earlier review)."""
    if store.get(body.article_id) is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no article with id {body.article_id!r}")
    try:
        review = Review(**body.model_dump())
    except ValueError as error:
        raise HTTPException(422, str(error)) from error
    return review_out(store.save_review(review))


ReviewKind = Annotated[Kind | None, Query(description="Only reviews of this kind of fact.")]
ReviewVerdict = Annotated[Verdict | None, Query(description="Only reviews with this verdict.")]


@router.get("/reviews", response_model=ReviewList)
def list_reviews(
    store: StoreDep,
    article_id: Annotated[str | None, Query(max_length=200)] = None,
    kind: ReviewKind = None,
    verdict: ReviewVerdict = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> ReviewList:
    """Reviews, newest first."""
    offset = cursor_offset(cursor)
    found = store.reviews(article_id, kind, verdict, limit=limit + 1, offset=offset)
    total = store.count_reviews(article_id, kind, verdict)
    return ReviewList(
        items=[review_out(r) for r in found[:limit]],
        **page_fields(offset, limit, total, len(found) > limit),
    )


@router.get("/export/reviews", response_class=StreamingResponse)
def export_reviews(
    store: StoreDep,
    kind: ReviewKind = None,
    verdict: ReviewVerdict = None,
    fmt: Annotated[exports.Format, Query(alias="format")] = "csv",
) -> StreamingResponse:
    """Every review (of this kind, with this verdict), newest first: evaluation data."""
    from newsloom.serve.api.export import stream

    rows = exports.review_rows(store, kind, verdict)
    return stream(exports.Export("reviews", exports.REVIEW_COLUMNS, rows), fmt)


def article_with_reviews(
    article: Article, reviews: list[Review], include_rejected: bool
) -> dict[str, Any]:
    """The article's JSON less its rejected facts (unless `include_rejected`: see
    `ArticleReviews.visible`), with its reviews under `reviews`."""
    reviewed = ArticleReviews(reviews)
    shown = article if include_rejected else reviewed.visible(article)
    return {**shown.to_dict(), "reviews": [r.to_dict() for r in reviewed.reviews]}
