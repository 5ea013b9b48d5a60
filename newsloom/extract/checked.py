"""Metadata checked before it goes into an article: a value that is not valid (an
impossible date such as 2025-02-30, a year before 1000 or after 9000, a URL `urllib`
cannot split, a port over 65535) is left out with a logged warning, and the article
is kept. One bad field once
dropped the whole article as `failed: ValueError`.
"""

from __future__ import annotations

import datetime as dt
import logging
from urllib.parse import urlsplit

from newsloom.record import parse_iso

log = logging.getLogger("newsloom.extract")
# How much of a rejected value a warning quotes.
_SHOWN_CHARS = 200
# Publication and update dates outside these years are left out.
MIN_YEAR = 1000
MAX_YEAR = 9000


def checked_url(value: str | None, what: str = "URL") -> str | None:
    """`value` when it is a URL that can be split into its parts, else None (warned)."""
    if value is None:
        return None
    try:
        parts = urlsplit(value)
        _ = parts.hostname, parts.port  # raise on a bad IPv6 host or port
    except ValueError as error:
        log.warning("ignoring the %s %r: %s", what, value[:_SHOWN_CHARS], error)
        return None
    return value


def checked_date(value: str | None, what: str = "date") -> dt.date | dt.datetime | None:
    """`value` parsed as an ISO 8601 date in the years `plausible_date` keeps, or None
    (warned when it is not one)."""
    if value is None or not value.strip():
        return None
    parsed = parse_iso(value)
    if parsed is None:
        log.warning("ignoring the %s %r: not a valid date", what, value[:_SHOWN_CHARS])
    return plausible_date(parsed, what)


def plausible_date(
    value: dt.date | dt.datetime | None, what: str = "date"
) -> dt.date | dt.datetime | None:
    """`value` if its year is from `MIN_YEAR` to `MAX_YEAR`, else None (warned): 0001-01-01
    and 9999-12-31 are placeholders, and the day before or the year after them is no
    date Python can hold (the time stage failed on them)."""
    if value is None or MIN_YEAR <= value.year <= MAX_YEAR:
        return value
    log.warning("ignoring the %s %s: year out of range", what, value.isoformat())
    return None
