"""Deictic words inside a quote count from the day it was said, not from publication.

'"Today we mourn," the mayor said on Monday.' in a Wednesday story: the quote's "today"
is Monday. The day a quote was said is a day-precise time outside the quotation marks,
in the same paragraph, that hangs on a reporting verb ("said on Monday", "told
reporters yesterday"). Without one the quote is taken as said on the publication day.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from newsloom.enrich.times.lexicon import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Kinds that count days from the moment of speaking ("today", "yesterday", "this morning").
DEICTIC_KINDS = frozenset({"day_word", "part_of_day"})
_QUOTE = re.compile(r"“[^”]*”|\"[^\"\n]*\"")
_DAY = re.compile(r"(\d{4}-\d\d-\d\d)")


def speech_days(
    text: str, doc: Doc, found: list[tuple[str, int, int, str]], lexicon: Lexicon
) -> dict[int, dt.date]:
    """For each deictic expression inside a quote (index into `found`: kind, start, end,
    value), the day the quote was said, where the text tells it."""
    out: dict[int, dt.date] = {}
    for i, (kind, start, end, _) in enumerate(found):
        if kind not in DEICTIC_KINDS:
            continue
        paragraph = _paragraph(text, start)
        quotes = [
            (paragraph[0] + q.start(), paragraph[0] + q.end())
            for q in _quote_spans(text, paragraph)
        ]
        inside = next(((s, e) for s, e in quotes if s <= start and end <= e), None)
        if inside is None:
            continue
        said = _said_on(text, doc, found, paragraph, quotes, inside, lexicon)
        if said is not None:
            out[i] = said
    return out


def _paragraph(text: str, position: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return start, end if end >= 0 else len(text)


def _quote_spans(text: str, paragraph: tuple[int, int]) -> list[re.Match[str]]:
    return list(_QUOTE.finditer(text[paragraph[0] : paragraph[1]]))


def _reporting_verb(token: Token, lexicon: Lexicon) -> Token | None:
    """The reporting verb a time hangs on directly ("said Monday", "said on Monday"), not
    through a noun ("said at a vigil for the victims of Friday's attack")."""
    head = token.head
    if head.dep_ == "prep" and head.head is not head:
        head = head.head
    if head is token or head.lemma_.lower() not in lexicon.tense.reporting_lemmas:
        return None
    return head


def _said_on(
    text: str,
    doc: Doc,
    found: list[tuple[str, int, int, str]],
    paragraph: tuple[int, int],
    quotes: list[tuple[int, int]],
    quote: tuple[int, int],
    lexicon: Lexicon,
) -> dt.date | None:
    """The day-precise time nearest the quote, outside every quote of the paragraph, that
    a reporting verb governs."""
    best: tuple[int, dt.date] | None = None
    for _, start, end, value in found:
        day = _DAY.match(value)
        if day is None or not (paragraph[0] <= start and end <= paragraph[1]):
            continue
        if any(s <= start < e for s, e in quotes):
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        verb = _reporting_verb(span.root, lexicon) if span is not None and len(span) else None
        if verb is None:
            continue
        distance = start - quote[1] if start >= quote[1] else quote[0] - end
        if best is None or distance < best[0]:
            best = (distance, dt.date.fromisoformat(day.group(1)))
    return best[1] if best else None
