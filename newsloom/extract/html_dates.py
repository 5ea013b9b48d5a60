"""Choosing an article's publication and modification times from what the page offers.

htmldate gives the original publication day (it weighs every date on the page
and is the better judge of which one is the publication); the page's own
structured timestamp (JSON-LD, `article:published_time`) adds the time of day
and the publisher's UTC offset when it agrees with that day.
"""

from __future__ import annotations

import datetime as dt

from newsloom.record import parse_iso

Moment = dt.date | dt.datetime


def publication_time(day: str | None, structured: Moment | None) -> Moment | None:
    """htmldate's `day` (YYYY-MM-DD), made precise by the page's own timestamp.

    The structured timestamp is kept when it names the same day, or when it is
    written with the publisher's UTC offset and `day` is the UTC day of that
    same instant (htmldate read a UTC copy of the time elsewhere on the page):
    the local day is the publication day. Without a day from htmldate, the
    structured timestamp is used as it is.
    """
    found = parse_iso(day) if day else None
    if found is None:
        return structured
    if isinstance(structured, dt.datetime) and day_of(found) in _days_of(structured):
        return structured
    return found


def modification_time(updated: Moment | None, published: Moment | None) -> Moment | None:
    """The modification time, unless it falls before the publication day."""
    if updated is None or published is None:
        return updated
    return updated if day_of(updated) >= day_of(published) else None


def day_of(value: Moment) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _days_of(moment: dt.datetime) -> tuple[dt.date, ...]:
    """The local day of `moment`, and its UTC day when the two differ."""
    if not moment.utcoffset():
        return (moment.date(),)
    return (moment.date(), moment.astimezone(dt.UTC).date())
