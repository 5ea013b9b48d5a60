"""The events stage: PLOVER-coded events, each tied to the sentence that supports it.

For every sentence, events/parse finds the triggers, their frame and mode
(events/modality) and their actors, events/filters drops the words that name no act
(events/senses); events/actors settles who did it and to whom, events/details the
date, place and casualties of the event's own clause; events/fold keeps one row per act.

Confidence means something. The rules score each act: lowered for a mode other than
told as done or planned (hypothetical, predicted, failed, habitual), for an act told in
a direct quote, for a doer that is neither told nor left open by a passive or only
vaguely named, and for a date that is only the publication day (more for an act told in
the past); negated acts are not coded. The score is then read off the calibration curve
(events.toml [calibration], points placed by hand on the shares right in bins of scores on
the tuning half of the judged real-news set) as the share of such events found fully
right, so the UI's floor of 0.5 shows events right about half the time or more
(`newsloom eval --judged` prints the curve for both halves).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from newsloom.enrich.events.actors import ArticleActors, Settled, settle
from newsloom.enrich.events.candidate import Candidate
from newsloom.enrich.events.details import (
    Casualties,
    casualties,
    claimant,
    clause_region,
    event_date,
    event_place,
    region_of,
    report_of,
)
from newsloom.enrich.events.filters import actor_rejection
from newsloom.enrich.events.fold import fold, retold_nouns
from newsloom.enrich.events.lexicon import EventLexicon, event_lexicon
from newsloom.enrich.events.parse import attach_actors, find_candidates, passive
from newsloom.record import Article, Entity, Event, EventActor

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# A claim in a later sentence reaches back this many sentences for its attack.
CLAIM_REACH = 3
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
# Adverbs that put an act before the story's own time.
BEFORE_THE_STORY = frozenset({"previously", "earlier", "formerly", "once", "long"})


class EventStage:
    name: ClassVar[str] = "events"
    requires: ClassVar[frozenset[str]] = frozenset({"entities", "times", "places"})
    assigns: ClassVar[frozenset[str]] = frozenset({"events"})

    def __call__(self, article: Article, doc: Doc) -> None:
        article.events = code_events(article, doc)


def code_events(article: Article, doc: Doc) -> list[Event]:
    lexicon = event_lexicon()
    known = ArticleActors.of(article, doc)
    violent = lexicon.categories.violent  # casualties and claims belong to these
    quoted = [(q.start, q.end) for q in article.quotes if q.kind == "direct"]
    events: list[Event] = []
    dated: dict[int, bool] = {}  # id(event) -> its date was told in its clause
    recent: list[tuple[int, Event]] = []  # (sentence number, violent event)
    for number, sent in enumerate(doc.sents):
        candidates = find_candidates(sent, lexicon) if not _furniture(sent.text) else []
        claim = claimant(sent, lexicon)
        if not candidates:
            if claim is not None:
                _claim_back(recent, number, _actor(claim, article.entities))
            if _recent(recent, number):
                _toll_back(recent[-1][1], casualties(sent, lexicon))
            continue
        coded: list[Event] = []
        kinds: list[str] = []
        for candidate in sorted(candidates, key=lambda c: c.trigger.i):
            attach_actors(candidate, lexicon)
            if actor_rejection(candidate, lexicon) is not None:
                continue
            region = clause_region(candidate)
            told = region if candidate.announced_by is None else region_of(candidate.announced_by)
            date, from_text = event_date(article.times, told, article.published, candidate.trigger)
            report = report_of(candidate, lexicon.frames.reporting)
            if not from_text and report is not None:
                date, from_text = event_date(article.times, region_of(report), article.published)
            toll = casualties(region, lexicon)
            event = _event(candidate, sent, known, lexicon, quoted, toll, from_text)
            if event is None:
                continue
            event.date = date if from_text or not _before_the_story(candidate) else None
            dated[id(event)] = from_text
            if (
                from_text
                and event.mode is None
                and candidate.announced_by is None
                and _after_publication(date, article)
                and _not_past(candidate)
            ):
                # "the union holds its congress on Friday": not yet happened.
                event.mode = "planned"
                event.confidence = round(event.confidence * lexicon.confidence["planned"], 3)
            place = event_place(article.places, article.entities, region)
            event.place_id = place.entity_id if place else None
            if claim is not None and event.type in violent:
                event.claimed_by = _actor(claim, article.entities)
            if _retold(candidate, event, events):
                continue  # "The deal also includes ...": an event already coded, named again
            if not any(_same(event, other) for other in coded):
                coded.append(event)
                kinds.append(candidate.kind)
        coded = retold_nouns(kinds, coded)
        if claim is not None and _recent(recent, number):
            # "X claimed responsibility for the blast": a definite event noun names an
            # attack already coded; the claim goes to it and the mention is not recounted.
            mentions = [e for e in coded if e.type in violent and _definite(doc, e)]
            if mentions or not any(e.type in violent for e in coded):
                coded = [e for e in coded if e not in mentions]
                _claim_back(recent, number, _actor(claim, article.entities))
        recent.extend((number, e) for e in coded if e.type in violent)
        events.extend(coded)
    folded = fold(events, [dated[id(e)] for e in events])
    for event in folded:
        event.confidence = calibrated(event.confidence, lexicon.calibration.points)
    return folded


def calibrated(score: float, points: Sequence[tuple[float, float]]) -> float:
    """The share of events right at this rule score, read off the judged set's curve."""
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        if x0 <= score <= x1:
            return round(y0 + (y1 - y0) * (score - x0) / (x1 - x0), 3)
    return points[-1][1] if score > points[-1][0] else points[0][1]


def _furniture(text: str) -> bool:
    """A line of page furniture ("Home | World | Offers | ..."): no event."""
    return text.count("|") >= 2


def _toll_back(event: Event, toll: Casualties) -> None:
    """ "The death toll rose to 30": a later count for the attack just told, the higher."""
    if toll.fatalities is not None:
        event.fatalities = max(event.fatalities or 0, toll.fatalities)
    if toll.injured is not None:
        event.injured = max(event.injured or 0, toll.injured)


def _recent(recent: list[tuple[int, Event]], number: int) -> bool:
    return bool(recent) and number - recent[-1][0] <= CLAIM_REACH


def _definite(doc: Doc, event: Event) -> bool:
    span = doc.char_span(event.trigger_start, event.trigger_end)
    if span is None or len(span) != 1 or span[0].pos_ != "NOUN":
        return False
    return any(c.dep_ == "det" and c.lower_ in DEFINITE for c in span[0].children)


def _claim_back(recent: list[tuple[int, Event]], number: int, actor: EventActor) -> None:
    for position, event in reversed(recent):
        if number - position > CLAIM_REACH:
            break
        if event.claimed_by is None:
            event.claimed_by = actor
            return


def _event(
    candidate: Candidate,
    sent: Span,
    known: ArticleActors,
    lexicon: EventLexicon,
    quoted: Sequence[tuple[int, int]],
    toll: Casualties,
    date_from_text: bool,
) -> Event | None:
    """The event record of a candidate, or None when its doer is a thing and the act
    needs a doer ("the new model offers", "the sums pledged")."""
    weights = lexicon.confidence
    trigger = candidate.trigger
    violent = candidate.type in lexicon.categories.violent
    source = settle(candidate.source, trigger.idx, known, lexicon)
    target = settle(candidate.target, trigger.idx, known, lexicon, role="target")
    if source.how == "thing" and not violent:
        return None
    confidence = weights[candidate.kind]
    if source.actor is not None:
        confidence += weights["with_source"]
    if target.actor is not None:
        confidence += weights["with_target"]
    confidence = min(confidence, 0.95)
    if source.how == "vague":
        confidence *= weights["vague_source"]
    elif source.actor is None and not _unknown_doer(candidate, source):
        confidence *= weights["no_source"]  # who did it is neither told nor left open
    if candidate.mode is not None:
        confidence *= weights[candidate.mode]
    if any(start <= trigger.idx < end for start, end in quoted):
        confidence *= weights["quoted"]
    if not date_from_text:
        # Only the publication day: less sure still for an act told in the past.
        confidence *= weights["past_undated" if _past(candidate) else "published_date"]
    start, end = _trimmed(sent)
    return Event(
        type=candidate.type,
        trigger=trigger.text,
        trigger_span=(trigger.idx, trigger.idx + len(trigger.text)),
        start=start,
        end=end,
        mode=candidate.mode,
        source=source.actor,
        target=target.actor,
        fatalities=toll.fatalities if violent else None,
        injured=toll.injured if violent else None,
        confidence=round(confidence, 3),
    )


def _unknown_doer(candidate: Candidate, source: Settled) -> bool:
    """The text leaves the doer open: a passive without its agent ("was arrested"), or
    a weapon or thing as the subject of a violent act ("a bomb killed four")."""
    if source.how == "thing":
        return True
    clause = candidate.clause
    return clause is not None and passive(clause)


def _after_publication(date: str | None, article: Article) -> bool:
    """A TIMEX3 value later than the publication day, compared at its own precision
    ("2026" is after 2025-11-06, "2025-11" is not, "2025-W45" is judged by its year)."""
    published = article.published
    if date is None or published is None:
        return False
    day = published.date() if isinstance(published, dt.datetime) else published
    parts = date.split("-")
    if not parts[0].isdigit():
        return False
    if int(parts[0]) != day.year or len(parts) == 1 or not parts[1].isdigit():
        return int(parts[0]) > day.year
    if int(parts[1]) != day.month or len(parts) == 2:
        return int(parts[1]) > day.month
    digits = parts[2][:2]
    return digits.isdigit() and int(digits) > day.day


def _before_the_story(candidate: Candidate) -> bool:
    """Told as before the story's time ("had discussed", "previously met", "had faced a
    probe"): the publication day would be wrong, and no other day is told."""
    clause = _told_by(candidate)
    if clause is None:
        return False
    if clause.dep_ == "relcl" and clause.tag_ == "VBD" and not _names_an_event(clause.head):
        # "Taylor, who boycotted the hearing", "a judge who denied bail": background on
        # an actor ("a blast that killed two" is the event itself, told as it happened).
        return True
    return any(
        (c.dep_ == "aux" and c.lower_ in ("had", "'d") and clause.tag_ == "VBN")
        or (c.dep_ == "advmod" and c.lower_ in BEFORE_THE_STORY)
        for c in clause.children
    )


def _names_an_event(noun: Token) -> bool:
    lexicon = event_lexicon()
    return (
        noun.lemma_.lower() in lexicon.nouns
        or noun.lemma_.lower() in lexicon.casualties.death_nouns
    )


def _told_by(candidate: Candidate) -> Token | None:
    """The verb whose tense tells the act's time: its own clause, or for an event noun
    the verb it is the object of ("faced a probe", "took part in talks")."""
    if candidate.clause is not None:
        return candidate.clause
    verb = candidate.trigger.head
    if candidate.trigger.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    return verb if verb.pos_ in ("VERB", "AUX") else None


def _past(candidate: Candidate) -> bool:
    """Told in the past: "attacked", "was arrested", "had met", "has resigned"."""
    clause = _told_by(candidate)
    if clause is None:
        return False
    auxiliaries = [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
    if clause.tag_ == "VBD" and not auxiliaries:
        return True
    return clause.tag_ == "VBN" and any(
        a.tag_ == "VBD" or a.lemma_.lower() == "have" for a in auxiliaries
    )


def _not_past(candidate: Candidate) -> bool:
    """The trigger's clause is not told in the past ("will meet", a bare noun)."""
    clause = candidate.clause
    if clause is None:
        return True
    if clause.tag_ in ("VBD", "VBN"):
        return False
    return not any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in clause.children)


def _trimmed(sent: Span) -> tuple[int, int]:
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    end = sent.start_char + len(text.rstrip())
    return start, max(end, start)


def _actor(span: Span, entities: Sequence[Entity]) -> EventActor:
    """The actor's words, linked to the entity whose mention overlaps them most."""
    best: tuple[int, str] | None = None
    for entity in entities:
        for mention in entity.mentions:
            shared = min(mention.end, span.end_char) - max(mention.start, span.start_char)
            if shared > 0 and (best is None or shared > best[0]):
                best = (shared, entity.id)
    return EventActor(span.text, span.start_char, span.end_char, best[1] if best else None)


def _retold(candidate: Candidate, event: Event, earlier: Sequence[Event]) -> bool:
    """A bare event noun with a definite article or a possessive ("the deal", "their
    protest") after an event of its category in an earlier sentence names that event."""
    trigger = candidate.trigger
    lemma = trigger.lemma_.lower()
    named = any(
        e.type == event.type or (e.target is not None and e.target.text.lower().endswith(lemma))
        for e in earlier
    )
    if candidate.kind != "noun" or not named:
        return False
    return any(
        (c.dep_ == "det" and c.lower_ in DEFINITE) or c.dep_ == "poss" for c in trigger.children
    )


def _same(a: Event, b: Event) -> bool:
    """One event twice in a sentence ("attacked and bombed the base"): keep the first."""
    return (
        a.type == b.type
        and _actor_text(a.source) == _actor_text(b.source)
        and _actor_text(a.target) == _actor_text(b.target)
    )


def _actor_text(actor: EventActor | None) -> str | None:
    return actor.text if actor else None


def main_event(events: Sequence[Event], doc: Doc) -> Event | None:
    """The event a one-sentence text is about: the trigger nearest the root, then the
    surest. Used by the PLOVER evaluation, which codes one event per sentence."""
    if not events:
        return None

    def depth(event: Event) -> int:
        span = doc.char_span(event.trigger_start, event.trigger_end, alignment_mode="expand")
        if span is None:
            return 99
        token, steps = span.root, 0
        if token.dep_ == "dobj" and token.head.lemma_.lower() in event_lexicon().light_verbs.lemmas:
            token = token.head  # "held talks": the light verb stands for the event
        while token.head.i != token.i and steps < 50:
            token, steps = token.head, steps + 1
        return steps

    return min(events, key=lambda e: (depth(e), -e.confidence, e.trigger_start))
