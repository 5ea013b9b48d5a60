"""An event's details beyond its actors: casualties, claims, date and place, each read
from the event's own clause (`clause_region`: its verb and what it governs, less the
clauses with an act of their own), never from a neighbouring clause or sentence.

Casualty counts come from the parse around death and injury words ("killed at least 12
soldiers", "12 people were killed", "the death toll rose to 30", "injuring five",
"leaving 12 dead"); a claim is "X claimed responsibility (for ...)". The date is the
TIMEX3 value of a time expression said of the act in its clause ("on Tuesday", not "their
2020 session"), else the publication day with lower confidence; the place is a resolved
place where the act happened (after in/at/near, or the place acted upon).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsloom.enrich.events.lexicon import EventLexicon
from newsloom.enrich.events.parse import noun_phrase
from newsloom.record import Entity, Place, TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from newsloom.enrich.events.candidate import Candidate

LOCATIVE = frozenset({"in", "near", "at", "outside", "inside", "around", "across", "from"})
_DIGITS = re.compile(r"\d[\d,]*")


@dataclass(slots=True)
class Casualties:
    fatalities: int | None = None
    injured: int | None = None


def number(token: Token, lexicon: EventLexicon) -> int | None:
    """The count a token states: `12`, `1,200`, `twelve`, `dozens`, `thirty-nine`."""
    text = token.lower_
    if _DIGITS.fullmatch(text):
        value = int(text.replace(",", ""))
        return value if value < 10_000_000 else None
    units = lexicon.numbers.get(text)
    if units is not None and units < 10:
        # "thirty-nine": the tokenizer leaves the tens as a modifier of the units.
        tens = next((c for c in token.children if c.dep_ == "compound"), None)
        ten = lexicon.numbers.get(tens.lower_) if tens is not None else None
        if ten is not None and ten % 10 == 0 and ten < 100:
            return ten + units
    return units


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


def casualties(tokens: Iterable[Token], lexicon: EventLexicon) -> Casualties:
    """The counts told by the casualty words among `tokens` (a sentence, or one event's
    own clause: "a bomb killed a soldier, while an ambush left eight dead" gives the bomb
    one death and the ambush eight)."""
    found = Casualties()
    for token in tokens:
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
    """`leaving 12 people dead`, `left five wounded`, `left eight dead`."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        return
    words = lexicon.casualties
    if obj.lemma_.lower() in words.death_nouns | words.injury_nouns:
        value = count_of(obj, lexicon)  # "left eight dead": the state is the object
        if value is not None:
            dead = obj.lemma_.lower() in words.death_nouns
            _add(found, "fatalities" if dead else "injured", value)
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


# Clauses of their own inside an event's clause: their times, places and counts are theirs.
OWN_CLAUSES = frozenset({"ccomp", "advcl", "relcl", "acl", "parataxis", "csubj"})


def clause_region(candidate: Candidate) -> list[Token]:
    """The words of the event's own clause: its verb (or, for a bare noun, the verb it
    belongs to, else the noun) with everything it governs but the clauses of their own
    ("X said on Monday that Y attacked", "Y, who met Z on Tuesday, will visit ...")."""
    head = candidate.clause
    if head is None:
        noun = candidate.trigger
        verb = noun.head
        if noun.dep_ == "pobj" and verb.dep_ == "prep":
            verb = verb.head
        head = verb if verb.pos_ in ("VERB", "AUX") and verb.i != noun.i else noun
    return region_of(head, candidate.trigger)


def region_of(head: Token, keep: Token | None = None) -> list[Token]:
    """`head` and what it governs, less the clauses of their own (but the one holding
    `keep`)."""
    path = {keep.i, *(t.i for t in keep.ancestors)} if keep is not None else set()
    tokens: list[Token] = []
    stack = [head]
    while stack:
        token = stack.pop()
        tokens.append(token)
        for child in token.children:
            if child.i not in path and _own_clause(child):
                continue
            stack.append(child)
    return sorted(tokens, key=lambda t: t.i)


def report_of(candidate: Candidate, reporting: frozenset[str]) -> Token | None:
    """The reporting verb of an act told as going on when it was reported ("announced
    on Sept. 30 that it was withdrawing"): the act takes the report's time."""
    clause = candidate.clause
    if clause is None or clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in reporting:
        return None
    progressive = clause.tag_ == "VBG" and any(c.dep_ == "aux" for c in clause.children)
    return clause.head if progressive else None


def _own_clause(token: Token) -> bool:
    """A clause with an act of its own. A participle that tells the outcome ("exploded,
    killing three") and a conjunct whose subject only counts the victims ("were killed
    and five injured") belong to the event's clause."""
    subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if token.dep_ == "advcl" and token.tag_ in ("VBG", "VBN") and subject is None:
        return any(c.dep_ == "mark" for c in token.children)
    if token.dep_ == "acl" and token.tag_ == "VBN" and token.head.dep_ == "pobj":
        # "In a statement published on Oct. 25, X accused Y": the setting of the act.
        return token.head.head.dep_ != "prep" or token.head.head.head.pos_ not in ("VERB", "AUX")
    if token.dep_ in OWN_CLAUSES:
        return True
    # "killed three and wounded five" share a clause; "X attacked and Y fled" do not.
    return token.dep_ == "conj" and subject is not None and not subject.like_num


def event_date(
    times: Sequence[TimeExpression],
    region: Sequence[Token],
    published: dt.date | dt.datetime | None,
    trigger: Token | None = None,
) -> tuple[str | None, bool]:
    """(TIMEX3 value, True) of the first dated time expression in the event's own
    clause, else (the publication day, False): never a time told of another act."""
    if not region:
        return None, False
    doc = region[0].doc
    heads = {t.i for t in region if t.dep_ not in ("pobj", "dobj", "nsubj", "nsubjpass")}
    # "Trump on Tuesday voiced support": the parser hangs the time on the subject.
    heads |= {t.i for t in region if t.dep_ == "nsubj" and t.head.i in heads}
    if trigger is not None:
        heads.add(trigger.i)
    spans = [(t.idx, t.idx + len(t.text)) for t in region]
    for time in times:
        if not _dated(time) or not any(start <= time.start < end for start, end in spans):
            continue
        span = doc.char_span(time.start, time.end, alignment_mode="expand")
        if span is not None and _adjunct(span.root, heads):
            return time.value, True
    if published is None:
        return None, False
    day = published.date() if isinstance(published, dt.datetime) else published
    return day.isoformat(), False


def _adjunct(root: Token, heads: set[int]) -> bool:
    """A time said of the act ("on Tuesday", "last month", "in 2000"), not of a thing in
    its clause ("ahead of their 2020 session", "a 2001 resolution")."""
    head = root.head
    if head.dep_ == "prep" and root.dep_ == "pobj":
        head = head.head
    return head.i in heads or head.i == root.i


def _dated(time: TimeExpression) -> bool:
    return time.type in ("DATE", "TIME") and time.value[:1].isdigit()


def event_place(
    places: Sequence[Place], entities: Sequence[Entity], region: Sequence[Token]
) -> Place | None:
    """A resolved place named in the event's own clause; one after in/near/at wins."""
    if not region:
        return None
    mentions: dict[str, list[tuple[int, int]]] = {}
    for entity in entities:
        mentions[entity.id] = [(m.start, m.end) for m in entity.mentions]
    starts = {t.idx for t in region}
    doc = region[0].doc
    best: tuple[int, int, Place] | None = None
    for place in places:
        spans = [(place.start, place.end), *mentions.get(place.entity_id, [])]
        for start, _end in spans:
            span = doc.char_span(start, start + 1, alignment_mode="expand")
            if span is None or span[0].idx not in starts:
                continue
            token = span[0]
            if not (_after_locative(token) or _object(token)):
                continue  # "Rukban residents", "the Kabul government": no place of the act
            rank = 0 if _after_locative(token) else 1
            if best is None or (rank, start) < best[:2]:
                best = (rank, start, place)
    return best[2] if best else None


def _object(token: Token) -> bool:
    """The place acted upon: "visited Tarsk", "shelled Dorra", "Kell was attacked"."""
    while token.dep_ in ("compound", "amod", "det") and token.head.i != token.i:
        token = token.head
    return token.dep_ in ("dobj", "nsubjpass") and token.head.pos_ in ("VERB", "AUX")


def _after_locative(token: Token) -> bool:
    while token.dep_ in ("compound", "amod", "det") and token.head.i != token.i:
        token = token.head
    return token.dep_ == "pobj" and token.head.lower_ in LOCATIVE
