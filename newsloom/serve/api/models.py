"""Typed response models of the REST API, so /openapi.json describes every answer.

Dates are ISO 8601 strings (a date or a date-time, as the article gives it). Every fact
carries its evidence span (`start`, `end`: character offsets into the article's `text`)
and a `confidence`; every list item names the article it comes from (id, url, source,
published) so it can be cited.
"""

from __future__ import annotations

import dataclasses
import typing
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field, create_model

from newsloom.fact_kinds import fact_kinds
from newsloom.fact_shape import is_optional, json_types, non_optional
from newsloom.record import Quote
from newsloom.serve.api.paging import ListPage


class ArticleRefOut(BaseModel):
    """Enough of an article to cite it."""

    id: str
    url: str | None
    title: str | None
    published: str | None
    source: str | None = None


class ArticleSummaryOut(BaseModel):
    id: str
    title: str | None
    url: str | None
    published: str | None
    source: str | None
    site: str | None
    language: str | None


class ArticlePage(ListPage):
    items: list[ArticleSummaryOut]


class RelatedOut(BaseModel):
    title: str
    url: str | None


class RemovedOut(BaseModel):
    text: str
    reason: str


class ProvenanceOut(BaseModel):
    input: str
    reader: str
    locator: str


class ArticleFieldsOut(BaseModel):
    """The article JSON (`Article.to_dict()`) less its facts: see `article_model`."""

    id: str
    url: str | None
    canonical_url: str | None
    title: str | None
    published: str | None
    updated: str | None
    source: str | None
    site: str | None
    authors: list[str]
    credits: list[str]
    language: str | None
    paragraphs: list[str]
    text: str
    related: list[RelatedOut]
    removed: list[RemovedOut]
    provenance: list[ProvenanceOut]
    content_hash: str
    enrichment: str | None


_MODELS: dict[type[Any], type[BaseModel]] = {}


def model_of(record: type[Any]) -> type[BaseModel]:
    """The response model of a fact record, derived from its dataclass fields.

    Named `<Record>Out`; nested records get theirs, `X | None` stays optional, and the
    properties in `JSON_EXTRAS` (an entity's aliases) come after the fields, as in JSON.
    """
    if record in _MODELS:
        return _MODELS[record]
    fields: dict[str, Any] = {
        key: (_api_type(hint), ...) for key, hint in json_types(record).items()
    }
    model: type[BaseModel] = create_model(f"{record.__name__}Out", **fields)
    model.__doc__ = record.__doc__
    return _MODELS.setdefault(record, model)


def _api_type(hint: Any) -> Any:
    if is_optional(hint):
        return _api_type(non_optional(hint)) | None
    if typing.get_origin(hint) is list:
        (item,) = typing.get_args(hint)
        return list[_api_type(item)]  # type: ignore[misc]  # a type built at run time
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return model_of(hint)
    return hint


def article_model() -> type[BaseModel]:
    """The full article's response model: its fields plus one list per declared fact kind.

    Built when the app is, so every kind registered by then (`newsloom.fact_kinds`) is in
    /openapi.json and in the response.
    """
    facts: dict[str, Any] = {
        kind.key: (list[model_of(kind.record)], ...)  # type: ignore[misc]
        for kind in fact_kinds()
    }
    model: type[BaseModel] = create_model("ArticleOut", __base__=ArticleFieldsOut, **facts)
    model.__doc__ = (
        "The full article JSON (`Article.to_dict()`): offsets of every fact point into `text`."
    )
    return model


class SearchHitOut(BaseModel):
    id: str
    title: str | None
    url: str | None
    published: str | None
    source: str | None
    site: str | None = Field(default=None, description="The site's name (og:site_name).")
    language: str | None = None
    snippet: str = Field(description="Plain text around the matched terms; cuts marked with …")
    highlights: list[list[int]] = Field(
        default_factory=list,
        description="[start, end) offsets of each matched term inside `snippet`.",
    )
    score: float = Field(description="Higher is a better match.")


class SearchResults(ListPage):
    query: str
    items: list[SearchHitOut]


class EntitySummaryOut(BaseModel):
    id: str
    name: str
    type: str
    aliases: list[str]
    article_count: int
    mention_count: int


class EntityList(ListPage):
    items: list[EntitySummaryOut]


class RoleRecordOut(BaseModel):
    """A role the entity holds according to one article, with its evidence span there."""

    title: str
    of: str | None
    to: str | None
    text: str
    start: int
    end: int
    confidence: float
    article: ArticleRefOut


REVIEW_DOC = "An analyst's verdict on the fact: confirmed, rejected or corrected; null if none."
REVIEW_VALUE_DOC = "The corrected value, when the verdict is corrected."


if TYPE_CHECKING:  # built at run time from the Quote record; a model to the type checker
    QuoteRecordOut = BaseModel
else:
    QuoteRecordOut = create_model(
        "QuoteRecordOut",
        __base__=model_of(Quote),
        __doc__="A quote and the article it was found in (its offsets point into it).",
        article=(ArticleRefOut, ...),
        review=(str | None, Field(default=None, description=REVIEW_DOC)),
        review_value=(Any, Field(default=None, description=REVIEW_VALUE_DOC)),
    )


class QuoteList(ListPage):
    items: list[QuoteRecordOut]


class DayCount(BaseModel):
    day: str = Field(description="Publication day (YYYY-MM-DD).")
    articles: int = Field(description="Articles published that day that mention the entity.")
    mentions: int = Field(description="Mentions of the entity in those articles.")


class EntityDetailOut(EntitySummaryOut):
    roles: list[RoleRecordOut]
    articles: list[ArticleRefOut]
    mentions_over_time: list[DayCount] = Field(
        description="Per publication day, from the entity's most recent articles (oldest first)."
    )
    quotes_by: list[QuoteRecordOut]
    quotes_about: list[QuoteRecordOut]
    article_total: int = Field(
        default=0,
        description="All its articles (`articles` are the newest 100; page them"
        " at `/api/entities/{id}/articles`).",
    )
    did_you_mean: list[EntitySummaryOut] = Field(
        default_factory=list, description="Other entities the name asked for may mean."
    )


class EntityArticles(ListPage):
    entity_id: str
    items: list[ArticleRefOut]


class RunCountsOut(BaseModel):
    read: int
    stored: int
    unchanged: int
    merged: int
    updated: int
    pending: int
    dropped: dict[str, int]
    failed: dict[str, int]


class RunOut(BaseModel):
    id: int
    started: str
    finished: str | None
    status: str
    inputs: list[str]
    counts: RunCountsOut


class RunList(ListPage):
    items: list[RunOut]


class DropOut(BaseModel):
    input: str
    locator: str
    reader: str
    reason: str
    message: str
    run: int | None


class DropList(ListPage):
    items: list[DropOut]


class IngestResult(BaseModel):
    run_id: int
    input: str = Field(description="How the upload is named in provenance and runs.")
    counts: RunCountsOut
    article_ids: list[str] = Field(
        description="Ids of the articles stored, merged, updated or unchanged."
    )
