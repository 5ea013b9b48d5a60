"""The web UI's pages: dashboard, search, article, entities. Read-only, server-rendered."""

from __future__ import annotations

from collections import Counter
from urllib.parse import quote

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse

from newsloom.serve.api.paging import TOTAL_CAP
from newsloom.serve.deps import (
    SettingsDep,
    SignedIn,
    StoreDep,
    form_token,
    require_read_access,
)
from newsloom.serve.ui.highlight import (
    fact_anchors,
    fact_annotations,
    highlight_paragraphs,
    nothing_hidden,
)
from newsloom.serve.ui.lists import Notices, Pager, export_links
from newsloom.serve.ui.queries import (
    CHART_DAYS,
    MAX_SEARCH_PAGES,
    SEARCH_PAGE,
    SearchFilters,
    day_of,
    mentions_per_day,
    search,
    time_axis,
)
from newsloom.serve.ui.render import render
from newsloom.serve.ui.reviews import (
    CORRECTION_HINTS,
    ReviewForm,
    fact_rows,
    rejected_facts,
    wants_rejected,
)
from newsloom.serve.ui.stories import article_story, newest_stories
from newsloom.store.sql.reviews import ArticleReviews

router = APIRouter(dependencies=[Depends(require_read_access)], include_in_schema=False)

ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT")
ENTITIES_PAGE = 50


@router.get("/", response_class=HTMLResponse)
def dashboard(store: StoreDep) -> HTMLResponse:
    count = store.count_articles()
    days = store.articles_per_day(days=CHART_DAYS)
    undated = max(count - sum(n for _, n in days), 0)
    return render(
        "dashboard.html",
        page="dashboard",
        article_count=count,
        per_day=time_axis([*days, (None, undated)]),
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
    cursor: str = "",
) -> HTMLResponse:
    notices = Notices()
    filters = SearchFilters(
        q=q.strip()[:500],
        source=source[:200],
        language=language[:20],
        since=notices.day("since", since),
        until=notices.day("until", until),
        entity=entity[:200],
        place=place[:200],
        event_type=event_type[:40],
    )
    # A short or partial name finds the main entity it may mean, as in the API.
    resolved = store.resolve_entities(filters.entity) if filters.entity.strip() else []
    if resolved:
        filters.entity_id = resolved[0].id
    offset = min(notices.offset(cursor), (MAX_SEARCH_PAGES - 1) * SEARCH_PAGE)
    found = search(store, filters, page=offset // SEARCH_PAGE + 1)
    chosen = filters.store_filter()
    if filters.q:
        total = len(store.search(filters.q, limit=TOTAL_CAP + 1, filters=chosen))
    else:
        total = store.count_matching_articles(chosen)
    capped = bool(filters.q) and total > TOTAL_CAP
    params = filters.params()
    kind = "search" if filters.q else "articles"
    return render(
        "search.html",
        page="search",
        filters=filters,
        resolved_entity=resolved,
        results=found.results,
        facets=found.facets,
        total=min(total, TOTAL_CAP) if capped else total,
        capped=capped,
        pager=Pager(
            "/search",
            params,
            (found.number - 1) * SEARCH_PAGE,
            len(found.results),
            min(total, TOTAL_CAP) if capped else total,
            SEARCH_PAGE,
            capped=capped,
            more=found.has_next and found.number < MAX_SEARCH_PAGES,
        ),
        # The last page there is: more match than pages go (TOTAL_CAP), narrow to see them.
        depth_reached=found.has_next and found.number >= MAX_SEARCH_PAGES,
        exports=export_links(kind, params),
        notices=notices.messages,
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(
    store: StoreDep,
    settings: SettingsDep,
    analyst: SignedIn,
    article_id: str,
    include_rejected: str = "",
) -> HTMLResponse:
    """The article with its facts highlighted and listed, less those an analyst rejected
    unless `include_rejected`; a signed-in analyst reviews each fact (`ui.reviews`)."""
    article = store.get(article_id)
    if article is None:
        return render("not_found.html", 404, page="", what="article", key=article_id)
    showing = wants_rejected(include_rejected)
    reviews = ArticleReviews(store.reviews(article_id=article.id, limit=None))
    hidden = nothing_hidden if showing else reviews.hidden
    facts = fact_annotations(article, hidden)
    token = form_token(settings) if analyst else None
    return render(
        "article.html",
        page="article",
        article=article,
        paragraphs=highlight_paragraphs(article, hidden),
        fact_counts=Counter(a.kind for a in facts),
        anchors=fact_anchors(article, hidden),
        story=article_story(store, article),
        facts=fact_rows(article, reviews, showing),
        rejected=rejected_facts(article, reviews),
        include_rejected=showing,
        review=ReviewForm(article.id, token, showing, CORRECTION_HINTS) if token else None,
        can_sign_in=settings.token is not None,
    )


@router.get("/entities", response_class=HTMLResponse)
def entities_page(
    store: StoreDep, type: str = "", include_rejected: str = "", cursor: str = ""
) -> HTMLResponse:
    """Entities in most articles first; one whose every mention an analyst rejected is
    listed only when asked for (`include_rejected`)."""
    notices = Notices()
    kind = type if type in ENTITY_TYPES else None
    showing = wants_rejected(include_rejected)
    offset = notices.offset(cursor)
    rows = store.entities(kind, ENTITIES_PAGE, offset, showing)
    total = store.count_entities(kind, showing)
    params = {"type": kind or "", "include_rejected": "true" if showing else ""}
    return render(
        "entities.html",
        page="entities",
        entities=rows,
        pager=Pager("/entities", params, offset, len(rows), total),
        exports=export_links("entities", params),
        notices=notices.messages,
        type=kind or "",
        types=ENTITY_TYPES,
        include_rejected=showing,
    )


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(store: StoreDep, entity_id: str, cursor: str = "") -> HTMLResponse:
    """One entity by id, or the main entity (most mentions) a name or part of a name may
    mean, with the others it may mean; its articles paged by cursor."""
    notices = Notices()
    found = store.resolve_entities(entity_id)
    detail = store.entity(found[0].id) if found else None
    if detail is None:
        return render("not_found.html", 404, page="", what="entity", key=entity_id)
    main = detail.entity.id
    offset = notices.offset(cursor)
    articles = store.entity_articles(main, limit=ENTITIES_PAGE, offset=offset)
    total = store.count_entity_articles(main)
    ids = [ref.id for ref in detail.articles]
    return render(
        "entity.html",
        page="entities",
        detail=detail,
        did_you_mean=found[1:],
        asked=entity_id,
        articles=articles,
        pager=Pager(f"/entities/{quote(main, safe='')}", {}, offset, len(articles), total),
        exports=export_links("articles", {"entity": main}),
        notices=notices.messages,
        per_day=time_axis(mentions_per_day(store, main, ids)),
        day_of=day_of,
    )
