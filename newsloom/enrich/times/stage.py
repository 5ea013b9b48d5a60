"""Time expressions found in the article text and resolved against its publication date.

Patterns and word lists live in data/times.toml (read by `times.lexicon`); each match
is resolved to a TimeML value and type by `times.resolve`, with the tense of the
governing verb (`times.tense`, from the spaCy parse) choosing past or future for
weekdays, bare months and month-days. Overlapping matches: the longest wins.
Extents follow TimeML: determiners and modifiers inside ("the past three years",
"last week"), prepositions outside ("on Tuesday" gives "Tuesday").

Not everything counts from the publication date:
- a text without one is dated by its own dateline, at a lower confidence (`_dateline`);
- "the previous year", "a year later", "that day" count from the last date the story
  named (`times.narrative`): the text is resolved twice, first to learn those dates;
- "today" in a quote counts from the day the quote was said (`times.quoted`);
- page furniture and numbers that are no years are dropped (`times.chrome`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, ClassVar

from newsloom.enrich.nlp import doc_text
from newsloom.enrich.times.chrome import copyright_year, is_chrome, not_a_year
from newsloom.enrich.times.lexicon import Lexicon, load_lexicon
from newsloom.enrich.times.narrative import Timeline
from newsloom.enrich.times.quoted import speech_days
from newsloom.enrich.times.resolve import FROM_NOW, Context, Resolved, resolve
from newsloom.enrich.times.tense import Tense, tense_of
from newsloom.record import Article, TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Doc

# A trailing full stop stays in the extent only after an abbreviation ("Sept.", "p.m.").
ABBREVIATION_MAX_LETTERS = 4
# Kinds resolved again, in text order, with the last quarter named before them
# ("a year ago" in an earnings story is the year-ago quarter, "the latest period" that
# quarter itself).
CONTEXT_KINDS = frozenset({"year_earlier", "latest_period"})
# Kinds that count from a time the story named (times.narrative; an earnings story's
# quarter for the CONTEXT_KINDS), so do not set the story's reference time themselves.
NARRATIVE_KINDS = frozenset({"same_unit", "next_day"}) | CONTEXT_KINDS
_QUARTER = re.compile(r"\d{4}-Q[1-4]")
_DAY = re.compile(r"\d{4}-\d\d-\d\d")
# Kinds that may write a full date a text can be dated by (see `_dateline`).
DATELINE_KINDS = frozenset({"iso", "month_day", "day_month"})
# A 4-digit number counting things ("2000 people") is not a year.
_COUNTED_NOUN_DEPS = frozenset({"nummod"})


class TimeStage:
    name: ClassVar[str] = "times"
    requires: ClassVar[frozenset[str]] = frozenset({"text", "published"})
    assigns: ClassVar[frozenset[str]] = frozenset({"times"})

    def __call__(self, article: Article, doc: Doc) -> None:
        article.times = find_times(doc_text(doc), article.published, doc)


def find_times(
    text: str, published: dt.date | dt.datetime | None, doc: Doc | None = None
) -> list[TimeExpression]:
    """Every time expression in `text`, resolved against `published` (None: unanchored)."""
    lexicon = load_lexicon()
    anchor = published.date() if isinstance(published, dt.datetime) else published
    clock = published if isinstance(published, dt.datetime) else None
    candidates = _candidates(text, lexicon)
    from_text = anchor is None and (anchor := _dateline(text, candidates, lexicon)) is not None
    tenses: dict[tuple[int, int], Callable[[], Tense]] = {}

    def context(start: int, end: int, last_quarter: str | None = None) -> Context:
        if (start, end) not in tenses:
            tenses[start, end] = _tense_getter(doc, start, end, lexicon)
        return Context(lexicon, anchor, clock, tenses[start, end], last_quarter, from_text)

    def resolver(timeline: Timeline | None) -> Resolve:
        def resolve_one(kind: str, match: re.Match[str], start: int, end: int) -> Resolved | None:
            if _furniture(kind, text, start, end, lexicon):
                return None
            if doc is not None and _rejected(kind, doc, start, end, lexicon):
                return None
            ctx = context(start, end)
            if timeline is not None:
                ctx.narrative, ctx.reference = True, timeline.before(start)
            try:
                resolved = resolve(kind, match, ctx)
            except (OverflowError, ValueError):
                # An anchor at the calendar's edge ("0001-01-01" in a text): no day to
                # count from, so the expression is left unresolved, not the article lost.
                return None
            if resolved is not None and kind == "year" and copyright_year(text, start, lexicon):
                return dataclasses.replace(resolved, confidence=lexicon.confidence["furniture"])
            return resolved

        return resolve_one

    # First without the story's reference time, to learn the dates it names; then again
    # with it, for the expressions that count from it ("the previous year").
    timeline = Timeline(text, lexicon.narrative.reference_breaks)
    for kind, match, _, end, resolved in _select(candidates, resolver(None)):
        if _sets_reference(kind, match, lexicon):
            timeline.add(end, resolved.value)
    chosen = _select(candidates, resolver(timeline))
    said = (
        speech_days(text, doc, [(k, s, e, r.value) for k, _, s, e, r in chosen], lexicon)
        if doc is not None and anchor is not None
        else {}
    )
    found: list[TimeExpression] = []
    last_quarter: str | None = None
    for index, (kind, match, start, end, resolved) in enumerate(chosen):
        if index in said and said[index] != anchor:
            # "today" in a quote said on Monday is that Monday.
            ctx = context(start, end)
            ctx.anchor, ctx.narrative = said[index], True
            resolved = resolve(kind, match, ctx) or resolved
            resolved = dataclasses.replace(resolved, confidence=lexicon.confidence["narrative"])
        if kind in CONTEXT_KINDS and last_quarter is not None:
            resolved = resolve(kind, match, context(start, end, last_quarter)) or resolved
        if kind not in CONTEXT_KINDS and _QUARTER.fullmatch(resolved.value):
            last_quarter = resolved.value
        found.append(
            TimeExpression(
                text[start:end], resolved.value, resolved.type, start, end, resolved.confidence
            )
        )
    return found


Candidate = tuple[str, re.Match[str], int, int]
Resolve = Callable[[str, re.Match[str], int, int], Resolved | None]


def _candidates(text: str, lexicon: Lexicon) -> list[tuple[int, Candidate]]:
    out: list[tuple[int, Candidate]] = []
    for rank, pattern in enumerate(lexicon.patterns):
        for match in pattern.regex.finditer(text):
            start, end = match.span()
            end = _trim_full_stop(text, start, end)
            if end > start:
                out.append((rank, (pattern.kind, match, start, end)))
    return out


def _sets_reference(kind: str, match: re.Match[str], lexicon: Lexicon) -> bool:
    """Whether an expression names a time the story can count from: not one counted
    from such a time itself ("the previous year", "a year later", "that day")."""
    if kind in NARRATIVE_KINDS:
        return False
    if kind == "shifted_unit":
        return match["shift"].lower().removeprefix("the ") not in lexicon.narrative.anaphoric_shifts
    if kind == "ago":
        return match["dir"].lower() in FROM_NOW
    return True


def _dateline(
    text: str, candidates: list[tuple[int, Candidate]], lexicon: Lexicon
) -> dt.date | None:
    """The date a text without a publication date gives itself: the first full date
    written as a dateline (alone on its line but for a few words: "Published 11:34 PM EST
    Nov 19, 2019") or with its weekday ("Indianapolis, Tuesday, Nov. 19, 2019")."""
    unanchored = Context(lexicon, None, None, lambda: "present")
    for _, (kind, match, start, end) in sorted(candidates, key=lambda c: c[1][2]):
        if kind not in DATELINE_KINDS or not match.groupdict().get("y"):
            continue
        resolved = resolve(kind, match, unanchored)
        if resolved is None or not _DAY.fullmatch(resolved.value):
            continue
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        rest = text[line_start:start] + " " + text[end : line_end if line_end >= 0 else len(text)]
        words = [w for w in rest.split() if any(c.isalpha() for c in w)]
        weekday = match.groupdict().get("weekday") or lexicon.weekday_before.search(
            text, max(0, start - 16), start
        )
        if len(words) <= lexicon.limits.dateline_words or weekday:
            return dt.date.fromisoformat(resolved.value)
    return None


def _trim_full_stop(text: str, start: int, end: int) -> int:
    if text[end - 1] != ".":
        return end
    last_word = text[start : end - 1].split()[-1] if text[start : end - 1].split() else ""
    letters = last_word.replace(".", "")
    if len(letters) > ABBREVIATION_MAX_LETTERS or ("." not in last_word and letters.isdigit()):
        return end - 1
    return end


def _select(
    candidates: list[tuple[int, Candidate]],
    resolve_one: Resolve,
) -> list[tuple[str, re.Match[str], int, int, Resolved]]:
    """Non-overlapping resolved matches: longest first, then earliest, then the first
    pattern listed; a match that does not resolve leaves room for a shorter one."""
    ordered = sorted(candidates, key=lambda c: (-(c[1][3] - c[1][2]), c[1][2], c[0]))
    taken: list[tuple[str, re.Match[str], int, int, Resolved]] = []
    for _, (kind, match, start, end) in ordered:
        if any(start < e and s < end for _, _, s, e, _ in taken):
            continue
        resolved = resolve_one(kind, match, start, end)
        if resolved is not None:
            taken.append((kind, match, start, end, resolved))
    return sorted(taken, key=lambda c: c[2])


def _tense_getter(doc: Doc | None, start: int, end: int, lexicon: Lexicon) -> Callable[[], Tense]:
    @cache
    def get() -> Tense:
        return tense_of(doc, start, end, lexicon) if doc is not None else "present"

    return get


def _furniture(kind: str, text: str, start: int, end: int, lexicon: Lexicon) -> bool:
    """Page furniture or a number that is no year (see times.chrome)."""
    if kind == "year":
        return not_a_year(text, start, end, lexicon)
    if kind == "fixed":
        return is_chrome(text, start, end, lexicon)
    return False


def _rejected(kind: str, doc: Doc, start: int, end: int, lexicon: Lexicon) -> bool:
    if kind == "year":
        return _counts_things(doc, start, end, lexicon)
    if kind in lexicon.filters.not_compounds:
        span = doc.char_span(start, end, alignment_mode="expand")
        return span is not None and span[-1].dep_ == "compound"
    if kind in lexicon.filters.not_verbs:
        span = doc.char_span(start, end, alignment_mode="expand")
        return span is not None and len(span) == 1 and span[0].pos_ in ("VERB", "AUX")
    return False


def _counts_things(doc: Doc, start: int, end: int, lexicon: Lexicon) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    token = span[-1]
    if token.dep_ not in _COUNTED_NOUN_DEPS or token.head.i < token.i:
        return False
    if token.head.tag_ not in lexicon.years.counted_noun_tags:
        return False
    before = doc[span.start - 1] if span.start > 0 else None
    return before is None or (
        before.pos_ not in lexicon.years.year_openers and before.tag_ != "POS"
    )
