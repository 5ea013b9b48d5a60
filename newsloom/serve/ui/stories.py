"""The stories pages (`/stories`, `/stories/{id}`) and the article page's story panel.

`newest_stories` is what the dashboard's "Stories" card shows (wired by its owner).
"""

from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse

from newsloom.record import Article
from newsloom.serve.api.paging import TOTAL_CAP, capped_total
from newsloom.serve.deps import StoreDep, require_read_access
from newsloom.serve.ui.lists import PAGE_SIZE, Notices, Pager
from newsloom.serve.ui.render import render
from newsloom.store import Store
from newsloom.stories.records import ArticleStory, StorySummary

EVENT_FLOOR = 0.5

router = APIRouter(dependencies=[Depends(require_read_access)], include_in_schema=False)


def article_story(store: Store, article: Article) -> ArticleStory | None:
    """The article's story, what it copies and its copies (None before it was placed)."""
    return store.story_of(article.id) if article.id else None


def newest_stories(store: Store, limit: int = 10) -> list[StorySummary]:
    """The stories of more than one article with the most recent article first."""
    return store.stories(limit=limit).items


@router.get("/stories", response_class=HTMLResponse)
def stories_page(store: StoreDep, cursor: str = "", single: str = "") -> HTMLResponse:
    """Stories newest first, paged like every list (`cursor=o50`, the total counted up to
    TOTAL_CAP as the API counts it)."""
    notices = Notices()
    show_single = single == "1"
    offset = notices.offset(cursor)
    # Read up to the page's end and one more, to know whether a page follows.
    read = store.stories(offset + PAGE_SIZE + 1, shared_only=not show_single).items
    shown = read[offset : offset + PAGE_SIZE]
    if offset == 0 and len(read) <= PAGE_SIZE:
        total, capped = len(read), False
    else:
        counted = store.stories(TOTAL_CAP + 1, shared_only=not show_single).items
        total, capped = capped_total(len(counted))
    params = {"single": "1" if show_single else ""}
    return render(
        "stories.html",
        page="stories",
        stories=shown,
        single=show_single,
        total=total,
        capped=capped,
        pager=Pager(
            "/stories",
            params,
            offset,
            len(shown),
            total,
            capped=capped,
            more=len(read) > offset + PAGE_SIZE,
        ),
        notices=notices.messages,
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
