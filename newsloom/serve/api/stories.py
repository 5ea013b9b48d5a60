"""`/api/stories` (newest first, cursor pages, filters), `/api/stories/{id}` and
`/api/articles/{id}/story` (an article's story, the article it copies and its copies)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, status
from pydantic import BaseModel, Field

from newsloom.serve.api.filters import main_entity
from newsloom.serve.api.paging import (
    DEFAULT_LIMIT,
    TOTAL_CAP,
    Day,
    KeyCursor,
    Limit,
    ListPage,
    api_cursor,
    capped_total,
    parse_day,
    store_cursor,
)
from newsloom.serve.deps import StoreDep

router = APIRouter(tags=["stories"])


class StorySummaryOut(BaseModel):
    id: str = Field(description="The story's id: the id of its first article.")
    title: str | None = Field(description="The first article's headline.")
    first_published: str | None
    last_published: str | None
    article_count: int
    source_count: int = Field(description="Distinct publishers (site, else URL host).")


class StoryArticleOut(BaseModel):
    id: str
    title: str | None
    url: str | None
    source: str | None
    site: str | None
    published: str | None
    copy_of: str | None = Field(description="The article this one is a syndicated copy of.")
    similarity: float = Field(description="Strongest link to another member (1.0 alone).")


class StoryEventOut(BaseModel):
    article_id: str
    position: int
    type: str
    date: str | None
    place_id: str | None
    confidence: float
    record: dict[str, Any]
    also_in: list[str] = Field(
        default_factory=list, description="Other articles of the story reporting it."
    )


class StoryPage(ListPage):
    items: list[StorySummaryOut]


class StoryOut(StorySummaryOut):
    articles: list[StoryArticleOut] = Field(description="In time order, undated last.")
    events: list[StoryEventOut]


class ArticleStoryOut(BaseModel):
    article_id: str
    story: StorySummaryOut
    copy_of: StoryArticleOut | None
    copies: list[StoryArticleOut] = Field(description="Other copies of the same original.")
    others: list[StoryArticleOut] = Field(description="Other articles about the same event.")


@router.get("/stories", response_model=StoryPage)
def list_stories(
    store: StoreDep,
    limit: Limit = DEFAULT_LIMIT,
    cursor: KeyCursor = None,
    since: Day = None,
    until: Day = None,
    source: Annotated[str | None, Query(max_length=200, description="Source or site.")] = None,
    entity: Annotated[
        str | None, Query(max_length=200, description="An entity id or name.")
    ] = None,
    single: Annotated[bool, Query(description="Include one-article stories.")] = False,
) -> StoryPage:
    """Stories with the most recent article first; by default only those of 2+ articles.
    `since` keeps stories whose last article is on or after it, `until` those whose first
    is on or before it. The total is counted up to 1000."""
    options: dict[str, Any] = {
        "since": parse_day("since", since),
        "until": parse_day("until", until),
        "source": source or None,
        "entity": main_entity(store, entity),
        "shared_only": not single,
    }
    page = store.stories(limit, store_cursor(cursor), **options)
    if cursor is None and page.next_cursor is None:
        total, capped = len(page.items), False
    else:
        total, capped = capped_total(len(store.stories(TOTAL_CAP + 1, **options).items))
    return StoryPage(
        items=[StorySummaryOut(**s.to_dict()) for s in page.items],
        total=total,
        total_capped=capped,
        limit=limit,
        next_cursor=api_cursor(page.next_cursor),
    )


@router.get(
    "/stories/{story_id}",
    response_model=StoryOut,
    responses={404: {"description": "No story with this id."}},
)
def get_story(store: StoreDep, story_id: str) -> dict[str, Any]:
    """One story: its articles across sources in time order, and their coded events."""
    detail = store.story(story_id)
    if detail is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no story with id {story_id!r}")
    return detail.to_dict()


@router.get(
    "/articles/{article_id}/story",
    response_model=ArticleStoryOut,
    responses={404: {"description": "No article with this id, or it has no story yet."}},
)
def get_article_story(store: StoreDep, article_id: str) -> dict[str, Any]:
    """The article's story, the article it is a copy of, its fellow copies and the others."""
    placed = store.story_of(article_id)
    if placed is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no story for article {article_id!r}")
    return placed.to_dict()
