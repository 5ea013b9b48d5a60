"""Article <-> flat row conversion shared by every backend (no SQL here).

Lists (authors, credits, paragraphs, related, removed) are stored as compact JSON
text; dates keep their ISO form so a bare date stays a date on the way back.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from dataclasses import fields
from typing import Any

from newsloom.record import (
    Article,
    Provenance,
    RelatedItem,
    RemovedSegment,
    RunCounts,
    parse_iso,
)

# Sort key of an undated article: sorts below every ISO date, so undated come last.
UNDATED_KEY = ""

# The article columns, in table order, written by `article_row` (id first).
ARTICLE_COLUMNS: tuple[str, ...] = (
    "id",
    "url",
    "canonical_url",
    "content_hash",
    "title",
    "published",
    "published_key",
    "published_day",
    "updated",
    "source",
    "site",
    "language",
    "authors",
    "credits",
    "paragraphs",
    "text",
    "related",
    "removed",
)


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def published_key(value: dt.date | dt.datetime | None) -> str:
    """A string that sorts chronologically: aware date-times are compared in UTC."""
    if value is None:
        return UNDATED_KEY
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value.isoformat(timespec="microseconds")
    return value.isoformat()


def published_day(value: dt.date | dt.datetime | None) -> str | None:
    """The calendar day the article itself states (its own time zone), for date filters."""
    if value is None:
        return None
    day = value.date() if isinstance(value, dt.datetime) else value
    return day.isoformat()


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def article_row(article: Article, article_id: str) -> dict[str, Any]:
    """The column values of one article, keyed by `ARTICLE_COLUMNS`."""
    return {
        "id": article_id,
        "url": article.url,
        "canonical_url": article.canonical_url,
        "content_hash": article.content_hash,
        "title": article.title,
        "published": _iso(article.published),
        "published_key": published_key(article.published),
        "published_day": published_day(article.published),
        "updated": _iso(article.updated),
        "source": article.source,
        "site": article.site,
        "language": article.language,
        "authors": dumps(article.authors),
        "credits": dumps(article.credits),
        "paragraphs": dumps(article.paragraphs),
        "text": article.text,
        "related": dumps([item.to_dict() for item in article.related]),
        "removed": dumps([segment.to_dict() for segment in article.removed]),
    }


def article_from_row(row: dict[str, Any], provenance: list[Provenance]) -> Article:
    """Rebuild the `Article` that `article_row` flattened."""
    return Article(
        id=row["id"],
        url=row["url"],
        canonical_url=row["canonical_url"],
        title=row["title"],
        published=parse_iso(row["published"]),
        updated=parse_iso(row["updated"]),
        source=row["source"],
        site=row["site"],
        language=row["language"],
        authors=list(json.loads(row["authors"])),
        credits=list(json.loads(row["credits"])),
        paragraphs=list(json.loads(row["paragraphs"])),
        related=[RelatedItem(r["title"], r.get("url")) for r in json.loads(row["related"])],
        removed=[RemovedSegment(r["text"], r["reason"]) for r in json.loads(row["removed"])],
        provenance=provenance,
    )


def counts_from_json(text: str | None) -> RunCounts:
    """RunCounts from stored JSON, ignoring keys this version does not know."""
    data = json.loads(text) if text else {}
    known = {f.name for f in fields(RunCounts)}
    return RunCounts(**{key: value for key, value in data.items() if key in known})


def encode_cursor(sort_key: str, article_id: str) -> str:
    """An opaque page cursor: the sort position of the last article shown."""
    raw = dumps([sort_key, article_id]).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> tuple[str, str]:
    """Inverse of `encode_cursor`; a malformed cursor raises ValueError."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, binascii.Error, UnicodeError) as error:
        raise ValueError(f"invalid cursor: {cursor!r}") from error
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(part, str) for part in value)
    ):
        raise ValueError(f"invalid cursor: {cursor!r}")
    return value[0], value[1]
