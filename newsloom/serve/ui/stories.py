"""The stories pages (`/stories`, `/stories/{id}`) and the article page's story panel.

`newest_stories` is what the dashboard's "Stories" card shows (wired by its owner).
"""

from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse

from newsloom.record import Article
from newsloom.serve.deps import StoreDep, require_read_access
from newsloom.serve.ui.render import render
from newsloom.store import Store
from newsloom.stories.records import ArticleStory, StorySummary

EVENT_FLOOR = 0.5

router = APIRouter(dependencies=[Depends(require_read_access)], include_in_schema=False)

STORIES_PAGE = 30
MAX_CURSOR_CHARS = 1000


def article_story(store: Store, article: Article) -> ArticleStory | None:
    """The article's story, what it copies and its copies (None before it was placed)."""
    return store.story_of(article.id) if article.id else None


def newest_stories(store: Store, limit: int = 10) -> list[StorySummary]:
    """The stories of more than one article with the most recent article first."""
    return store.stories(limit=limit).items


@router.get("/stories", response_class=HTMLResponse)
def stories_page(store: StoreDep, cursor: str = "", single: str = "") -> HTMLResponse:
    show_single = single == "1"
    try:
        page = store.stories(
            STORIES_PAGE, cursor[:MAX_CURSOR_CHARS] or None, shared_only=not show_single
        )
    except ValueError:
        page = store.stories(STORIES_PAGE, shared_only=not show_single)
    return render(
        "stories.html",
        page="stories",
        stories=page.items,
        next_cursor=page.next_cursor,
        single=show_single,
    )


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(store: StoreDep, story_id: str) -> HTMLResponse:
    detail = store.story(story_id)
    if detail is None:
        return render("not_found.html", 404, page="", what="story", key=story_id)
    titles = {a.id: a.title or "(untitled)" for a in detail.articles}
    # The same floor as the events page: the stage's low-confidence guesses stay in the API.
    shown = [e for e in detail.events if e.confidence >= EVENT_FLOOR]
    return render(
        "story.html",
        page="stories",
        detail=detail,
        titles=titles,
        events=shown,
        hidden=len(detail.events) - len(shown),
    )
