"""The web UI's pages: dashboard, search, article, entities. Read-only, server-rendered."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse

from newsloom.serve.deps import StoreDep, require_read_access
from newsloom.serve.ui.highlight import fact_annotations, highlight_paragraphs
from newsloom.serve.ui.queries import (
    SearchFilters,
    day_of,
    mentions_per_day,
    search,
)
from newsloom.serve.ui.render import render
from newsloom.serve.ui.stories import article_story, newest_stories

router = APIRouter(dependencies=[Depends(require_read_access)], include_in_schema=False)

ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT")
ENTITIES_PAGE = 50


def parse_day(value: str) -> dt.date | None:
    """A YYYY-MM-DD form value, or None when it is empty or not a date."""
    try:
        return dt.date.fromisoformat(value.strip()) if value.strip() else None
    except ValueError:
        return None


@router.get("/", response_class=HTMLResponse)
def dashboard(store: StoreDep) -> HTMLResponse:
    return render(
        "dashboard.html",
        page="dashboard",
        article_count=store.count_articles(),
        per_day=store.articles_per_day(),
        top_entities=store.entities(limit=10),
        newest=store.list_articles(limit=10).items,
        stories=newest_stories(store, limit=8),
        runs=store.runs(limit=10),
    )


@router.get("/search", response_class=HTMLResponse)
def search_page(
    store: StoreDep,
    q: str = "",
    source: str = "",
    language: str = "",
    since: str = "",
    until: str = "",
    entity: str = "",
    place: str = "",
    event_type: str = "",
    page: str = "1",
) -> HTMLResponse:
    filters = SearchFilters(
        q=q.strip()[:500],
        source=source[:200],
        language=language[:20],
        since=parse_day(since),
        until=parse_day(until),
        entity=entity[:200],
        place=place[:200],
        event_type=event_type[:40],
    )
    number = int(page) if page.isascii() and page.isdigit() and len(page) < 6 else 1
    found = search(store, filters, page=number)
    return render(
        "search.html",
        page="search",
        filters=filters,
        results=found.results,
        facets=found.facets,
        number=found.number,
        has_next=found.has_next,
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(store: StoreDep, article_id: str) -> HTMLResponse:
    article = store.get(article_id)
    if article is None:
        return render("not_found.html", 404, page="", what="article", key=article_id)
    facts = fact_annotations(article)
    return render(
        "article.html",
        page="article",
        article=article,
        paragraphs=highlight_paragraphs(article),
        fact_counts=Counter(a.kind for a in facts),
        story=article_story(store, article),
    )


MAX_ENTITY_PAGES = 10_000


@router.get("/entities", response_class=HTMLResponse)
def entities_page(store: StoreDep, type: str = "", page: int = 1) -> HTMLResponse:
    kind = type if type in ENTITY_TYPES else None
    number = min(max(page, 1), MAX_ENTITY_PAGES)  # SQLite offsets are 64-bit
    rows = store.entities(type=kind, limit=ENTITIES_PAGE + 1, offset=(number - 1) * ENTITIES_PAGE)
    return render(
        "entities.html",
        page="entities",
        entities=rows[:ENTITIES_PAGE],
        has_next=len(rows) > ENTITIES_PAGE,
        number=number,
        type=kind or "",
        types=ENTITY_TYPES,
    )


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(store: StoreDep, entity_id: str) -> HTMLResponse:
    detail = store.entity(entity_id)
    if detail is None:
        return render("not_found.html", 404, page="", what="entity", key=entity_id)
    ids = [ref.id for ref in detail.articles]
    return render(
        "entity.html",
        page="entities",
        detail=detail,
        per_day=mentions_per_day(store, detail.entity.id, ids),
        day_of=day_of,
    )
