"""Noun cues of reported speech: `her claim that ...`, `the plan to ...`.

PolNeAR-style attribution is not only verbs: a claim, report, decision or promise
carries its content in a clause hung on the noun (`that` + clause for what was
said or believed, `to` + verb for what was planned or promised). The source is
the noun's possessor (`Mary Jones's claim`) or a proper-noun compound (`a Lindmoor
Herald report`); a noun cue without one still reports the content, unsourced.
Only clauses with a `that` complementizer count: a relative clause (`the claim
that he made`) has no complementizer, its `that` is a pronoun.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsloom.enrich.quotes.config import QuoteConfig
from newsloom.enrich.quotes.cues import negated, noun_phrase, speaker_of

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

CLAUSES = ("acl", "relcl", "ccomp")
OBJECTS = ("dobj", "attr")


@dataclass(slots=True, frozen=True)
class NounCue:
    speaker: Span | None
    content: list[Token]


def noun_cue(noun: Token, config: QuoteConfig) -> NounCue | None:
    lemma = noun.lemma_.lower()
    that, to = lemma in config.reported.nouns["that"], lemma in config.reported.nouns["to"]
    if not (that or to):
        return None
    for clause in noun.rights:
        if clause.dep_ not in CLAUSES:
            continue
        marks = {c.lower_ for c in clause.children if c.dep_ in ("mark", "aux")}
        if (that and "that" in marks) or (to and "to" in marks and clause.pos_ == "VERB"):
            return NounCue(_source(noun), sorted(clause.subtree, key=lambda t: t.i))
    return None


def _source(noun: Token) -> Span | None:
    """The possessor, a proper-noun compound, or for the object of a verb (`Mary Jones
    made a promise to ...`, `signalled willingness to ...`) that verb's subject, unless
    it is negated (`are yet to confirm reports that ...`: the reports are not theirs)."""
    for child in noun.lefts:
        if child.dep_ == "poss":
            return noun_phrase(child)
    names = [c for c in noun.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    if names:
        return noun.doc[names[0].left_edge.i : names[-1].i + 1]
    if noun.dep_ in OBJECTS and noun.head.pos_ in ("VERB", "AUX") and not negated(noun.head):
        return speaker_of(noun.head)
    return None
