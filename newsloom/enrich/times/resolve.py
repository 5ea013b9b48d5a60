"""Turn one pattern match into a TimeML value and type, anchored on the publication date.

Each pattern kind in data/times.toml has a resolver here. A resolver gets the match,
the anchor (None when the article has no date: relative expressions then get X
placeholders and a low confidence) and the tense of the governing verb (computed
only when asked). It returns None to reject the match.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from newsloom.enrich.times.calendar import (
    day_value,
    holiday_date,
    latest_before,
    month_value,
    month_year,
    nearest_year,
    quarter_of,
    safe_date,
    shift_months,
    shift_quarters,
    week_value,
    weekday_near,
)
from newsloom.enrich.times.lexicon import Lexicon
from newsloom.enrich.times.narrative import Reference
from newsloom.enrich.times.tense import Tense


@dataclass(frozen=True, slots=True)
class Resolved:
    value: str
    type: str
    confidence: float


@dataclass(slots=True)
class Context:
    lexicon: Lexicon
    anchor: dt.date | None
    clock: dt.datetime | None
    tense: Callable[[], Tense]
    # The last quarter resolved earlier in the text ("2025-Q3"): "a year ago" in an
    # earnings story means the same quarter a year before.
    last_quarter: str | None = None
    # Whether the anchor is no publication date but the date the text gives itself (a
    # dateline): what is counted from it gets at most the `from_text` confidence.
    from_text: bool = False
    # Whether the story's reference time is known (see times.narrative), and what it is
    # here (None: no date named close before).
    narrative: bool = False
    reference: Reference | None = None

    def conf(self, name: str) -> float:
        if self.from_text and name not in ANCHOR_FREE:
            return min(self.lexicon.confidence[name], self.lexicon.confidence["from_text"])
        return self.lexicon.confidence[name]

    def relative(
        self, value: str, type_: str, placeholder: str, name: str = "relative"
    ) -> Resolved:
        if self.anchor is None:
            return Resolved(placeholder, type_, self.conf("unanchored"))
        return Resolved(value, type_, self.conf(name))


Resolver = Callable[[re.Match[str], Context], Resolved | None]
# Confidences of values that do not depend on the anchor.
ANCHOR_FREE = frozenset({"explicit", "duration", "vague", "furniture"})


def _year(text: str | None) -> int | None:
    if text is None:
        return None
    year = int(text)
    return year + (1900 if year >= 50 else 2000) if len(text) == 2 else year


def _iso(m: re.Match[str], ctx: Context) -> Resolved | None:
    day = safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    if day is None:
        return None
    if m["H"]:
        return Resolved(f"{day_value(day)}T{m['H']}:{m['M']}", "TIME", ctx.conf("explicit"))
    return Resolved(day_value(day), "DATE", ctx.conf("explicit"))


def _slash(m: re.Match[str], ctx: Context) -> Resolved | None:
    year = _year(m["y"])
    day = safe_date(year or 0, int(m["m"]), int(m["d"]))
    return Resolved(day_value(day), "DATE", ctx.conf("explicit")) if day else None


def _month_day(m: re.Match[str], ctx: Context) -> Resolved | None:
    month, day_number = ctx.lexicon.month(m["month"]), int(m["d"])
    year = _year(m["y"])
    if year is not None:
        day = safe_date(year, month, day_number)
        return Resolved(day_value(day), "DATE", ctx.conf("explicit")) if day else None
    if safe_date(2000, month, day_number) is None:
        return None
    if ctx.anchor is None:
        return Resolved(f"XXXX-{month:02d}-{day_number:02d}", "DATE", ctx.conf("unanchored"))
    weekday = _weekday_next_to(m, ctx)
    if weekday is not None:
        named = _named_day(ctx, month, day_number, weekday)
        if named is not None:
            return Resolved(day_value(named), "DATE", ctx.conf("inferred_year"))
    year = nearest_year(
        ctx.anchor, month, day_number, ctx.tense(), ctx.lexicon.limits.wrong_side_weight
    )
    return Resolved(f"{year:04d}-{month:02d}-{day_number:02d}", "DATE", ctx.conf("inferred_year"))


def _weekday_next_to(m: re.Match[str], ctx: Context) -> int | None:
    """The weekday written with a month-day: in the match, or just before it."""
    if m.groupdict().get("weekday"):
        return ctx.lexicon.weekday(m["weekday"])
    before = ctx.lexicon.weekday_before.search(m.string, max(0, m.start() - 16), m.start())
    return ctx.lexicon.weekday(before["weekday"]) if before else None


def _named_day(ctx: Context, month: int, day: int, weekday: int) -> dt.date | None:
    """The month-day (no year written) that falls on `weekday`: of the years around the
    anchor, the nearest to the one the tense would pick."""
    assert ctx.anchor is not None
    guess = nearest_year(ctx.anchor, month, day, ctx.tense(), ctx.lexicon.limits.wrong_side_weight)
    for year in sorted(
        range(ctx.anchor.year - 1, ctx.anchor.year + 2), key=lambda y: abs(y - guess)
    ):
        candidate = safe_date(year, month, day)
        if candidate is not None and candidate.isoweekday() == weekday:
            return candidate
    return None


def _date_after(m: re.Match[str], ctx: Context, weekday: int | None) -> dt.date | None:
    """The date written right after a weekday ("Saturday, May 17", "Mon, 07 Jan 2008"),
    when it falls on that weekday, or after a clock time (`weekday` None: "5 p.m. Nov. 9")."""
    after = ctx.lexicon.date_after.match(m.string, m.end(), m.end() + 40)
    if after is None:
        return None
    month = ctx.lexicon.month(after["month"] or after["month2"])
    day = int(after["d"] or after["d2"])
    year = _year(after["y"])
    if year is not None:
        named = safe_date(year, month, day)
    elif ctx.anchor is None or safe_date(2000, month, day) is None:
        return None
    elif weekday is None:
        limits = ctx.lexicon.limits
        named = safe_date(
            nearest_year(ctx.anchor, month, day, ctx.tense(), limits.wrong_side_weight), month, day
        )
    else:
        named = _named_day(ctx, month, day, weekday)
    if named is None or weekday is None:
        return named
    return named if named.isoweekday() == weekday else None


def _month(m: re.Match[str], ctx: Context) -> Resolved | None:
    month = ctx.lexicon.month(m["month"])
    groups = m.groupdict()
    year = (
        ctx.lexicon.spoken_year(groups["words"]) if groups.get("words") else _year(groups.get("y"))
    )
    if year is not None:
        return Resolved(month_value(year, month), "DATE", ctx.conf("explicit"))
    if ctx.anchor is None:
        return Resolved(f"XXXX-{month:02d}", "DATE", ctx.conf("unanchored"))
    if groups.get("year_shift"):
        year = ctx.anchor.year + ctx.lexicon.shift_words[groups["year_shift"].lower()]
        return Resolved(month_value(year, month), "DATE", ctx.conf("relative"))
    if _name_not_month(m, ctx):
        return None
    shift = (groups.get("shift") or "").lower()
    if shift == "last":
        year = latest_before(ctx.anchor, month)
    elif shift == "this":
        year = ctx.anchor.year
    else:
        tense: Tense = "future" if shift in ("next", "this coming") else ctx.tense()
        year = month_year(ctx.anchor, month, tense, ctx.lexicon.limits.present_months_ahead)
    return Resolved(month_value(year, month), "DATE", ctx.conf("relative"))


def _name_not_month(m: re.Match[str], ctx: Context) -> bool:
    """A month's short name alone, with no full stop, no day and no year, is a name
    ("Jan Kavan"), not January."""
    word = m["month"]
    full = ctx.lexicon.words.months[ctx.lexicon.month(word) - 1][0]
    return word.lower() != full.lower() and not m.string.startswith(".", m.end("month"))


def _holiday(m: re.Match[str], ctx: Context) -> Resolved | None:
    spec = ctx.lexicon.holiday(m["holiday"])
    year = _year(m["y"])
    if year is not None:
        return Resolved(day_value(holiday_date(spec, year)), "DATE", ctx.conf("explicit"))
    if ctx.anchor is None:
        return Resolved("XXXX-XX-XX", "DATE", ctx.conf("unanchored"))
    anchor = ctx.anchor
    days = [holiday_date(spec, y) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    shift = (m["shift"] or "").lower()
    if shift in ("last", "this past"):
        tense: Tense = "past"
        days = [d for d in days if d < anchor]
    elif shift in ("next", "this coming"):
        tense = "future"
        days = [d for d in days if d > anchor]
    else:
        tense = "present" if shift == "this" else ctx.tense()
    weight = ctx.lexicon.limits.wrong_side_weight

    def score(day: dt.date) -> float:
        wrong = (tense == "past" and day > anchor) or (tense == "future" and day < anchor)
        return abs((day - anchor).days) * (weight if wrong else 1)

    return Resolved(day_value(min(days, key=score)), "DATE", ctx.conf("relative"))


def _with_part(day: str, part: str | None, ctx: Context) -> tuple[str, str]:
    if part:
        return f"{day}T{ctx.lexicon.parts_of_day[part.lower()]}", "TIME"
    return day, "DATE"


def _weekday(m: re.Match[str], ctx: Context) -> Resolved | None:
    weekday = ctx.lexicon.weekday(m["weekday"])
    shift = (m["shift"] or "").lower()
    named = _date_after(m, ctx, weekday) if not shift else None
    if named is not None:
        value, type_ = _with_part(day_value(named), m["part"], ctx)
        return Resolved(value, type_, ctx.conf("inferred_year"))
    if ctx.anchor is None:
        value, type_ = _with_part(f"XXXX-WXX-{weekday}", m["part"], ctx)
        return Resolved(value, type_, ctx.conf("unanchored"))
    if shift in ("next", "this coming", "coming"):
        day = weekday_near(ctx.anchor, weekday, "future", strict=True)
    elif shift in ("last", "past", "this past"):
        day = weekday_near(ctx.anchor, weekday, "past", strict=True)
    else:
        day = weekday_near(ctx.anchor, weekday, ctx.tense(), strict=False)
    value, type_ = _with_part(day_value(day), m["part"], ctx)
    return Resolved(value, type_, ctx.conf("weekday"))


def _weekday_set(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "every Friday", "Tuesday nights": that weekday, each week."""
    weekday = ctx.lexicon.weekday(m["weekday"] or m["weekday2"])
    part = m["part"] or m["parts"]
    code = f"T{ctx.lexicon.parts_of_day[part.lower()]}" if part else ""
    return Resolved(f"XXXX-WXX-{weekday}{code}", "SET", ctx.conf("vague"))


# A capitalised word right before a capitalised day word, inside a sentence: a name
# ("USA Today", "Psychology Today", "Kessmoor Today"), not a day.
_NAME_BEFORE = re.compile(r"\b[A-Z][\w&'’-]* $")


def _day_word(m: re.Match[str], ctx: Context) -> Resolved | None:
    if m["word"][0].isupper() and _NAME_BEFORE.search(m.string, max(0, m.start() - 40), m.start()):
        return None
    spec = ctx.lexicon.day_words[m["word"].lower()]
    part = m["part"] or None
    code = ctx.lexicon.parts_of_day[part.lower()] if part else spec.get("part")
    if ctx.anchor is None:
        return Resolved("XXXX-XX-XX" + (f"T{code}" if code else ""), "DATE", ctx.conf("unanchored"))
    day = day_value(ctx.anchor + dt.timedelta(days=spec["offset"]))
    if code:
        return Resolved(f"{day}T{code}", "TIME", ctx.conf("relative"))
    return Resolved(day, "DATE", ctx.conf("relative"))


def _part_of_day(m: re.Match[str], ctx: Context) -> Resolved | None:
    word = m.group(0).split()[0].lower()
    offset = ctx.lexicon.day_words.get(word, {"offset": -1 if word == "last" else 0})["offset"]
    code = ctx.lexicon.parts_of_day[m["part"].lower()]
    if ctx.anchor is None:
        return Resolved(f"XXXX-XX-XXT{code}", "TIME", ctx.conf("unanchored"))
    day = day_value(ctx.anchor + dt.timedelta(days=offset))
    return Resolved(f"{day}T{code}", "TIME", ctx.conf("relative"))


def _clock(m: re.Match[str], ctx: Context) -> Resolved | None:
    clock = _clock_text(m)
    if clock is None:
        return None
    named = _date_after(m, ctx, None)
    if named is not None:
        return Resolved(f"{day_value(named)}{clock}", "TIME", ctx.conf("inferred_year"))
    return ctx.relative(
        f"{day_value(ctx.anchor)}{clock}" if ctx.anchor else "", "TIME", f"XXXX-XX-XX{clock}"
    )


def _clock_day(m: re.Match[str], ctx: Context) -> Resolved | None:
    clock = _clock_text(m) if not m["word"] else None
    if m["word"]:
        clock = "T12:00" if m["word"].lower() == "noon" else "T24:00"
    if clock is None:
        return None
    weekday = ctx.lexicon.weekday(m["weekday"])
    named = _date_after(m, ctx, weekday)
    if named is not None:
        return Resolved(f"{day_value(named)}{clock}", "TIME", ctx.conf("inferred_year"))
    if ctx.anchor is None:
        return Resolved(f"XXXX-WXX-{weekday}{clock}", "TIME", ctx.conf("unanchored"))
    day = weekday_near(ctx.anchor, weekday, ctx.tense(), strict=False)
    return Resolved(f"{day_value(day)}{clock}", "TIME", ctx.conf("weekday"))


def _clock_text(m: re.Match[str]) -> str | None:
    hour, minute = int(m["H"]), int(m["M"] or 0)
    ampm = m["ampm"].lower()
    if hour > 12 or minute > 59 or (hour == 0 and not ampm.startswith("o")):
        return None
    if ampm.startswith("p") and hour != 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    return f"T{hour:02d}:{minute:02d}"


def _year_kind(m: re.Match[str], ctx: Context) -> Resolved | None:
    year = int(m["y"])
    if not ctx.lexicon.limits.earliest_year <= year <= ctx.lexicon.limits.latest_year:
        return None
    return Resolved(f"{year:04d}", "DATE", ctx.conf("explicit"))


def _spoken_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    year = ctx.lexicon.spoken_year(m["words"])
    if (
        year is None
        or not ctx.lexicon.limits.earliest_year <= year <= ctx.lexicon.limits.latest_year
    ):
        return None
    return Resolved(f"{year:04d}", "DATE", ctx.conf("explicit"))


def _decade(m: re.Match[str], ctx: Context) -> Resolved | None:
    if not m.groupdict().get("c") and _AGE_BEFORE.search(
        m.string, max(0, m.start() - 8), m.start()
    ):
        return None  # "in his 30s": an age
    century = m.groupdict().get("c") or "19"
    return Resolved(f"{century}{m['dec']}", "DATE", ctx.conf("explicit"))


_AGE_BEFORE = re.compile(r"\b(?i:his|her|their|my|your|its|our|whose)\s+\Z")


def _quarter_number(m: re.Match[str], ctx: Context) -> int:
    return ctx.lexicon.words.ordinals[m["ord"].lower()]


def _quarter_value(quarter: int, year_text: str | None, shift: str, ctx: Context) -> Resolved:
    year = _year(year_text)
    if year is not None:
        return Resolved(f"{year:04d}-Q{quarter}", "DATE", ctx.conf("explicit"))
    if ctx.anchor is None:
        return Resolved(f"XXXX-Q{quarter}", "DATE", ctx.conf("unanchored"))
    anchor_year, anchor_quarter = quarter_of(ctx.anchor)
    if shift in ("last", "previous"):
        year = anchor_year - 1
    elif shift == "next":
        year = anchor_year + 1
    elif quarter <= anchor_quarter or ctx.tense() == "future":
        year = anchor_year
    else:
        year = anchor_year - 1
    return Resolved(f"{year:04d}-Q{quarter}", "DATE", ctx.conf("relative"))


def _quarter(m: re.Match[str], ctx: Context) -> Resolved | None:
    return _quarter_value(_quarter_number(m, ctx), m["y"], (m["shift"] or "").lower(), ctx)


def _quarter_code(m: re.Match[str], ctx: Context) -> Resolved | None:
    return _quarter_value(int(m["q"]), m["y"], "", ctx)


def _half(m: re.Match[str], ctx: Context) -> Resolved | None:
    half = _quarter_number(m, ctx)
    year = _year(m["y"])
    if year is not None:
        return Resolved(f"{year:04d}-H{half}", "DATE", ctx.conf("explicit"))
    if ctx.anchor is None:
        return Resolved(f"XXXX-H{half}", "DATE", ctx.conf("unanchored"))
    return Resolved(f"{ctx.anchor.year:04d}-H{half}", "DATE", ctx.conf("relative"))


def _season(m: re.Match[str], ctx: Context) -> Resolved | None:
    code = ctx.lexicon.seasons[m["season"].lower()]
    year = _year(m["y"])
    if year is not None:
        return Resolved(f"{year:04d}-{code}", "DATE", ctx.conf("explicit"))
    if ctx.anchor is None:
        return Resolved(f"XXXX-{code}", "DATE", ctx.conf("unanchored"))
    shift = (m["shift"] or "").lower()
    offset = {"last": -1, "next": 1}.get(shift)
    if offset is None:
        offset = 0
        if (
            shift != "this"
            and ctx.tense() == "past"
            and code in ("SU", "FA")
            and ctx.anchor.month < 6
        ):
            offset = -1
    return Resolved(f"{ctx.anchor.year + offset:04d}-{code}", "DATE", ctx.conf("relative"))


def unit_value(anchor: dt.date, unit: str, shift: int) -> str | None:
    """The calendar unit that holds `anchor`, moved by `shift` units."""
    if unit == "day":
        return day_value(anchor + dt.timedelta(days=shift))
    if unit in ("week", "weekend"):
        week = week_value(anchor + dt.timedelta(weeks=shift))
        return week + "-WE" if unit == "weekend" else week
    if unit == "month":
        return month_value(*shift_months(anchor.year, anchor.month, shift))
    if unit == "quarter":
        year, quarter = shift_quarters(*quarter_of(anchor), shift)
        return f"{year:04d}-Q{quarter}"
    if unit == "year":
        return f"{anchor.year + shift:04d}"
    if unit == "decade":
        return f"{(anchor.year // 10 + shift):03d}"
    if unit == "century":
        return f"{(anchor.year // 100 + shift):02d}"
    return None


PLACEHOLDERS = {
    "day": "XXXX-XX-XX",
    "week": "XXXX-WXX",
    "weekend": "XXXX-WXX-WE",
    "month": "XXXX-XX",
    "quarter": "XXXX-QX",
    "year": "XXXX",
    "decade": "XXX",
    "century": "XX",
}


def _shifted_unit(m: re.Match[str], ctx: Context) -> Resolved | None:
    unit = m["unit"].lower()
    shift_word = m["shift"].lower().removeprefix("the ")
    shift = ctx.lexicon.shift_words[shift_word]
    if shift_word == "latest" and unit == "quarter" and ctx.anchor is not None:
        shift = -1
    if ctx.narrative and shift_word in ctx.lexicon.narrative.anaphoric_shifts:
        # "the previous year", "the following week": from the story's reference time.
        if ctx.reference is not None and ctx.reference.serves(unit):
            value = unit_value(ctx.reference.day, unit, shift)
            return Resolved(value, "DATE", ctx.conf("narrative")) if value else None
        if ctx.anchor is not None:
            value = unit_value(ctx.anchor, unit, shift)
            return Resolved(value, "DATE", ctx.conf("unreferenced")) if value else None
    if ctx.anchor is None:
        return Resolved(PLACEHOLDERS[unit], "DATE", ctx.conf("unanchored"))
    value = unit_value(ctx.anchor, unit, shift)
    return Resolved(value, "DATE", ctx.conf("relative")) if value else None


def _the_unit(m: re.Match[str], ctx: Context) -> Resolved | None:
    unit = m["unit"].lower()
    if ctx.anchor is None:
        return Resolved(PLACEHOLDERS[unit], "DATE", ctx.conf("unanchored"))
    shift = -1 if unit == "quarter" or ctx.tense() == "past" else 0
    if unit == "weekend" and ctx.tense() != "past":
        shift = 0
    value = unit_value(ctx.anchor, unit, shift)
    return Resolved(value, "DATE", ctx.conf("relative")) if value else None


def _the_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    if m["ended"] is not None:
        return Resolved("P1Y", "DURATION", ctx.conf("duration"))
    if ctx.anchor is None:
        return Resolved("XXXX", "DATE", ctx.conf("unanchored"))
    return Resolved(f"{ctx.anchor.year:04d}", "DATE", ctx.conf("relative"))


def _ago(m: re.Match[str], ctx: Context) -> Resolved | None:
    unit = ctx.lexicon.unit(m["unit"])
    name = _unit_name(m["unit"], ctx)
    amount = ctx.lexicon.number(m["num"])
    direction = m["dir"].lower()
    sign = -1 if direction in ("ago", "earlier", "before") else 1
    if ctx.narrative and direction not in FROM_NOW:
        return _counted_from_story(m, ctx, name, amount, sign)
    if amount is None and direction in ("earlier", "later", "before"):
        return None  # "a few days later" is relative to an event: left to the duration
    if unit.clock and ctx.clock is not None and amount is not None and direction in FROM_NOW:
        return _clock_shift(ctx.clock, unit.code, amount * sign, ctx)
    if amount is None or amount != int(amount) or ctx.anchor is None or unit.clock:
        placeholder = PLACEHOLDERS.get(name, "XXXX-XX-XX")
        return Resolved(
            placeholder if ctx.anchor is None else (PAST if sign < 0 else FUTURE),
            "DATE",
            ctx.conf("vague"),
        )
    steps = int(amount) * unit.factor * sign
    if name in ("decade", "century"):
        name = "year"
    value = unit_value(ctx.anchor, name, steps)
    return Resolved(value, "DATE", ctx.conf("relative")) if value else None


def _counted_from_story(
    m: re.Match[str], ctx: Context, unit: str, amount: float | None, sign: int
) -> Resolved | None:
    """ "a year later", "two days earlier": from the story's reference time, when one is
    named close before and fine enough; "a week before the vote" counts from the vote,
    which is no date here. Otherwise None, which leaves the words to a duration."""
    if m["dir"].lower() == "before" and _OBJECT_AFTER.match(m.string, m.end()):
        return None
    reference = ctx.reference
    if amount is None or amount != int(amount) or reference is None:
        return None
    unit_of_count = "year" if unit in ("decade", "century") else unit
    steps = int(amount) * ctx.lexicon.unit(m["unit"]).factor * sign
    if not reference.serves(unit_of_count):
        return None
    value = unit_value(reference.day, unit_of_count, steps)
    return Resolved(value, "DATE", ctx.conf("narrative")) if value else None


# A word after "before" makes it a preposition: "a week before the vote".
_OBJECT_AFTER = re.compile(r"\s+[\w$£€]")


def _same_unit(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "that year", "the same day", "later that week": the story's reference time."""
    unit = m["unit"].lower()
    reference = ctx.reference
    if reference is None or not reference.serves(unit):
        return None
    value = unit_value(reference.day, unit, 0)
    return Resolved(value, "DATE", ctx.conf("narrative")) if value else None


def _next_day(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "the next day", "the previous day", "the day before": a day from the reference."""
    reference = ctx.reference
    if reference is None or reference.grain != "day":
        return None
    word = (m["shift"] or m["dir"]).lower()
    shift = -1 if word in ("previous", "before") else 1
    return Resolved(
        day_value(reference.day + dt.timedelta(days=shift)), "DATE", ctx.conf("narrative")
    )


PAST, FUTURE = "PAST_REF", "FUTURE_REF"
# Directions counted from the publication moment ("later" and "earlier" count from an
# event in the story, so they never take the publication time).
FROM_NOW = frozenset({"ago", "from now", "hence"})
CLOCK_SECONDS = {"H": 3600, "M": 60, "S": 1}


def _clock_shift(clock: dt.datetime, code: str, amount: float, ctx: Context) -> Resolved:
    """ "two hours ago" against a publication datetime: that moment, to the minute."""
    moment = clock + dt.timedelta(seconds=CLOCK_SECONDS[code] * amount)
    value = f"{day_value(moment.date())}T{moment.strftime('%H:%M')}"
    return Resolved(value, "TIME", ctx.conf("relative"))


def _year_earlier(m: re.Match[str], ctx: Context) -> Resolved | None:
    if ctx.last_quarter is not None:
        year, quarter = ctx.last_quarter.split("-Q")
        return Resolved(f"{int(year) - 1:04d}-Q{quarter}", "DATE", ctx.conf("relative"))
    if ctx.anchor is None:
        return Resolved("XXXX", "DATE", ctx.conf("unanchored"))
    return Resolved(f"{ctx.anchor.year - 1:04d}", "DATE", ctx.conf("relative"))


def _latest_period(m: re.Match[str], ctx: Context) -> Resolved | None:
    if ctx.last_quarter is not None:
        return Resolved(ctx.last_quarter, "DATE", ctx.conf("relative"))
    if ctx.anchor is None:
        return Resolved("XXXX-QX", "DATE", ctx.conf("unanchored"))
    return Resolved(unit_value(ctx.anchor, "quarter", -1) or "", "DATE", ctx.conf("relative"))


def _unit_name(word: str, ctx: Context) -> str:
    word = word.lower()
    for name in ctx.lexicon.units:
        if word in (name, name + "s") or (name == "century" and word == "centuries"):
            return name
    return word


# A fraction of a unit is said in the next smaller one: "2 1/2 years" P2Y6M, "5 1/2 hours"
# PT5H30M. (code, clock) -> (how many fit, its code, whether it is a clock unit).
SUB_UNITS = {
    ("Y", False): (12, "M", False),
    ("W", False): (7, "D", False),
    ("D", False): (24, "H", True),
    ("H", True): (60, "M", True),
    ("M", True): (60, "S", True),
}


def duration_value(amount: float | None, word: str, ctx: Context) -> str:
    unit = ctx.lexicon.unit(word)
    if unit.code == "WE":
        return "P2D" if amount == 1 else "PXWE"
    if amount is None:
        count = "X"
    else:
        total = amount * unit.factor
        count = str(int(total)) if total == int(total) else f"{total:g}"
        split = SUB_UNITS.get((unit.code, unit.clock))
        if total != int(total) and split is not None:
            size, code, clock = split
            rest = round((total - int(total)) * size)
            whole = f"{int(total)}{unit.code}" if int(total) else ""
            if unit.clock:
                return f"PT{whole}{rest}{code}"
            return f"P{whole}T{rest}{code}" if clock else f"P{whole}{rest}{code}"
    return f"PT{count}{unit.code}" if unit.clock else f"P{count}{unit.code}"


def _duration(m: re.Match[str], ctx: Context) -> Resolved | None:
    amount = ctx.lexicon.number(m["num"])
    if amount is not None and amount > 10000:
        return None
    if m["num"].lower() in ("a", "an") and ctx.lexicon.rates.search(
        m.string, max(0, m.start() - 40), m.start()
    ):
        # "$125 million a year", "5% a year", "20,000 barrels a day": a rate, each year.
        return Resolved(duration_value(1, m["unit"], ctx), "SET", ctx.conf("vague"))
    return Resolved(duration_value(amount, m["unit"], ctx), "DURATION", ctx.conf("duration"))


def _bare_duration(m: re.Match[str], ctx: Context) -> Resolved | None:
    return Resolved(duration_value(None, m["unit"], ctx), "DURATION", ctx.conf("vague"))


def _ordinal_unit(m: re.Match[str], ctx: Context) -> Resolved | None:
    # "the fourth year (of the war)" names one year-long stretch: a DURATION of one unit.
    return Resolved(duration_value(1, m["unit"], ctx), "DURATION", ctx.conf("vague"))


def _set(m: re.Match[str], ctx: Context) -> Resolved | None:
    word = m["unit"] or m["unit2"]
    if m["num2"]:
        return Resolved(duration_value(1, word, ctx), "SET", ctx.conf("vague"))
    amount = ctx.lexicon.number(m["num"]) if m["num"] else 1.0
    return Resolved(duration_value(amount, word, ctx), "SET", ctx.conf("vague"))


def _fixed(m: re.Match[str], ctx: Context) -> Resolved | None:
    spec = ctx.lexicon.fixed[re.sub(r"\s+", " ", m["word"].lower())]
    value = spec["value"]
    if spec.get("anchored"):
        return ctx.relative(
            f"{day_value(ctx.anchor)}{value}" if ctx.anchor else "",
            spec["type"],
            f"XXXX-XX-XX{value}",
        )
    return Resolved(value, spec["type"], ctx.conf("vague"))


RESOLVERS: dict[str, Resolver] = {
    "iso": _iso,
    "slash": _slash,
    "month_day": _month_day,
    "day_month": _month_day,
    "month": _month,
    "holiday": _holiday,
    "weekday": _weekday,
    "weekday_set": _weekday_set,
    "day_word": _day_word,
    "part_of_day": _part_of_day,
    "clock": _clock,
    "clock_day": _clock_day,
    "year": _year_kind,
    "spoken_year": _spoken_year,
    "decade": _decade,
    "decade_short": _decade,
    "quarter": _quarter,
    "quarter_code": _quarter_code,
    "half": _half,
    "season": _season,
    "shifted_unit": _shifted_unit,
    "the_year": _the_year,
    "the_unit": _the_unit,
    "ago": _ago,
    "year_earlier": _year_earlier,
    "same_unit": _same_unit,
    "next_day": _next_day,
    "latest_period": _latest_period,
    "set": _set,
    "ordinal_unit": _ordinal_unit,
    "duration": _duration,
    "bare_duration": _bare_duration,
    "fixed": _fixed,
}


def resolve(kind: str, match: re.Match[str], ctx: Context) -> Resolved | None:
    return RESOLVERS[kind](match, ctx)
