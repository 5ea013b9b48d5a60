"""Choosing an article's publication and modification times from what the page offers.

Three kinds of evidence, in order of trust:

1. the date the page shows next to its headline or byline ("Published: 6 May 2021",
   "Jane Roe, 06.05.2021"), read from the visible text only (never scripts, comments
   or headers) within a few lines of the headline (`shown_date`);
2. the page's structured article date (JSON-LD `datePublished`,
   `article:published_time`, `itemprop="datePublished"`), which also gives the time
   of day and the publisher's UTC offset;
3. htmldate's answer, from a copy of the page without scripts, comments and expiry
   headers (see `html_metadata`), used only when the page states neither.

A shown date and a structured timestamp of the same day give the timestamp. A structured
timestamp written in UTC may fall on the day after (or before) the local day the page
shows; a shown date or htmldate's day next to it is then the publication day.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from newsloom.extract.news_data import news_patterns
from newsloom.record import parse_iso
from newsloom.rules import longest_first

Moment = dt.date | dt.datetime
Order = Literal["dmy", "mdy"]
Cue = Literal["published", "plain", "updated", "other"]

# Elements whose text is never shown as the page's text.
_HIDDEN = frozenset(
    {"script", "style", "noscript", "template", "select", "option", "textarea", "head", "nav"}
)
# Elements that start a new line of text.
_BLOCKS = frozenset(
    {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "td", "th", "tr",
        "table", "br", "section", "article", "header", "footer", "aside", "blockquote",
        "figure", "figcaption", "dt", "dd", "dl", "form", "main", "hr", "address", "center",
        "body", "time",
    }
)  # fmt: skip
_HEADINGS = frozenset({"h1", "h2"})
_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"\w+")
# Years a shown date may have: the web's, not a date in a story about history.
_FIRST_YEAR = 1990
# How many characters before a date are searched for a cue word.
_CUE_REACH = 40


@dataclass(slots=True, frozen=True)
class Line:
    """One line of the page's visible text; `heading`: 1 in an h1, 2 in an h2, else 0.

    `marked` when some of its text sits in an h1 to h4 or in an element whose class or
    id names a headline or title (not a sub-heading).
    """

    text: str
    heading: int = 0
    marked: bool = False


_MARKING_TAGS = frozenset({"h1", "h2", "h3", "h4"})
_MARKING_NAME = re.compile(r"head|title", re.IGNORECASE)
_NOT_MARKING_NAME = re.compile(r"sub|header|masthead|caption|section|widget|nav|menu", re.I)


def _marks_headline(element: HtmlElement, tag: str) -> bool:
    if tag in _MARKING_TAGS:
        return True
    name = f"{element.get('class') or ''} {element.get('id') or ''}"
    return bool(_MARKING_NAME.search(name)) and not _NOT_MARKING_NAME.search(name)


@dataclass(slots=True, frozen=True)
class ShownDate:
    """A date the page shows near its headline.

    `weak` when it stands before the headline, or past the opening of the body, with no
    publication cue: then it is used only where the page states no structured date.
    `other` is the day a numeric date gives when read the other way round (07/01/2008).
    """

    day: dt.date
    weak: bool = False
    other: dt.date | None = None


@dataclass(slots=True, frozen=True)
class _Found:
    shown: ShownDate
    cue: Cue
    after: bool
    distance: int

    def rank(self) -> tuple[int, bool, bool, int]:
        cue = ("published", "plain", "updated", "other").index(self.cue)
        return (cue, self.shown.weak, not self.after, self.distance)


def publication_time(
    shown: ShownDate | None, structured: Moment | None, found: str | None
) -> Moment | None:
    """The publication time from the shown date, the structured timestamp and htmldate's
    day (`found`, YYYY-MM-DD), in that order of trust (see the module docstring)."""
    found_day = day_of(parsed) if found and (parsed := parse_iso(found)) else None
    day = _shown_day(shown, structured)
    if day is not None:
        if isinstance(structured, dt.datetime) and day in _days_of(structured):
            return structured
        if structured is not None and not isinstance(structured, dt.datetime):
            return structured if structured == day else day
        return day
    if structured is not None:
        if (
            _is_utc(structured)
            and found_day is not None
            and found_day != day_of(structured)
            and _next_to(found_day, structured)
        ):
            # A UTC timestamp next to a local day of the page (its URL, its text).
            return found_day
        return structured
    return found_day


def _shown_day(shown: ShownDate | None, structured: Moment | None) -> dt.date | None:
    """The shown day where it is to be trusted, read the way the page's other dates agree."""
    if shown is None:
        return None
    # htmldate may have read the very same numbers the other way: only the
    # structured date tells which way the page writes them.
    if structured is not None and shown.other == day_of(structured):
        return shown.other
    if not shown.weak or structured is None:
        return shown.day
    if _is_utc(structured) and _next_to(shown.day, structured):
        return shown.day
    return None


def _is_utc(moment: Moment) -> bool:
    return isinstance(moment, dt.datetime) and moment.utcoffset() == dt.timedelta(0)


def _next_to(day: dt.date, moment: Moment) -> bool:
    return abs((day - day_of(moment)).days) <= 1


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


# --- the page's visible lines ---------------------------------------------------------


def visible_lines(tree: HtmlElement) -> list[Line]:
    """The text a reader sees in the page body, one entry per block, in reading order."""
    body = tree.find(".//body")
    root = body if body is not None else tree
    lines: list[Line] = []
    parts: list[str] = []
    headings: list[int] = []
    marks: list[bool] = []  # per open element: does it mark a headline?
    state = {"marked": False}

    def add(text: str | None) -> None:
        if text:
            parts.append(text)
            if any(marks) and not text.isspace():
                state["marked"] = True

    def flush() -> None:
        text = _SPACES.sub(" ", "".join(parts)).strip()
        parts.clear()
        if text:
            lines.append(Line(text, min(headings, default=0), state["marked"]))
        state["marked"] = False

    walker = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    for event, element in walker:
        if event in ("comment", "pi"):
            add(element.tail)
            continue
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _HIDDEN:
                marks.append(False)
                walker.skip_subtree()
                continue
            if tag in _BLOCKS:
                flush()
            if tag in _HEADINGS:
                headings.append(int(tag[1]))
            marks.append(_marks_headline(element, tag))
            add(element.text)
        else:
            marks.pop()
            if tag in _HEADINGS and tag not in _HIDDEN:
                flush()
                headings.pop()
            elif tag in _BLOCKS:
                flush()
            add(element.tail)
    flush()
    return lines


# --- dates written in text ------------------------------------------------------------


@functools.cache
def _patterns() -> tuple[re.Pattern[str], dict[str, int]]:
    """One pattern for every way a date is written, and month word -> month number."""
    months: dict[str, int] = {}
    for number, names in enumerate(news_patterns().dates.months, start=1):
        for name in names:
            months[name.casefold()] = number
    month = "|".join(re.escape(m) for m in sorted(months, key=len, reverse=True))
    year = r"(?:19|20)\d{2}"
    short_year = rf"(?:{year}|\d{{2}}(?![\d:]))"
    pattern = re.compile(
        "|".join(
            (
                # 2021-05-06, 2021/05/06, 2021.05.06
                rf"(?<![\d.])(?P<iy>{year})(?P<isep>[-/.])(?P<im>[01]?\d)(?P=isep)(?P<id>[0-3]?\d)(?!\d)",
                # 6 May 2021, 6. Mai 2021, 6 de mayo de 2021, 06 Jan 08
                rf"(?<![\w.])(?P<dd>[0-3]?\d)(?:st|nd|rd|th|er|º)?\.?[\s,-]*(?:de\s+)?"
                rf"(?P<dm>{month})\.?(?:[\s,-]+de)?[\s,-]+(?P<dy>{short_year})(?!\d)",
                # May 6, 2021; Jan. 8 2008
                rf"(?<!\w)(?P<mm>{month})\.?\s+(?P<md>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<my>{year})(?!\d)",
                # 06.05.2021, 6/5/21, 06-05-2021
                rf"(?<![\d.:/])(?P<na>[0-3]?\d)(?P<nsep>[./-])(?P<nb>[0-3]?\d)(?P=nsep)"
                rf"(?P<ny>{short_year})(?![\d/]|\.\d)",
                # 2021年5月6日
                r"(?P<cy>\d{4})\s*年\s*(?P<cm>\d{1,2})\s*月\s*(?P<cd>\d{1,2})\s*日",
            )
        ),
        re.IGNORECASE,
    )
    return pattern, months


def dates_in(text: str, order: Order) -> Iterator[tuple[int, int, ShownDate]]:
    """(start, end, date) of each date written in `text`; `order` reads 6/5/21."""
    pattern, months = _patterns()
    for match in pattern.finditer(text):
        parts = _parts(match, months, order)
        day = _date(*parts)
        if day is None:
            continue
        other = None
        if match.group("na") and match.group("nsep") != "." and parts[1] != parts[2]:
            other = _date(parts[0], parts[2], parts[1])
        yield match.start(), match.end(), ShownDate(day, other=other)


def _parts(match: re.Match[str], months: dict[str, int], order: Order) -> tuple[int, int, int]:
    """(year, month, day) as written; a two-digit year is not yet a full one."""
    group = match.group
    if group("iy"):
        parts = (group("iy"), group("im"), group("id"))
    elif group("dd"):
        parts = (group("dy"), str(months[group("dm").casefold()]), group("dd"))
    elif group("mm"):
        parts = (group("my"), str(months[group("mm").casefold()]), group("md"))
    elif group("na"):
        first, second = group("na"), group("nb")
        if group("nsep") != "." and order == "mdy":
            first, second = second, first
        parts = (group("ny"), second, first)
    else:
        parts = (group("cy"), group("cm"), group("cd"))
    year, month, day = (int(p) for p in parts)
    return year, month, day


def _date(year: int, month: int, day: int) -> dt.date | None:
    if year < 100:
        year += 2000 if year < 70 else 1900
    if year < _FIRST_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


_NUMERIC = re.compile(r"(?<![\d.:/])([0-3]?\d)[/-]([0-3]?\d)[/-](?:\d{4}|\d{2})(?![\d/])")


def numeric_order(lines: list[Line], language: str | None, domain: str | None) -> Order:
    """How the page writes 07/01/2008: the order its own unambiguous dates use
    (13/01/2008 or 01/13/2008), else day first on country domains that write it so
    and on pages not in English, month first on the others."""
    day_first = month_first = 0
    for line in lines:
        for match in _NUMERIC.finditer(line.text):
            first, second = int(match.group(1)), int(match.group(2))
            day_first += first > 12 >= second
            month_first += second > 12 >= first
    if day_first != month_first:
        return "dmy" if day_first > month_first else "mdy"
    suffix = (domain or "").rsplit(".", 1)[-1].lower()
    if suffix in news_patterns().dates.day_first_domains:
        return "dmy"
    return "mdy" if language in (None, "en") else "dmy"


# --- the date next to the headline ----------------------------------------------------


@functools.cache
def _cues() -> tuple[re.Pattern[str], dict[str, Cue]]:
    """A pattern for every cue word, and what each says of the date after it."""
    dates = news_patterns().dates
    groups: tuple[tuple[tuple[str, ...], Cue], ...] = (
        (dates.other_cues, "other"),
        (dates.updated_cues, "updated"),
        (dates.published_cues, "published"),
    )
    kinds: dict[str, Cue] = {}
    for cue_words, kind in groups:
        kinds.update(dict.fromkeys((word.casefold() for word in cue_words), kind))
    alternation = "|".join(re.escape(w) for w in longest_first(tuple(kinds)))
    pattern = re.compile(rf"(?<!\w)({alternation})(?!\w)", re.IGNORECASE)
    return pattern, kinds


def _cue(before: str) -> Cue:
    """What the words just before a date say it is."""
    pattern, kinds = _cues()
    found = list(pattern.finditer(before[-_CUE_REACH:]))
    return kinds[found[-1].group(1).casefold()] if found else "plain"


def headline_line(lines: list[Line], headlines: list[str]) -> int | None:
    """The index of the line that shows the headline.

    The first of `headlines` (the page's titles, best first) that some line shows: a
    heading line first, else any line; without one, the first h1 of three words or more.
    """
    for headline in headlines:
        wanted = normal_words(headline)
        if not wanted:
            continue
        found = [
            i for i, line in enumerate(lines) if _same_headline(normal_words(line.text), wanted)
        ]
        if found:
            # An h1 first, then an h2, then any line; the first of each.
            return min(found, key=lambda i: (lines[i].heading or 9, i))
    return next(
        (i for i, line in enumerate(lines) if line.heading == 1 and len(line.text.split()) >= 3),
        None,
    )


def normal_words(text: str) -> str:
    """Case-folded words, single-spaced: how titles and lines are compared."""
    return " ".join(_WORDS.findall(text.casefold()))


def _same_headline(line: str, wanted: str) -> bool:
    if not line:
        return False
    if line == wanted:
        return True
    shorter, longer = sorted((line, wanted), key=len)
    return len(shorter) >= 15 and shorter in longer and len(shorter) >= 0.6 * len(longer)


def shown_date(lines: list[Line], at: int | None, order: Order) -> ShownDate | None:
    """The publication date shown within a few lines of the headline (line `at`).

    A date after a publication cue ("Published", "Erschienen am") comes first, then a
    plain date, then one after an update cue ("Updated"); a date the page gives as
    something else ("Registered") never. Among those, dates after the headline and
    before the body (a standfirst may come first) before dates above the headline
    (a masthead's or a teaser's), and the nearest first. A plain date much farther
    than an update date is not the article's (a date in an embedded post).
    """
    found = _near(lines, at, order)
    found = [f for f in found if f.cue != "other"]
    if not found:
        return _labelled_anywhere(lines, order)
    updates = [f.distance for f in found if f.cue == "updated" and f.after]
    if updates:
        reach = min(updates) + news_patterns().dates.plain_beyond_update_chars
        found = [f for f in found if not (f.cue == "plain" and f.after and f.distance > reach)]
    return min(found, key=_Found.rank).shown if found else None


def _labelled_anywhere(lines: list[Line], order: Order) -> ShownDate | None:
    """Where no date stands near the headline, the one day the page labels as its
    publication anywhere in a short line ("Erschienen am: 01.11.2031" in a footer), as a
    weak shown date; None when no line or several days are so labelled (a list of other
    stories, each with its date)."""
    rules = news_patterns().dates
    days: set[dt.date] = set()
    for index, line in enumerate(lines):
        if len(line.text) >= rules.body_line_chars:
            continue
        previous = lines[index - 1].text if index else ""
        for found in _dates_near(line.text, previous, order, 0, after=True):
            if found.cue == "published":
                days.add(found.shown.day)
    if len(days) != 1:
        return None
    return ShownDate(days.pop(), weak=True)


def other_dates(lines: list[Line], at: int | None, order: Order) -> set[dt.date]:
    """The days shown near the headline as something other than the publication."""
    return {f.shown.day for f in _near(lines, at, order) if f.cue == "other"}


def _near(lines: list[Line], at: int | None, order: Order) -> list[_Found]:
    """Every date near the headline (line `at`), with its cue and place."""
    if at is None:
        return []
    rules = news_patterns().dates
    found = _dates_near(lines[at].text, "", order, 0, after=True)
    distance, long_lines = 0, 0
    for index in range(at + 1, len(lines)):
        line = lines[index]
        if line.heading == 1:
            break
        long = len(line.text) >= rules.body_line_chars and not line.heading
        text = line.text[: rules.body_line_opening] if long else line.text
        found += _dates_near(
            text, lines[index - 1].text, order, distance, after=True, opening=long,
            weak=long_lines > 0,
        )  # fmt: skip
        distance += len(text)
        long_lines += long
        # The body starts at a long line: a standfirst may come first, so without a
        # date yet the search goes on to the second.
        if distance > rules.after_chars or long_lines >= (2 if not found else 1):
            break
    distance = 0
    for index in range(at - 1, -1, -1):
        line = lines[index]
        distance += len(line.text)
        if line.heading or len(line.text) >= rules.body_line_chars:
            break
        if distance > rules.before_chars:
            break
        previous = lines[index - 1].text if index else ""
        found += _dates_near(line.text, previous, order, distance, after=False, weak=True)
    return found


def _dates_near(
    text: str,
    previous: str,
    order: Order,
    distance: int,
    *,
    after: bool,
    opening: bool = False,
    weak: bool = False,
) -> list[_Found]:
    """The dates of one line (or the `opening` of a body paragraph) near the headline.

    A date without a cue must follow at most a few words on its line; in the opening
    of a paragraph, no words in lower case (a dateline, not a sentence). `weak` marks
    the plain dates of a place less sure to hold the article's date.
    """
    found = []
    last_end = 0
    most_words = news_patterns().dates.plain_max_words_before
    for start, end, shown in dates_in(text, order):
        before = text[last_end:start]
        cue_text = before
        if not before.strip() and last_end == 0 and len(previous) <= _CUE_REACH:
            cue_text = previous + " "
        cue = _cue(cue_text)
        last_end = end
        if cue == "plain" and (
            len(_WORDS.findall(before)) > most_words
            or (opening and any(c.islower() for c in before))
        ):
            continue
        if weak and cue != "published":
            shown = dataclasses.replace(shown, weak=True)
        found.append(_Found(shown, cue, after, distance + start))
    return found


def shown_date_in_text(lines: list[str], title: str | None) -> dt.date | None:
    """The publication date scraped text shows next to its headline (see `shown_date`):
    "Published 11:34 PM EST Nov 19, 2019" under the headline, or a date line above it."""
    if not title:
        return None
    shown = [Line(line.strip()) for line in lines if line.strip()]
    at = headline_line(shown, [title])
    found = shown_date(shown, at, numeric_order(shown, None, None))
    return found.day if found else None


# A compact date stamp opening a URL path segment: YYYYMMDD, optionally with HHMMSS.
_URL_STAMP = re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})(?:\d{6})?(?=[^\d]|$)")


def url_stamp_day(url: str | None) -> str | None:
    """The day of a compact stamp in the URL's path ("/story/20310412085406x.nb/"), as
    YYYY-MM-DD; None when there is none or it is no real day."""
    if not url:
        return None
    path = urlsplit(url).path
    for match in _URL_STAMP.finditer(path):
        day = _date(int(match[1]), int(match[2]), int(match[3]))
        if day is not None:
            return day.isoformat()
    return None
