"""Article <-> flat row conversion shared by every backend (no SQL here).

Rows are built from `Article.to_dict()` and rebuilt with `Article.from_dict()`.
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

from newsloom.fact_kinds import fact_keys
from newsloom.record import Article, Provenance, RunCounts

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
    "extra",
)
# Columns holding a `to_dict()` value as it is, and those holding it as JSON text.
PLAIN_COLUMNS: tuple[str, ...] = (
    "url",
    "canonical_url",
    "content_hash",
    "title",
    "published",
    "updated",
    "source",
    "site",
    "language",
    "text",
)
JSON_COLUMNS: tuple[str, ...] = ("authors", "credits", "paragraphs", "related", "removed")
# `to_dict()` keys stored somewhere other than `extra`: provenance has its own table, and
# each kind of fact (`newsloom.fact_kinds`) its own rows in the backend's fact tables.
_KEYS_WITH_A_HOME = frozenset({"id", "provenance", *PLAIN_COLUMNS, *JSON_COLUMNS})


def _has_a_home(key: str) -> bool:
    return key in _KEYS_WITH_A_HOME or key in fact_keys()


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


def article_row(article: Article, article_id: str) -> dict[str, Any]:
    """The column values of one article, keyed by `ARTICLE_COLUMNS`.

    Keys of `Article.to_dict()` without a column of their own (added by later
    stages) go into `extra` as JSON, so they survive the round trip. The facts (every
    kind in `newsloom.fact_kinds`) are not in the row: the backend stores them apart.
    """
    record = article.to_dict()
    row: dict[str, Any] = {column: record[column] for column in PLAIN_COLUMNS}
    row.update({column: dumps(record[column]) for column in JSON_COLUMNS})
    row["id"] = article_id
    row["published_key"] = published_key(article.published)
    row["published_day"] = published_day(article.published)
    row["extra"] = dumps({k: v for k, v in record.items() if not _has_a_home(k)})
    return row


def article_from_row(row: dict[str, Any], provenance: list[Provenance]) -> Article:
    """Rebuild the `Article` that `article_row` flattened (without its facts)."""
    record: dict[str, Any] = json.loads(row.get("extra") or "{}")
    record.update({column: row[column] for column in PLAIN_COLUMNS})
    record.update({column: json.loads(row[column]) for column in JSON_COLUMNS})
    record["id"] = row["id"]
    record["provenance"] = [item.to_dict() for item in provenance]
    return Article.from_dict(record)


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
