"""Calendar arithmetic and TimeML value formatting for the time tagger."""

from __future__ import annotations

import calendar
import datetime as dt

from dateutil.easter import easter

from newsloom.enrich.times.tense import Tense


def day_value(day: dt.date) -> str:
    return day.isoformat()


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def week_value(day: dt.date) -> str:
    iso = day.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def shift_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def shift_quarters(year: int, quarter: int, quarters: int) -> tuple[int, int]:
    index = year * 4 + (quarter - 1) + quarters
    return index // 4, index % 4 + 1


def holiday_date(spec: dict[str, int], year: int) -> dt.date:
    """The day a named-day spec (see [holidays] in times.toml) falls on in `year`."""
    if "easter" in spec:
        return easter(year) + dt.timedelta(days=spec["easter"])
    month = spec["month"]
    if "day" in spec:
        return dt.date(year, month, spec["day"])
    weekday, nth = spec["weekday"], spec["nth"]
    if nth < 0:
        last = dt.date(year, month, calendar.monthrange(year, month)[1])
        return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)
    first = dt.date(year, month, spec.get("on_or_after", 1))
    return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when there is no such day (a month 13, a day 30 of February, a
    year 0 or past 9999)."""
    if not dt.MINYEAR <= year <= dt.MAXYEAR or not 1 <= month <= 12:
        return None
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return dt.date(year, month, day)


def weekday_near(anchor: dt.date, weekday: int, direction: Tense, strict: bool) -> dt.date:
    """The day named `weekday` (1 = Monday) nearest `anchor` on the side its tense says.

    Past and present look back up to six days (the anchor itself counts unless
    `strict`), future looks ahead the same way: news "on Tuesday" is the Tuesday
    just gone, "will ... on Tuesday" the one to come.
    """
    delta = (anchor.isoweekday() - weekday) % 7
    if direction == "future":
        ahead = (weekday - anchor.isoweekday()) % 7
        if strict and ahead == 0:
            ahead = 7
        return anchor + dt.timedelta(days=ahead)
    if strict and delta == 0:
        delta = 7
    return anchor - dt.timedelta(days=delta)


def nearest_year(
    anchor: dt.date, month: int, day: int, tense: Tense, wrong_side_weight: float = 3.0
) -> int:
    """The year that puts month-day nearest the anchor; tense breaks near-ties."""
    best: tuple[float, int] | None = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        candidate = safe_date(year, month, day)
        if candidate is None:
            continue
        distance = abs((candidate - anchor).days)
        wrong_side = (tense == "past" and candidate > anchor) or (
            tense == "future" and candidate < anchor
        )
        # A date on the side the tense contradicts counts as if `wrong_side_weight` as far.
        score = distance * (wrong_side_weight if wrong_side else 1)
        if best is None or score < best[0]:
            best = (score, year)
    return best[1] if best else anchor.year


def month_year(anchor: dt.date, month: int, tense: Tense, months_ahead: int = 0) -> int:
    """The year of a bare month. News tells what happened: the latest such month (this
    one included) unless the verb is future, then the next one; a present-tense verb may
    take a month at most `months_ahead` ahead ("the talks are in December" in November)."""
    ahead = (month - anchor.month) % 12
    if tense == "future":
        return anchor.year if month >= anchor.month else anchor.year + 1
    if tense == "present" and 0 < ahead <= months_ahead:
        return anchor.year + (1 if month < anchor.month else 0)
    return anchor.year if month <= anchor.month else anchor.year - 1


def latest_before(anchor: dt.date, month: int) -> int:
    """The year of "last March": the latest March before the anchor's month ("last
    March" said in March is a year back)."""
    return anchor.year if month < anchor.month else anchor.year - 1
