"""Line classes for scraped text, in the manner of jusText's block classes.

Each line of a page dump is `good` (reads like body prose), `near` (medium-length
text that could be either), `short` (a subheading, caption or menu item) or `bad`
(page chrome). Short and near lines between good lines are revised to good, as
jusText revises short blocks by their neighbours. Thresholds live in news.toml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from newsloom.extract.news_data import news_patterns
from newsloom.extract.news_lines import is_chrome, is_related_marker

# A line that is only a date or a time, with an optional "Published:" label.
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?"
# A word ends where its letters do: "Maret" is no "Mar" with "et" left over.
_DATE_WORD = (
    rf"(?:(?:{_MONTH}|{_WEEKDAY}|[ap]\.?m\.?|[a-z]{{2,4}}t|gmt|utc|at|on|of|hrs)(?![a-z])"
    r"|\d{1,4}(?:st|nd|rd|th)?)"
)
# The words are matched possessively (`++`: each takes the first reading that fits, and
# no other is tried when the line does not end there): with backtracking, the ways to
# cut "99999..." or "atatat..." into date words grow exponentially, and a 49-character
# line of digits never finished.
_DATE_LABEL = r"(?:published|posted|updated|last updated|created|last modified|modified|date)"
_DATE_LINE = re.compile(
    rf"^\W*(?:{_DATE_LABEL}\s*(?:on|at)?\s*:?\s*)?(?:{_DATE_WORD}[\s,./:-]*)++$",
    re.IGNORECASE,
)
# A date line that says what its date is ("Published: Nov. 19, 2019 8:22 AM"): the page's
# stamp, never the article's text (a live report's bare "10 p.m." is).
_LABELLED_DATE = re.compile(rf"^\W*{_DATE_LABEL}\b", re.IGNORECASE)
# A machine timestamp shown as a line ("2031-11-19T08:57:40+01:00"), ISO 8601.
_TIMESTAMP = re.compile(
    r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$"
)
_DATE_LINE_MAX_CHARS = 60
# A clock time or a full date inside a line ("7:45 am", "Nov 19, 2019", "18.11.2019").
_MONTH_ABBREVIATION = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATED = re.compile(
    r"\b\d{1,2}:\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b"
    rf"|\b{_MONTH_ABBREVIATION}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b"
    rf"|\b\d{{1,2}}\s+{_MONTH_ABBREVIATION},?\s+\d{{4}}\b",
    re.IGNORECASE,
)

_WORD = re.compile(r"\w+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


class LineClass(Enum):
    GOOD = "good"
    NEAR = "near"
    SHORT = "short"
    BAD = "bad"


@dataclass(slots=True, frozen=True)
class LineFeatures:
    text: str
    length: float  # characters, CJK characters weighted
    stopword_density: float
    sentence_like: bool
    chrome: bool
    cjk: bool  # written without spaces between words: stopwords cannot be counted


def line_features(line: str) -> LineFeatures:
    patterns = news_patterns()
    words = _WORD.findall(line.lower())
    cjk = 0 if line.isascii() else len(_CJK.findall(line))
    length = len(line) + cjk * (patterns.text.cjk_char_weight - 1)
    stopwords = patterns.text.stopwords
    stops = sum(1 for w in words if w in stopwords)
    density = stops / len(words) if words else 0.0
    chrome = is_chrome(line) or is_related_marker(line)
    sentence_like = ends_like_sentence(line)
    return LineFeatures(line, length, density, sentence_like, chrome, cjk * 2 > len(line))


def ends_like_sentence(line: str) -> bool:
    """The line's last character closes a sentence (the regex sees only that character)."""
    return bool(news_patterns().text.sentence_end.match(line[-1:]))


def classify(features: LineFeatures) -> LineClass:
    settings = news_patterns().text
    if features.chrome:
        return LineClass.BAD
    if features.length < settings.short_chars:
        return LineClass.SHORT
    prose = features.cjk or features.stopword_density >= settings.good_stopword_density
    if features.length >= settings.good_chars and prose and features.sentence_like:
        return LineClass.GOOD
    if features.length >= settings.long_chars and (prose or features.sentence_like):
        return LineClass.GOOD
    return LineClass.NEAR


def is_date_line(line: str) -> bool:
    """A line that only gives a date or time ("Friday, 18 January 2008, 4:52 PM")."""
    text = line.strip(" |-")
    return (
        0 < len(text) <= _DATE_LINE_MAX_CHARS
        and any(c.isdigit() for c in text)
        and _DATE_LINE.match(text) is not None
    )


def is_labelled_date_line(line: str) -> bool:
    """A date line opening with its label: "Published Monday, 18 November 2019 8:22AM"."""
    return _LABELLED_DATE.match(line) is not None and is_date_line(line)


def is_date_stamp(line: str) -> bool:
    """A page's machine date stamp, never the article's text: an ISO 8601 timestamp on its
    own line ("2031-11-19T08:57:40+01:00")."""
    return _TIMESTAMP.match(line.strip()) is not None


def is_dated(line: str) -> bool:
    """A date line, or a line that gives a clock time or a full date somewhere."""
    return is_date_line(line) or _DATED.search(line) is not None


def visible_lines(text: str) -> list[str]:
    """The text's lines stripped of spaces and invisible characters, empty ones dropped."""
    edges = " \t\r\f\v\n" + news_patterns().text.invisible
    stripped = (line.strip().strip(edges) for line in text.splitlines())
    return [line for line in stripped if line]


def join_broken_lines(lines: list[str]) -> list[str]:
    """Join a line to the previous one when it continues a sentence broken by `<br>`.

    A continuation starts with a lower-case letter and follows a line that does
    not end like a sentence.
    """
    joined: list[str] = []
    for line in lines:
        if joined and line[:1].islower() and not ends_like_sentence(joined[-1]):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


def classify_lines(features: list[LineFeatures]) -> list[LineClass]:
    """Context-free classes, then short/near lines flanked by good lines become good."""
    return revise_by_context([classify(line) for line in features])


def revise_by_context(classes: list[LineClass]) -> list[LineClass]:
    revised = list(classes)
    previous_good = [False] * len(classes)
    seen = False
    for i, cls in enumerate(classes):
        previous_good[i] = seen
        if cls is LineClass.GOOD:
            seen = True
        elif cls is LineClass.BAD:
            seen = False
    seen = False
    for i in range(len(classes) - 1, -1, -1):
        cls = classes[i]
        if cls in (LineClass.SHORT, LineClass.NEAR) and seen and previous_good[i]:
            revised[i] = LineClass.GOOD if cls is LineClass.NEAR else LineClass.SHORT
        if cls is LineClass.GOOD:
            seen = True
        elif cls is LineClass.BAD:
            seen = False
    return revised
