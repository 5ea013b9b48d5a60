"""Choosing publication and modification times (invented dates)."""

from __future__ import annotations

import datetime as dt

from newsloom.extract.html_dates import modification_time, publication_time

PLUS_TWO = dt.timezone(dt.timedelta(hours=2))


def test_local_timestamp_wins_over_its_utc_day() -> None:
    """htmldate read the UTC copy of the time (the day before); the local day is kept."""
    local = dt.datetime(2031, 3, 5, 1, 30, tzinfo=PLUS_TWO)
    assert publication_time("2031-03-04", local) == local


def test_htmldate_day_kept_when_the_timestamp_names_another_day() -> None:
    utc = dt.datetime(2031, 3, 5, 1, 30, tzinfo=dt.UTC)
    assert publication_time("2031-03-04", utc) == dt.date(2031, 3, 4)
    other_day = dt.datetime(2031, 3, 9, 12, 0, tzinfo=PLUS_TWO)
    assert publication_time("2031-03-04", other_day) == dt.date(2031, 3, 4)


def test_same_day_gives_the_full_timestamp() -> None:
    noon = dt.datetime(2031, 3, 4, 12, 0, tzinfo=PLUS_TWO)
    assert publication_time("2031-03-04", noon) == noon
    assert publication_time("2031-03-04", dt.date(2031, 3, 4)) == dt.date(2031, 3, 4)


def test_structured_timestamp_used_when_htmldate_finds_nothing() -> None:
    local = dt.datetime(2031, 3, 5, 1, 30, tzinfo=PLUS_TWO)
    assert publication_time(None, local) == local


def test_modification_before_publication_is_dropped() -> None:
    published = dt.datetime(2031, 3, 4, 9, 0, tzinfo=PLUS_TWO)
    assert modification_time(dt.date(2031, 3, 1), published) is None
    assert modification_time(dt.date(2031, 3, 4), published) == dt.date(2031, 3, 4)
    assert modification_time(dt.date(2031, 3, 1), None) == dt.date(2031, 3, 1)
