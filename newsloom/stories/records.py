"""What the store returns about stories: plain dataclasses with `to_dict()` for JSON."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass(slots=True, frozen=True)
class StorySummary:
    """One story: named after its first article, with its date range and counts."""

    id: str
    title: str | None
    first_published: dt.date | dt.datetime | None
    last_published: dt.date | dt.datetime | None
    article_count: int
    source_count: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "first_published": _iso(self.first_published),
            "last_published": _iso(self.last_published),
            "article_count": self.article_count,
            "source_count": self.source_count,
        }


@dataclass(slots=True, frozen=True)
class StoryArticle:
    """One article of a story; `copy_of` is the article it is a syndicated copy of."""

    id: str
    title: str | None
    url: str | None
    source: str | None
    site: str | None
    published: dt.date | dt.datetime | None
    copy_of: str | None
    similarity: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "source": self.source,
            "site": self.site,
            "published": _iso(self.published),
            "copy_of": self.copy_of,
            "similarity": self.similarity,
        }


@dataclass(slots=True, frozen=True)
class StoryEvent:
    """A coded event of one of the story's articles (the events table's row)."""

    article_id: str
    position: int
    type: str
    date: str | None
    place_id: str | None
    confidence: float
    record: dict[str, Any] = field(default_factory=dict)
    # Other articles of the story that report the same event (copies, follow-ups).
    also_in: tuple[str, ...] = ()

    def key(self) -> tuple[str, str, str, str, str]:
        """What makes two reports one event: type, date, trigger and both actors' words."""

        def actor(name: str) -> str:
            value = self.record.get(name)
            return str(value.get("text", "")).casefold() if isinstance(value, dict) else ""

        trigger = str(self.record.get("trigger", "")).casefold()
        return (self.type, self.date or "", trigger, actor("source"), actor("target"))

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "position": self.position,
            "type": self.type,
            "date": self.date,
            "place_id": self.place_id,
            "confidence": self.confidence,
            "record": self.record,
            "also_in": list(self.also_in),
        }


@dataclass(slots=True, frozen=True)
class StoryDetail:
    """A story with its articles in time order (undated last) and their events."""

    story: StorySummary
    articles: list[StoryArticle]
    events: list[StoryEvent]

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.story.to_dict(),
            "articles": [a.to_dict() for a in self.articles],
            "events": [e.to_dict() for e in self.events],
        }


@dataclass(slots=True, frozen=True)
class ArticleStory:
    """One article's place in its story: what it copies, its copies, the other members."""

    article_id: str
    story: StorySummary
    copy_of: StoryArticle | None
    copies: list[StoryArticle]
    others: list[StoryArticle]

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "story": self.story.to_dict(),
            "copy_of": self.copy_of.to_dict() if self.copy_of else None,
            "copies": [a.to_dict() for a in self.copies],
            "others": [a.to_dict() for a in self.others],
        }
