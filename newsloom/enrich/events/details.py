"""An event's details beyond its actors: casualties, claims, date and place.

Casualty counts come from the parse around death and injury words ("killed at least 12
soldiers", "12 people were killed", "the death toll rose to 30", "injuring five",
"leaving 12 dead"); a claim is "X claimed responsibility (for ...)". The date is the
TIMEX3 value of a time expression in the sentence (else in the sentence before, same
paragraph), else the publication day with lower confidence; the place is a resolved place
named in the sentence, preferring one after a locative preposition.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsloom.enrich.events.lexicon import EventLexicon
from newsloom.enrich.events.parse import noun_phrase
from newsloom.record import Entity, Place, TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

LOCATIVE = frozenset({"in", "near", "at", "outside", "inside", "around", "across", "from"})
_DIGITS = re.compile(r"\d[\d,]*")


@dataclass(slots=True)
class Casualties:
    fatalities: int | None = None
    injured: int | None = None


def number(token: Token, lexicon: EventLexicon) -> int | None:
    """The count a token states: `12`, `1,200`, `twelve`, `dozens`."""
    text = token.lower_
    if _DIGITS.fullmatch(text):
        value = int(text.replace(",", ""))
        return value if value < 10_000_000 else None
    return lexicon.numbers.get(text)


def count_of(token: Token, lexicon: EventLexicon) -> int | None:
    """The number a noun phrase states: its own (`five`) or its numeric modifier's."""
    own = number(token, lexicon)
    if own is not None:
        return own
    for child in token.children:
        if child.dep_ == "nummod" or (child.like_num and child.dep_ in ("amod", "quantmod")):
            value = number(child, lexicon)
            if value is not None:
                return value
        if child.dep_ == "prep" and child.lower_ == "of" and token.lower_ in lexicon.numbers:
            return lexicon.numbers[token.lower_]
    return None


def casualties(sent: Span, lexicon: EventLexicon) -> Casualties:
    found = Casualties()
    for token in sent:
        lemma = token.lemma_.lower()
        if token.pos_ in ("VERB", "ADJ") and (
            lemma in lexicon.casualties.killed or lemma in lexicon.casualties.injured
        ):
            value = _verb_count(token, lexicon)
            if value is not None:
                _add(
                    found, "fatalities" if lemma in lexicon.casualties.killed else "injured", value
                )
        elif lemma == "toll":
            value = _toll(token, lexicon)
            if value is not None:
                is_injury = any(
                    c.lemma_.lower() in lexicon.casualties.injury_nouns for c in token.children
                )
                _add(found, "injured" if is_injury else "fatalities", value)
        elif lemma == "leave" and token.pos_ == "VERB":
            _left(token, lexicon, found)
    return found


def _add(found: Casualties, field: str, value: int) -> None:
    current = getattr(found, field)
    setattr(found, field, value if current is None else max(current, value))


def _verb_count(verb: Token, lexicon: EventLexicon) -> int | None:
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass", "nsubj"):
            # "Two gunmen killed a guard" counts attackers; "30 people died" and
            # "... and five injured" count victims.
            if child.dep_ == "nsubj" and verb.lemma_.lower() != "die" and verb.dep_ != "conj":
                continue
            value = count_of(child, lexicon)
            if value is not None:
                return value
    return None


def _toll(toll: Token, lexicon: EventLexicon) -> int | None:
    """`the death toll rose to 30`, `a toll of 30`, `the toll stood at 30`."""
    places = [toll]
    if toll.dep_ in ("nsubj", "nsubjpass"):
        places.append(toll.head)
    for token in places:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("to", "of", "at"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        value = count_of(obj, lexicon)
                        if value is not None:
                            return value
            if child.dep_ in ("attr", "dobj") and token is not toll:
                value = count_of(child, lexicon)
                if value is not None:
                    return value
    return None


def _left(verb: Token, lexicon: EventLexicon, found: Casualties) -> None:
    """`leaving 12 people dead`, `left five wounded`."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        return
    state = next(
        (
            c
            for c in [*verb.children, *obj.children]
            if c.dep_ in ("oprd", "ccomp", "amod", "acomp")
        ),
        None,
    )
    if state is None:
        return
    value = count_of(obj, lexicon)
    lemma = state.lemma_.lower()
    if value is None:
        return
    if lemma in lexicon.casualties.death_nouns or lemma in lexicon.casualties.killed:
        _add(found, "fatalities", value)
    elif lemma in lexicon.casualties.injury_nouns or lemma in lexicon.casualties.injured:
        _add(found, "injured", value)


def claimant(sent: Span, lexicon: EventLexicon) -> Span | None:
    """Who claims responsibility in this sentence ("X claimed responsibility"), if anyone."""
    for token in sent:
        if token.lemma_.lower() not in lexicon.claims.verbs or token.pos_ != "VERB":
            continue
        if not any(
            c.dep_ == "dobj" and c.lemma_.lower() in lexicon.claims.objects for c in token.children
        ):
            continue
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return noun_phrase(subject)
    return None


def event_date(
    times: Sequence[TimeExpression],
    sent: Span,
    previous: Span | None,
    published: dt.date | dt.datetime | None,
) -> tuple[str | None, bool]:
    """(TIMEX3 value, True when read from the text) or the publication day (False)."""
    for span in (sent, previous):
        if span is None:
            continue
        for time in times:
            if span.start_char <= time.start < span.end_char and _dated(time):
                return time.value, True
    if published is None:
        return None, False
    day = published.date() if isinstance(published, dt.datetime) else published
    return day.isoformat(), False


def _dated(time: TimeExpression) -> bool:
    return time.type in ("DATE", "TIME") and time.value[:1].isdigit()


def event_place(places: Sequence[Place], entities: Sequence[Entity], sent: Span) -> Place | None:
    """A resolved place named in the sentence; one after in/near/at wins over others."""
    mentions: dict[str, list[tuple[int, int]]] = {}
    for entity in entities:
        mentions[entity.id] = [(m.start, m.end) for m in entity.mentions]
    best: tuple[int, int, Place] | None = None
    for place in places:
        spans = [(place.start, place.end), *mentions.get(place.entity_id, [])]
        for start, end in spans:
            if not (sent.start_char <= start and end <= sent.end_char):
                continue
            rank = 0 if _after_locative(sent, start) else 1
            if best is None or (rank, start) < best[:2]:
                best = (rank, start, place)
    return best[2] if best else None


def _after_locative(sent: Span, start: int) -> bool:
    span = sent.doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    token = span.root
    while token.dep_ in ("compound", "amod", "det") and token.head.i != token.i:
        token = token.head
    return token.dep_ == "pobj" and token.head.lower_ in LOCATIVE
