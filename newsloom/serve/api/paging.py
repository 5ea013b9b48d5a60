"""One paging style for every list of the API (issue 11).

Every list takes `limit` (default `DEFAULT_LIMIT`, at most `MAX_LIMIT`) and `cursor`, and
answers `items`, `total` (the matching items; a lower bound when `total_capped`), `limit`
and `next_cursor` (null on the last page). A cursor is one of two forms, each described
by a pattern in the OpenAPI schema, and every string that matches the pattern is a
cursor that works (a cursor past the end gives an empty page, never a 422):

- `o<number>`: the items already shown, for lists ranked by score or count (search,
  events, places, entities, quotes, runs, drops);
- `k<sort key>_<id>`: the position of the last item shown, for lists newest first
  (articles, stories), so that new items do not shift the next page.

Days are `YYYY-MM-DD` and nothing else (`since=0` is not 1970): `parse_day` answers 422
with a message that says how to write one.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from fastapi import Query
from pydantic import BaseModel, Field

from newsloom.serve.api.errors import invalid
from newsloom.store.rows import decode_cursor, encode_cursor

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
MAX_OFFSET = 9_999_999
# Lists whose total is counted by reading them (search, stories, runs, drops) stop here.
TOTAL_CAP = 1000

OFFSET_PATTERN = r"^o[0-9]{1,7}$"
KEY_PATTERN = r"^k[0-9T:.+-]{0,40}_[A-Za-z0-9:._-]{1,100}$"
DAY_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

Limit = Annotated[
    int,
    Query(
        ge=1,
        le=MAX_LIMIT,
        description=f"Items per page: {DEFAULT_LIMIT} unless asked, at most {MAX_LIMIT}.",
    ),
]
Cursor = Annotated[
    str | None,
    Query(
        pattern=OFFSET_PATTERN,
        description="The `next_cursor` of the previous page; none for the first.",
    ),
]
KeyCursor = Annotated[
    str | None,
    Query(
        pattern=KEY_PATTERN,
        description="The `next_cursor` of the previous page; none for the first.",
    ),
]
Day = Annotated[
    str | None,
    Query(
        max_length=40,
        description="A day written YYYY-MM-DD.",
        json_schema_extra={"format": "date"},
    ),
]


def parse_day(name: str, value: str | None) -> dt.date | None:
    """The day `value` names, or None when absent or empty; 422 unless YYYY-MM-DD."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    if DAY_PATTERN.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise invalid("query", name, value, f"{name} must be a day written YYYY-MM-DD, e.g. 2031-03-01")


def cursor_offset(cursor: str | None) -> int:
    """The offset an `o` cursor stands for (0 for none)."""
    if cursor is None:
        return 0
    digits = cursor.removeprefix("o")
    if not cursor.startswith("o") or not digits.isascii() or not digits.isdigit():
        raise invalid("query", "cursor", cursor, "not a cursor this API gives")
    return min(int(digits), MAX_OFFSET)


def next_cursor(offset: int, limit: int, more: bool) -> str | None:
    return f"o{offset + limit}" if more and offset + limit <= MAX_OFFSET else None


def store_cursor(cursor: str | None) -> str | None:
    """The store's keyset cursor for a `k` cursor of the API."""
    if cursor is None:
        return None
    key, _, item = cursor[1:].partition("_")
    return encode_cursor(key, item)


def api_cursor(stored: str | None) -> str | None:
    """The API's `k` cursor for a keyset cursor the store gave."""
    if stored is None:
        return None
    key, item = decode_cursor(stored)
    return f"k{key}_{item}"


class ListPage(BaseModel):
    """The paging fields every list shares (items are added by subclasses)."""

    total: int = Field(description="Items matching the filters (at least, when total_capped).")
    total_capped: bool = Field(
        default=False, description=f"Whether counting stopped at {TOTAL_CAP}."
    )
    limit: int
    next_cursor: str | None = Field(
        default=None, description="Pass as `cursor` for the next page; null on the last."
    )


def page_fields(
    offset: int, limit: int, total: int, more: bool, capped: bool = False
) -> dict[str, Any]:
    """A `ListPage`'s fields for one page of `limit` items starting at `offset`."""
    return {
        "total": total,
        "total_capped": capped,
        "limit": limit,
        "next_cursor": next_cursor(offset, limit, more),
    }


def capped_total(seen: int) -> tuple[int, bool]:
    """(total, capped) from up to TOTAL_CAP + 1 items read."""
    return (TOTAL_CAP, True) if seen > TOTAL_CAP else (seen, False)
