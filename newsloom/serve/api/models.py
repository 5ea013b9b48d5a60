"""Typed response models of the REST API, so /openapi.json describes every answer.

Dates are ISO 8601 strings (a date or a date-time, as the article gives it). Every fact
carries its evidence span (`start`, `end`: character offsets into the article's `text`)
and a `confidence`; every list item names the article it comes from (id, url, source,
published) so it can be cited.
"""

from __future__ import annotations

from pydantic import BaseModel, Field


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


class ArticlePage(BaseModel):
    items: list[ArticleSummaryOut]
    next_cursor: str | None = Field(
        None, description="Pass back as `cursor` for the next page; null on the last page."
    )


class MentionOut(BaseModel):
    text: str
    start: int
    end: int
    confidence: float


class RoleOut(BaseModel):
    title: str
    of: str | None
    to: str | None
    text: str
    start: int
    end: int
    confidence: float


class EntityOut(BaseModel):
    id: str
    name: str
    type: str
    aliases: list[str]
    roles: list[RoleOut]
    mentions: list[MentionOut]
    confidence: float


class QuoteOut(BaseModel):
    text: str
    kind: str
    cue: str | None
    speaker: str | None
    speaker_id: str | None
    channel: str | None
    date: str | None
    start: int
    end: int
    confidence: float
    speaker_span: list[int] | None
    cue_span: list[int] | None


class TimeOut(BaseModel):
    text: str
    value: str
    type: str
    start: int
    end: int
    confidence: float


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


class ArticleOut(BaseModel):
    """The full article JSON (`Article.to_dict()`): offsets of every fact point into `text`."""

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
    entities: list[EntityOut]
    quotes: list[QuoteOut]
    times: list[TimeOut]


class SearchHitOut(BaseModel):
    id: str
    title: str | None
    url: str | None
    published: str | None
    source: str | None
    language: str | None = None
    snippet: str = Field(description="Plain text around the matched terms; cuts marked with …")
    highlights: list[list[int]] = Field(
        default_factory=list,
        description="[start, end) offsets of each matched term inside `snippet`.",
    )
    score: float = Field(description="Higher is a better match.")


class SearchResults(BaseModel):
    query: str
    items: list[SearchHitOut]
    next_cursor: str | None = Field(
        default=None, description="Pass as `cursor` for the next page; null on the last."
    )


class EntitySummaryOut(BaseModel):
    id: str
    name: str
    type: str
    aliases: list[str]
    article_count: int
    mention_count: int


class EntityList(BaseModel):
    items: list[EntitySummaryOut]
    limit: int
    offset: int
    next_offset: int | None = Field(None, description="Pass as `offset` for the next page.")


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


class QuoteRecordOut(QuoteOut):
    """A quote and the article it was found in (its offsets point into that article)."""

    article: ArticleRefOut


class QuoteList(BaseModel):
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


class RunList(BaseModel):
    items: list[RunOut]


class DropOut(BaseModel):
    input: str
    locator: str
    reader: str
    reason: str
    message: str
    run: int | None


class DropList(BaseModel):
    items: list[DropOut]


class IngestResult(BaseModel):
    run_id: int
    input: str = Field(description="How the upload is named in provenance and runs.")
    counts: RunCountsOut
    article_ids: list[str] = Field(
        description="Ids of the articles stored, merged, updated or unchanged."
    )
