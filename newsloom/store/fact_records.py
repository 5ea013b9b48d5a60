"""What the store answers about enrichment facts: entities, roles and quotes over the corpus.

Plain dataclasses with `to_dict()` for JSON output, shared by every backend. A quote
comes with the article it was found in (id, url, title, published) so it can be cited.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from newsloom.record import Article, Quote


def alias_key(text: str) -> str:
    """The lookup form of a name or alias: NFKC, case-folded, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def facts_fingerprint(article: Article) -> str:
    """A digest of everything enrichment set on the article (status and facts).

    Two saves of the same text with equal fingerprints carry the same facts, so the
    second one has nothing to refresh.
    """
    record = article.to_dict()
    facts = {key: record[key] for key in ("enrichment", "entities", "quotes", "times")}
    # Added in schema 6/7: counted only when present, so older fingerprints stay valid.
    facts.update({key: record[key] for key in ("places", "events") if record[key]})
    encoded = json.dumps(facts, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass(slots=True, frozen=True)
class EntitySummary:
    """One canonical entity over the whole corpus."""

    id: str
    name: str
    type: str
    aliases: list[str]
    article_count: int
    mention_count: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "aliases": list(self.aliases),
            "article_count": self.article_count,
            "mention_count": self.mention_count,
        }


@dataclass(slots=True, frozen=True)
class RoleRecord:
    """A role an entity holds according to one article, with its evidence span there."""

    article_id: str
    title: str
    of: str | None
    to: str | None
    text: str
    start: int
    end: int
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "title": self.title,
            "of": self.of,
            "to": self.to,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "confidence": round(self.confidence, 3),
        }


@dataclass(slots=True, frozen=True)
class ArticleRef:
    """Enough of an article to cite it."""

    id: str
    url: str | None
    title: str | None
    published: dt.date | dt.datetime | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "url": self.url,
            "title": self.title,
            "published": _iso(self.published),
        }


@dataclass(slots=True, frozen=True)
class QuoteRecord:
    """A stored quote and the article it comes from (offsets point into that article)."""

    quote: Quote
    article: ArticleRef

    def to_dict(self) -> dict[str, Any]:
        return {**self.quote.to_dict(), "article": self.article.to_dict()}


@dataclass(slots=True, frozen=True)
class EntityDetail:
    """Everything the store knows about one entity.

    `quotes_by` are quotes whose `speaker_id` is the entity; `quotes_about` are other
    quotes, in articles that mention the entity, whose text mentions it (one of its
    mentions lies inside the quote's span, or the quote names one of its aliases).
    """

    entity: EntitySummary
    roles: list[RoleRecord] = field(default_factory=list)
    articles: list[ArticleRef] = field(default_factory=list)
    quotes_by: list[QuoteRecord] = field(default_factory=list)
    quotes_about: list[QuoteRecord] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.entity.to_dict(),
            "roles": [role.to_dict() for role in self.roles],
            "articles": [article.to_dict() for article in self.articles],
            "quotes_by": [quote.to_dict() for quote in self.quotes_by],
            "quotes_about": [quote.to_dict() for quote in self.quotes_about],
        }
