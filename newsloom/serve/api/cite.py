"""Read-only helpers that give API answers what they need to cite an article.

Some store records name an article without its source (`SearchHit`, `ArticleRef`,
`RoleRecord`); these helpers fill it in through the public `Store.get`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from newsloom.record import Article
from newsloom.serve.api.models import ArticleRefOut
from newsloom.store import ArticleRef, Store


def iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def ref_of_article(article: Article) -> ArticleRefOut:
    return ArticleRefOut(
        id=article.id,
        url=article.url,
        title=article.title,
        published=iso(article.published),
        source=article.source,
    )


def sources_of(store: Store, ids: Iterable[str]) -> dict[str, str | None]:
    """The source of each article id that is stored (one `get` per distinct id)."""
    sources: dict[str, str | None] = {}
    for article_id in ids:
        if article_id not in sources:
            article = store.get(article_id)
            sources[article_id] = article.source if article is not None else None
    return sources


def cite(ref: ArticleRef, sources: dict[str, str | None]) -> ArticleRefOut:
    return ArticleRefOut(
        id=ref.id,
        url=ref.url,
        title=ref.title,
        published=iso(ref.published),
        source=sources.get(ref.id),
    )
