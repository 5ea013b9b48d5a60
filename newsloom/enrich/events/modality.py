"""How surely an event happened: the frame that governs its trigger, and its mode.

A trigger that another event governs is absorbed by it ("agreed to withdraw" is one
AGREE, "urged X to withdraw" one DEMAND). A frame that is no event of its own gives the
governed act its category or its mode:

- a promise or a stated readiness (`frames.intent`): a promise to cooperate is PLOVER
  AGREE, one to harm THREATEN; both are acts told as done (mode None);
- a refusal ("refused to", "ruled out"): REJECT; declining to comment is no event;
- a demand ("wants X to go"): DEMAND; a threat: THREATEN;
- a failure ("failed to agree", "were unable to reach a deal"): the act, `failed`;
- a plan or a schedule ("plans to visit", "is due to meet", "will visit"): the act,
  `planned` (an intent to harm stays PLOVER THREATEN);
- a hope or an attempt ("hopes to meet", "tried to mediate"): `hypothetical` (an
  attempt to harm is an act: "tried to storm the palace");
- a prediction ("is likely to agree", "expects X to resign"): `predicted`.

The clause itself then gives the mode: could/might/may, `should` and a `would` outside
reported speech are `hypothetical`, `will` is `planned` (an announced intent to harm is
PLOVER THREATEN), a to-infinitive that no frame governs is an unrealised purpose
(`hypothetical`: "trained them to fight"), and the simple present of an act is
`habitual` ("the company supports"). A negated trigger
is not coded (a denied event did not happen) unless it refuses to cooperate ("will not
accept": REJECT); an imperative ("Please support local shops!") tells no event.

Modes: None (asserted), "failed", "hypothetical", "predicted", "planned", "habitual".
Only asserted and planned acts are shown by default (see events_stage's confidence).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsloom.enrich.events.lexicon import EventLexicon, Frames

if TYPE_CHECKING:
    from spacy.tokens import Token

    from newsloom.enrich.events.candidate import Candidate

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
NEGATIONS = frozenset({"not", "n't", "never", "no"})
PRESENT = frozenset({"VBZ", "VBP"})
# Where a to-infinitive that no frame governs tells a purpose or a possibility.
INFINITIVES = frozenset({"advcl", "xcomp", "acl", "relcl", "ccomp"})

_ABSORBED = object()
_DROPPED = object()


def negated(token: Token) -> bool:
    return any(
        c.dep_ == "neg" or (c.lower_ in NEGATIONS and c.dep_ == "advmod") for c in token.children
    )


def apply_frames(found: list[Candidate], lexicon: EventLexicon) -> list[Candidate]:
    """Frames absorb what they govern; negation drops; frames and clauses set the mode."""
    by_clause = {c.clause.i: c for c in found if c.clause is not None}
    kept: list[Candidate] = []
    for candidate in found:
        clause = candidate.clause
        if clause is not None and negated(clause):
            if not _refused_intent(candidate, lexicon):
                continue  # a denied event did not happen: not coded
            candidate.type, candidate.mode = "REJECT", None
            kept.append(candidate)
            continue
        if clause is not None and clause.dep_ in ("conj", "advcl"):
            first = by_clause.get(clause.head.i)
            # A bare count ("and five injured") numbers the victims; it is no actor.
            own_subject = any(c.dep_ in SUBJECTS and not c.like_num for c in clause.children)
            if first is not None and first.type == candidate.type and not own_subject:
                # "killed and wounded", "exploded, killing three": one event, told by
                # its first verb.
                continue
        if clause is not None and _imperative(clause):
            continue  # "Please support local shops!", "Visit our website": no event
        if candidate.planned is not None:
            _noun_mode(candidate, lexicon)
        frame = _frame_of(candidate, by_clause, lexicon)
        if frame is _ABSORBED or frame is _DROPPED:
            continue
        if isinstance(frame, tuple):
            candidate.type, candidate.mode = frame
        elif candidate.mode is None:
            candidate.type, candidate.mode = _clause_mode(candidate, lexicon)
        if candidate.mode == "planned" and _conditioned(clause, lexicon.frames.ultimatum):
            candidate.type, candidate.mode = "THREATEN", None  # "will go unless ..."
        kept.append(candidate)
    return kept


def _hostile(candidate: Candidate, lexicon: EventLexicon) -> bool:
    return candidate.type in lexicon.categories.hostile


def _cooperative(candidate: Candidate, lexicon: EventLexicon) -> bool:
    return candidate.type in lexicon.categories.cooperative


def _noun_mode(candidate: Candidate, lexicon: EventLexicon) -> None:
    """An event noun under a future verb: "would keep up the protests" (its object: an
    intent, PLOVER THREATEN when hostile), "talks will begin" (its subject: planned); a
    `would` outside reported speech is a supposition ("an appeal would take years")."""
    verb = candidate.trigger.head
    if candidate.trigger.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    would = any(c.dep_ == "aux" and c.lower_ in ("would", "'d") for c in verb.children)
    if would and not _reported(verb, lexicon):
        candidate.mode = "hypothetical"
    elif candidate.planned == "object" and _hostile(candidate, lexicon):
        candidate.type, candidate.mode = "THREATEN", None
    else:
        candidate.mode = "planned"


def _refused_intent(candidate: Candidate, lexicon: EventLexicon) -> bool:
    """`will not accept`, `won't withdraw`: a refusal to cooperate is PLOVER REJECT."""
    clause = candidate.clause
    return (
        clause is not None
        and _cooperative(candidate, lexicon)
        and any(c.dep_ == "aux" and c.lower_ in lexicon.frames.future for c in clause.children)
    )


def _imperative(clause: Token) -> bool:
    """A bare verb with no subject and no auxiliary heading its sentence or a quoted
    clause ("Visit our website", chanted "Fund our schools")."""
    if clause.tag_ != "VB" or clause.dep_ not in ("ROOT", "ccomp", "parataxis"):
        return False
    return not any(c.dep_ in (*SUBJECTS, "aux", "auxpass", "expl", "mark") for c in clause.children)


def _governor(clause: Token) -> Token | None:
    """The word whose complement the clause is ("agreed to go", "refused to go", "is
    unable to go", "plans for talks"), or None."""
    head = clause.head
    if clause.dep_ in ("xcomp", "ccomp", "pcomp"):
        return head.head if head.pos_ == "ADP" and clause.dep_ == "pcomp" else head
    if clause.dep_ == "pobj" and head.dep_ == "prep":
        return head.head
    return None


def _frame_lemma(governor: Token) -> str:
    lemma = governor.lemma_.lower()
    particle = next((c.lower_ for c in governor.children if c.dep_ == "prt"), None)
    return f"{lemma} {particle}" if particle else lemma


def _frame_of(
    candidate: Candidate, by_clause: dict[int, Candidate], lexicon: EventLexicon
) -> object:
    """What governs the trigger: another event (absorbed), a negated frame (dropped), a
    frame that sets the category and mode (a tuple), or nothing (None)."""
    clause = candidate.clause
    if clause is None:
        return None
    frames = lexicon.frames
    hostile = _hostile(candidate, lexicon)
    governor = _governor(clause)
    if governor is not None:
        lemma = _frame_lemma(governor)
        governed = governor.i in by_clause and governor.i != clause.i
        if governed and (clause.dep_ != "ccomp" or lemma in frames.governing):
            return _ABSORBED
        # "is unable to", "is ready to": the adjective's verb carries the negation.
        negation = negated(governor) or (governor.dep_ == "acomp" and negated(governor.head))
        if lemma in frames.refusal:
            if negation or clause.lemma_.lower() in lexicon.precision.words.no_comment:
                return _DROPPED  # "declined to comment" refuses nothing
            return ("REJECT", None)
        if lemma in frames.failure:
            if negation:
                return _DROPPED
            # "failed to reach agreement": PLOVER codes a failed agreement as REJECT.
            return ("REJECT", None) if candidate.type == "AGREE" else (candidate.type, "failed")
        if lemma in frames.demand:
            return _DROPPED if negation else ("DEMAND", None)
        if lemma in frames.threat:
            return _DROPPED if negation else ("THREATEN", None)
        if lemma in frames.intent or lemma in frames.intent_adjectives:
            if negation:
                return _DROPPED
            if governor.dep_ == "acomp" and lemma not in frames.intent_adjectives:
                return None
            if hostile:
                return ("THREATEN", None)
            return ("AGREE", None) if _cooperative(candidate, lexicon) else None
        if lemma in frames.plan:
            if negation:
                return _DROPPED
            return ("THREATEN", None) if hostile else (candidate.type, "planned")
        if lemma in frames.attempt:
            return _DROPPED if negation else (candidate.type, None if hostile else "hypothetical")
        if lemma in frames.wish:
            return (candidate.type, "hypothetical")
        if lemma in frames.prediction:
            if lemma == "expect" and (_passive(governor) or not _own_subject(clause)):
                return (candidate.type, "planned")  # "is expected to meet", "expects to go"
            return (candidate.type, "predicted")
    if clause.dep_ == "advcl" and clause.head.i in by_clause and _purpose(clause):
        return _ABSORBED  # "began a strike to demand ...": the purpose of another event
    return None


def _clause_mode(candidate: Candidate, lexicon: EventLexicon) -> tuple[str, str | None]:
    """The category and mode the trigger's own clause (or its noun's verb) gives."""
    frames = lexicon.frames
    clause = candidate.clause
    if clause is not None and _hostile(candidate, lexicon) and _conditional_threat(clause, frames):
        # "the EU may halt its mediation if ...": a harm put on a condition is a threat.
        candidate.announced_by = _reporter(clause, lexicon)
        return "THREATEN", None
    if _hypothetical(candidate.trigger, lexicon):
        return candidate.type, "hypothetical"
    if clause is None:
        if _refused_noun(candidate.trigger, lexicon):
            return "REJECT", None  # "ruled out any deal"
        return candidate.type, _noun_frame_mode(candidate.trigger, lexicon)
    auxiliaries = {c.lower_ for c in clause.children if c.dep_ == "aux"}
    if auxiliaries & {"would", "'d"} and not _reported(clause, lexicon):
        return candidate.type, "hypothetical"  # "would give them reason to attack"
    if auxiliaries & {"should", "ought"}:
        return candidate.type, "hypothetical"
    if auxiliaries & frames.future or _going_to(clause):
        # An intent someone announces is PLOVER THREATEN when hostile ("the union said it
        # will strike") and AGREE when cooperative ("X said it would withdraw"); one the
        # article tells ("talks will resume on Friday") is the act, planned.
        reporter = _reporter(clause, lexicon)
        if _hostile(candidate, lexicon) or _conditioned(clause, frames.ultimatum):
            candidate.announced_by = reporter
            return "THREATEN", None  # "will withdraw unless ...": an ultimatum
        if reporter is not None and _cooperative(candidate, lexicon):
            candidate.announced_by = reporter
            return "AGREE", None
        return candidate.type, "planned"
    if "to" in auxiliaries and clause.tag_ == "VB" and clause.dep_ in INFINITIVES:
        return candidate.type, "hypothetical"  # "trained them to fight": a purpose
    if _habitual(clause, lexicon):
        return candidate.type, "habitual"
    return candidate.type, None


def _refused_noun(noun: Token, lexicon: EventLexicon) -> bool:
    verb = noun.head
    return (
        noun.dep_ == "dobj" and _frame_lemma(verb) in lexicon.frames.refusal and not negated(verb)
    )


def _noun_frame_mode(noun: Token, lexicon: EventLexicon) -> str | None:
    """The mode the words above a bare event noun give it, up to its clause: "we need
    assistance", "hopes for talks", "in order to open a route for aid" (hypothetical),
    "expected a major attack" (predicted),
    "efforts to arrange talks failed" (failed: a failure above outweighs the rest)."""
    frames = lexicon.frames
    found: str | None = None
    token = noun
    for _ in range(6):
        head = token.head
        if head.i == token.i or token.dep_ in ("ccomp", "relcl", "conj"):
            break
        lemma = head.lemma_.lower()
        if lemma in frames.failure and token.dep_ in ("nsubj", "nsubjpass", "xcomp", "acl"):
            return "failed"
        if lemma in frames.expectation and token.dep_ == "dobj" and token is noun:
            return "predicted"  # "they expected a major attack": not yet happened
        if head.pos_ in ("VERB", "AUX", "ADJ"):
            auxiliaries = {c.lower_ for c in head.children if c.dep_ == "aux"}
            infinitive = "to" in auxiliaries and head.tag_ == "VB" and head.dep_ in INFINITIVES
            marked = any(
                c.dep_ == "mark" and c.lower_ in frames.hypothetical for c in head.children
            )
            if auxiliaries & frames.hypothetical_modals or infinitive or marked:
                found = found or "hypothetical"
            if lemma in frames.wish:
                found = found or "hypothetical"
        token = head
    return found


def _habitual(clause: Token, lexicon: EventLexicon) -> bool:
    """The simple present of an act ("the device supports", "they talk about it all the
    time"): a habit or a property, not an event. Headlines are not in the body."""
    if clause.tag_ not in PRESENT:
        return False
    return not any(c.dep_ in ("aux", "auxpass") for c in clause.children)


def _going_to(clause: Token) -> bool:
    """ "is going to visit": `going` governs the act."""
    head = clause.head
    return clause.dep_ == "xcomp" and head.lower_ == "going" and head.tag_ == "VBG"


def _passive(verb: Token) -> bool:
    return any(c.dep_ == "auxpass" for c in verb.children)


def _own_subject(clause: Token) -> bool:
    return any(c.dep_ in SUBJECTS for c in clause.children) or any(
        c.dep_ == "dobj" for c in clause.head.children
    )


def _reported(verb: Token, lexicon: EventLexicon) -> bool:
    """The clause (or one it hangs on) is what someone said: "said it would withdraw"."""
    return _reporter(verb, lexicon) is not None


def _reporter(verb: Token, lexicon: EventLexicon) -> Token | None:
    """The reporting verb the clause (or one it hangs on) is the content of."""
    token = verb
    for _ in range(4):
        if token.dep_ == "ccomp" and token.head.lemma_.lower() in lexicon.frames.reporting:
            return token.head
        if token.head.i == token.i or token.dep_ not in ("xcomp", "conj", "ccomp", "advcl"):
            return None
        token = token.head
    return None


def _purpose(clause: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def _conditional_threat(clause: Token, frames: Frames) -> bool:
    """A modal act whose own clause sets a condition: "may halt talks if", "would cut
    aid unless"."""
    modals = frames.hypothetical_modals | frames.future
    if not any(c.dep_ == "aux" and c.lower_ in modals for c in clause.children):
        return False
    return _conditioned(clause, frames.hypothetical)


def _conditioned(clause: Token | None, marks: frozenset[str]) -> bool:
    """A clause of `clause` opens with one of `marks` ("unless they pay")."""
    if clause is None:
        return False
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children)
        for c in clause.children
    )


def _hypothetical(trigger: Token, lexicon: EventLexicon) -> bool:
    """Under could/might/may or inside if/unless/whether, up to the clause a relative
    clause, a report or a coordination starts (a relative clause tells a fact of its
    noun: "a stabbing that killed a passenger may have ...")."""
    token = trigger
    while True:
        for child in token.children:
            if child.dep_ == "mark" and child.lower_ in lexicon.frames.hypothetical:
                return True
            if child.dep_ == "aux" and child.lower_ in lexicon.frames.hypothetical_modals:
                return True
        if token.head.i == token.i or token.dep_ in ("ccomp", "conj", "relcl", "acl"):
            return False
        token = token.head
