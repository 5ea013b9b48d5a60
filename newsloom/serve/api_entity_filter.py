"""`/api/articles?entity=`: the articles that mention one entity, paged and filtered.

The store has no entity filter on `list_articles` yet, so this pages over the
articles `Store.entity()` names (its most recent ones, up to the store's detail
limit) and applies the other filters here. The cursor is an offset into that list.
"""

from __future__ import annotations

import datetime as dt

from newsloom.record import Article
from newsloom.store import ArticleSummary, Page, Store

CURSOR_PREFIX = "e"


def entity_page(
    store: Store,
    entity: str,
    *,
    limit: int,
    cursor: str | None,
    source: str | None,
    language: str | None,
    since: dt.date | None,
    until: dt.date | None,
) -> Page[ArticleSummary]:
    """One page of the entity's articles, newest first; ValueError on a bad cursor."""
    offset = _decode(cursor)
    detail = store.entity(entity)
    if detail is None:
        return Page([])
    matching: list[ArticleSummary] = []
    for ref in detail.articles:
        article = store.get(ref.id)
        if article is not None and _passes(article, source, language, since, until):
            matching.append(_summary(article))
    items = matching[offset : offset + limit]
    more = offset + limit < len(matching)
    return Page(items, f"{CURSOR_PREFIX}{offset + limit}" if more else None)


def _decode(cursor: str | None) -> int:
    if cursor is None:
        return 0
    digits = cursor.removeprefix(CURSOR_PREFIX)
    if not cursor.startswith(CURSOR_PREFIX) or not digits.isascii() or not digits.isdigit():
        raise ValueError(f"invalid cursor for an entity listing: {cursor!r}")
    return int(digits)


def _day(value: dt.date | dt.datetime | None) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def _passes(
    article: Article,
    source: str | None,
    language: str | None,
    since: dt.date | None,
    until: dt.date | None,
) -> bool:
    day = _day(article.published)
    if source is not None and article.source != source:
        return False
    if language is not None and article.language != language:
        return False
    if since is not None and (day is None or day < since):
        return False
    return until is None or (day is not None and day <= until)


def _summary(article: Article) -> ArticleSummary:
    return ArticleSummary(
        id=article.id,
        title=article.title,
        url=article.url,
        published=article.published,
        source=article.source,
        site=article.site,
        language=article.language,
    )
