"""`/api/entities`, `/api/entities/{id_or_name}` and `/api/quotes`."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, status

from newsloom.record import Article
from newsloom.serve.api.cite import cite, ref_of_article, sources_of
from newsloom.serve.api.models import (
    ArticleRefOut,
    DayCount,
    EntityDetailOut,
    EntityList,
    EntitySummaryOut,
    QuoteList,
    QuoteRecordOut,
    RoleRecordOut,
)
from newsloom.serve.deps import StoreDep
from newsloom.store import EntityDetail, QuoteRecord, Store

router = APIRouter(tags=["facts"])

MAX_LIMIT = 100
MAX_OFFSET = 1_000_000

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"At most {MAX_LIMIT}.")]


@router.get("/entities", response_model=EntityList)
def list_entities(
    store: StoreDep,
    type: Annotated[str | None, Query(max_length=40, description="PERSON, ORG, GPE, ...")] = None,
    limit: Limit = 20,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> EntityList:
    """Entities over the whole corpus, in most articles first."""
    # One more than asked tells whether a next page exists.
    found = store.entities(type=type or None, limit=limit + 1, offset=offset)
    return EntityList(
        items=[EntitySummaryOut(**e.to_dict()) for e in found[:limit]],
        limit=limit,
        offset=offset,
        next_offset=offset + limit if len(found) > limit else None,
    )


@router.get(
    "/entities/{id_or_name}",
    response_model=EntityDetailOut,
    responses={404: {"description": "No entity with this id, name or alias."}},
)
def get_entity(store: StoreDep, id_or_name: str) -> EntityDetailOut:
    """One entity by id, name or alias: roles, articles, mentions per day, quotes by and about."""
    detail = store.entity(id_or_name)
    if detail is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no entity named {id_or_name!r}")
    return entity_detail_out(store, detail)


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
    return [
        QuoteRecordOut(**record.quote.to_dict(), article=cite(record.article, sources))
        for record in records
    ]


@router.get("/quotes", response_model=QuoteList)
def list_quotes(
    store: StoreDep,
    speaker: Annotated[
        str | None, Query(max_length=200, description="Any name of the speaker.")
    ] = None,
    since: Annotated[
        dt.date | None, Query(description="The quote's date, else its article's day.")
    ] = None,
    limit: Limit = 20,
) -> QuoteList:
    """Quotes with their article and evidence span, newest first."""
    return QuoteList(
        items=quote_records(store, store.quotes(speaker=speaker, since=since, limit=limit))
    )
