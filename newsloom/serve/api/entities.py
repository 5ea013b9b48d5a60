"""`/api/entities`, `/api/entities/{id_or_name}` (with its articles paged under
`/articles`) and `/api/quotes`.

A name that is no entity id resolves to the main entity it may mean (most mentions):
`/api/entities/Quenby` is "Tilda Quenby"; the others it may mean are `did_you_mean`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from fastapi import APIRouter, HTTPException, status

from newsloom.record import Article
from newsloom.serve.api.cite import (
    FactKey,
    cite,
    ref_of_article,
    review_fields,
    reviews_of,
    sources_of,
)
from newsloom.serve.api.filters import EntityType, IncludeRejected, QuoteFilters
from newsloom.serve.api.models import (
    ArticleRefOut,
    DayCount,
    EntityArticles,
    EntityDetailOut,
    EntityList,
    EntitySummaryOut,
    QuoteList,
    QuoteRecordOut,
    RoleRecordOut,
)
from newsloom.serve.api.paging import DEFAULT_LIMIT, Cursor, Limit, cursor_offset, page_fields
from newsloom.serve.deps import StoreDep
from newsloom.store import EntityDetail, EntitySummary, QuoteRecord, Store
from newsloom.store.sql.analyst import QuoteHit
from newsloom.store.sql.reviews import Review

router = APIRouter(tags=["facts"])


@router.get("/entities", response_model=EntityList)
def list_entities(
    store: StoreDep,
    type: EntityType = None,
    include_rejected: IncludeRejected = False,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> EntityList:
    """Entities over the whole corpus, in most articles first; one whose every mention an
    analyst rejected is left out unless `include_rejected` (the counts are the machine's)."""
    offset = cursor_offset(cursor)
    # One more than asked tells whether a next page exists.
    kind = type or None
    found = store.entities(kind, limit + 1, offset, include_rejected)
    total = store.count_entities(kind, include_rejected)
    return EntityList(
        items=[EntitySummaryOut(**e.to_dict()) for e in found[:limit]],
        **page_fields(offset, limit, total, len(found) > limit),
    )


def resolve(store: Store, id_or_name: str) -> tuple[str, list[EntitySummary]] | None:
    """(the main entity's id, the others the name may mean) or None."""
    found = store.resolve_entities(id_or_name)
    if not found:
        return None
    return found[0].id, found[1:]


@router.get(
    "/entities/{id_or_name}",
    response_model=EntityDetailOut,
    responses={404: {"description": "No entity with this id, name or alias."}},
)
def get_entity(store: StoreDep, id_or_name: str) -> EntityDetailOut:
    """One entity by id, or the main entity (most mentions) a name, alias or part of a
    name may mean: roles, its newest articles, mentions per day, quotes by and about;
    `did_you_mean` lists the other entities the name may mean."""
    resolved = resolve(store, id_or_name)
    detail = store.entity(resolved[0]) if resolved else None
    if resolved is None or detail is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no entity named {id_or_name!r}")
    out = entity_detail_out(store, detail)
    out.did_you_mean = [EntitySummaryOut(**e.to_dict()) for e in resolved[1]]
    out.article_total = store.count_entity_articles(detail.entity.id)
    return out


@router.get(
    "/entities/{id_or_name}/articles",
    response_model=EntityArticles,
    responses={404: {"description": "No entity with this id, name or alias."}},
)
def entity_articles(
    store: StoreDep, id_or_name: str, limit: Limit = DEFAULT_LIMIT, cursor: Cursor = None
) -> EntityArticles:
    """Every article naming the entity, newest first."""
    resolved = resolve(store, id_or_name)
    if resolved is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no entity named {id_or_name!r}")
    offset = cursor_offset(cursor)
    refs = store.entity_articles(resolved[0], limit=limit + 1, offset=offset)
    sources = sources_of(store, (ref.id for ref in refs[:limit]))
    return EntityArticles(
        entity_id=resolved[0],
        items=[cite(ref, sources) for ref in refs[:limit]],
        **page_fields(offset, limit, store.count_entity_articles(resolved[0]), len(refs) > limit),
    )


def entity_detail_out(store: Store, detail: EntityDetail) -> EntityDetailOut:
    articles = {ref.id: store.get(ref.id) for ref in detail.articles}
    refs = {
        article_id: ref_of_article(article)
        for article_id, article in articles.items()
        if article is not None
    }
    for role in detail.roles:
        if role.article_id not in refs:
            article = store.get(role.article_id)
            if article is not None:
                refs[role.article_id] = ref_of_article(article)
    roles = [
        RoleRecordOut(
            **{k: v for k, v in role.to_dict().items() if k != "article_id"},
            article=refs.get(role.article_id) or _unknown(role.article_id),
        )
        for role in detail.roles
    ]
    return EntityDetailOut(
        **detail.entity.to_dict(),
        roles=roles,
        articles=[refs.get(ref.id) or cite(ref, {}) for ref in detail.articles],
        mentions_over_time=mentions_over_time(detail.entity.id, articles.values()),
        quotes_by=quote_records(store, detail.quotes_by),
        quotes_about=quote_records(store, detail.quotes_about),
    )


def mentions_over_time(entity_id: str, articles: Iterable[Article | None]) -> list[DayCount]:
    """Per publication day: articles that mention the entity and their mention count."""
    article_days: Counter[str] = Counter()
    mention_days: Counter[str] = Counter()
    for article in articles:
        if article is None or article.published is None:
            continue
        day = _day(article.published).isoformat()
        article_days[day] += 1
        mention_days[day] += sum(
            len(entity.mentions) for entity in article.entities if entity.id == entity_id
        )
    return [
        DayCount(day=day, articles=article_days[day], mentions=mention_days[day])
        for day in sorted(article_days)
    ]


def _day(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _unknown(article_id: str) -> ArticleRefOut:
    return ArticleRefOut(id=article_id, url=None, title=None, published=None)


def quote_records(store: Store, records: list[QuoteRecord]) -> list[QuoteRecordOut]:
    sources = sources_of(store, (record.article.id for record in records))
    reviews = quote_reviews(store, records)
    return [
        QuoteRecordOut(
            **record.quote.to_dict(),
            article=cite(record.article, sources),
            **review_fields(reviews.get(quote_key(record))),
        )
        for record in records
    ]


def quote_key(record: QuoteRecord) -> FactKey:
    return (record.article.id, record.quote.start, record.quote.end)


def quote_reviews(store: Store, records: list[QuoteRecord]) -> dict[FactKey, Review]:
    return reviews_of(store, "quote", (quote_key(record) for record in records))


@router.get("/quotes", response_model=QuoteList)
def list_quotes(
    store: StoreDep, filters: QuoteFilters, limit: Limit = DEFAULT_LIMIT, cursor: Cursor = None
) -> QuoteList:
    """Quotes with their article and evidence span, newest article first; `speaker` and
    `about` take a short name too (the main entity it may mean)."""
    offset = cursor_offset(cursor)
    hits = store.find_quotes(filters, limit=limit + 1, offset=offset)
    reviews = quote_reviews(store, [hit.record for hit in hits[:limit]])
    return QuoteList(
        items=[quote_hit_out(hit, reviews) for hit in hits[:limit]],
        **page_fields(offset, limit, store.count_quotes(filters), len(hits) > limit),
    )


def quote_hit_out(hit: QuoteHit, reviews: dict[FactKey, Review]) -> QuoteRecordOut:
    return QuoteRecordOut(
        **hit.record.quote.to_dict(),
        article=cite(hit.record.article, {hit.record.article.id: hit.source}),
        **review_fields(reviews.get(quote_key(hit.record))),
    )
