"""Offset cursors: pagination for lists ordered by a rank rather than a unique key.

Search results, events and places are ordered by score or count, which no key of the
last item can resume, so their cursor is the number of items already shown, written
as an opaque token (`o40`). Clients pass back the `next_cursor` they were given.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query
from pydantic import BaseModel, Field

from newsloom.serve.api.errors import invalid

PREFIX = "o"
MAX_OFFSET = 10_000

Cursor = Annotated[
    str | None,
    Query(max_length=20, description="The `next_cursor` of the previous page; none for the first."),
]


def cursor_offset(cursor: str | None) -> int:
    """The offset a cursor stands for; 422 for anything this API did not hand out."""
    if cursor is None:
        return 0
    digits = cursor.removeprefix(PREFIX)
    if (
        not cursor.startswith(PREFIX)
        or not digits.isascii()
        or not digits.isdigit()
        or int(digits) > MAX_OFFSET
    ):
        raise invalid("query", "cursor", cursor, "not a cursor this API gave")
    return int(digits)


def next_cursor(offset: int, limit: int, more: bool) -> str | None:
    return f"{PREFIX}{offset + limit}" if more else None


class OffsetPage(BaseModel):
    """The paging fields of a list ranked by score or count (items are added by subclasses)."""

    total: int = Field(description="Items matching the filters.")
    limit: int
    offset: int
    next_offset: int | None
    next_cursor: str | None = Field(
        default=None, description="Pass as `cursor` for the next page; null on the last."
    )


def page_fields(offset: int, limit: int, total: int, more: bool) -> dict[str, Any]:
    """An `OffsetPage`'s fields for one page of `limit` items starting at `offset`."""
    return {
        "total": total,
        "limit": limit,
        "offset": offset,
        "next_offset": offset + limit if more else None,
        "next_cursor": next_cursor(offset, limit, more),
    }
