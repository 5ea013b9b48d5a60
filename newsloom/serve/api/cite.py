"""Read-only helpers that give API answers what they need to cite an article.

Some store records name an article without its source (`SearchHit`, `ArticleRef`,
`RoleRecord`); these helpers fill it in through the public `Store.get`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from newsloom.record import Article
from newsloom.serve.api.models import ArticleRefOut
from newsloom.store import ArticleRef, Store
from newsloom.store.sql.reviews import Review

# A fact as a review names it: article id, start, end (an event: its trigger word).
FactKey = tuple[str, int, int]


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


def reviews_of(store: Store, kind: str, facts: Iterable[FactKey]) -> dict[FactKey, Review]:
    """The review of each listed fact of `kind` that has one (one read for the page)."""
    wanted = set(facts)
    found = store.reviews_for(sorted({article_id for article_id, _, _ in wanted}), kind)
    return {key: r for r in found if (key := (r.article_id, r.start, r.end)) in wanted}


def review_fields(review: Review | None) -> dict[str, Any]:
    """A listed fact's `review` and `review_value` (None when unreviewed)."""
    if review is None:
        return {}
    return {"review": review.verdict, "review_value": review.value}
