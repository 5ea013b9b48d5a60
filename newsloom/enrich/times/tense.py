"""The tense of the verb that governs a time expression, read from the spaCy parse.

"will meet on Friday" is future, "met on Friday" past, "is due to visit on Friday"
future (a future-leaning verb such as "due" or "plan" above the verb). Used to pick
which Friday, which March, which side of the anchor a month-day lies on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from newsloom.enrich.times.lexicon import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Tense = Literal["past", "present", "future"]

VERBAL = frozenset({"VERB", "AUX"})
# Finite verb forms that keep their own tense in a clause joined to another.
FINITE_OWN_TENSE = frozenset({"VBD"})
MAX_CLIMB = 8


# A gerund in the place of a noun ("participate in planning for the summit") has no
# tense of its own: the verb above it has.
NOUN_PLACES = frozenset({"pobj", "pcomp", "nsubj", "dobj"})


def governing_verb(token: Token) -> Token | None:
    """The nearest verb above `token` in the dependency tree (itself when a verb)."""
    for _ in range(MAX_CLIMB):
        if token.pos_ in VERBAL and not (token.tag_ == "VBG" and token.dep_ in NOUN_PLACES):
            return token
        if token.head is token:
            return None
        token = token.head
    return None


def tense_of(doc: Doc, start: int, end: int, lexicon: Lexicon) -> Tense:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "present"
    if _since(span.root, lexicon):
        return "past"
    verb = governing_verb(span.root)
    if verb is None:
        return "present"
    return verb_tense(_reattach(verb, span.start), lexicon)


def _since(token: Token, lexicon: Lexicon) -> bool:
    """A time that something lasts since ("since March", "since the Oct. 23 attack") is
    past, whatever the verb's tense."""
    for _ in range(3):
        if token.dep_ == "pobj" and token.head.lower_ in lexicon.tense.past_prepositions:
            return True
        if token.head is token:
            return False
        token = token.head
    return False


def _reattach(verb: Token, position: int) -> Token:
    """Fix a common misparse: in "said on Tuesday it will visit", the parser hangs
    "on Tuesday" on "visit"; an expression that sits between a reporting verb and the
    subject of its clause belongs to the reporting verb."""
    if verb.dep_ != "ccomp" or not verb.head.i < position:
        return verb
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects and position < subjects[0].left_edge.i and verb.head.pos_ in VERBAL:
        return verb.head
    return verb


def _reported(verb: Token, lexicon: Lexicon) -> bool:
    """The verb heads a clause that a reporting verb governs ("said [that] he would ...")."""
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in lexicon.tense.reporting_lemmas


def _past_perfect(node: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "had" for c in node.children)


def _modal_perfect(node: Token, lexicon: Lexicon) -> bool:
    """ "may have been", "could have met": a guess about the past, not a future."""
    auxes = [c.lower_ for c in node.children if c.dep_ in ("aux", "auxpass")]
    return "have" in auxes and any(a in lexicon.tense.future_aux for a in auxes)


def _scheduled(verb: Token, lexicon: Lexicon) -> bool:
    """The verb itself plans ahead, in the present: "is expected in December", "expects
    a ruling in March", "are preparing for Saturday's march", "a summit set for April"
    (a participle on a noun takes the tense of the noun's clause: "a service planned for
    Saturday was cancelled" is past)."""
    if verb.lemma_.lower() not in lexicon.tense.future_lemmas:
        return False
    if verb.tag_ in ("VBZ", "VBP", "VB"):
        return True
    if verb.tag_ == "VBG":
        # "are preparing for Saturday's march", "is planning a rally on Saturday"
        auxes = [c for c in verb.children if c.dep_ == "aux"]
        return bool(auxes) and all(a.tag_ in ("VBZ", "VBP") for a in auxes)
    if verb.tag_ != "VBN":
        return False
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if auxes:
        return all(a.tag_ in ("VBZ", "VBP") or a.lower_ == "being" for a in auxes)
    if verb.dep_ != "acl":
        return False
    clause = governing_verb(verb.head)
    return clause is not None and clause is not verb and verb_tense(clause, lexicon) != "past"


def _infinitive_of_noun(verb: Token) -> bool:
    """An infinitive that modifies a noun looks ahead: "guidelines to be published in
    November", "the first talks to take place in March"."""
    return verb.dep_ in ("acl", "relcl") and any(
        c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children
    )


def _finite(verb: Token) -> bool:
    return verb.tag_ in FINITE_OWN_TENSE


def _participle_of_noun(verb: Token) -> bool:
    """A past participle with no auxiliary on a noun tells what was done to it."""
    return (
        verb.tag_ == "VBN"
        and verb.dep_ == "acl"
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    )


def _chain(verb: Token) -> list[Token]:
    """The verb and the words above it whose tense it shares: the clause it hangs on
    ("will meet and discuss", "will be released after the envoys meet on Monday"), unless
    it is itself past ("warned the dam might fail and closed the road"), and the verb a
    to-infinitive hangs on, through an adjective ("had been due to expire")."""
    chain = [verb]
    node = verb
    if verb.dep_ in ("ccomp", "advcl", "conj") and verb.head is not verb and not _finite(verb):
        node = verb.head
        chain.append(node)
    while node.dep_ in ("xcomp", "acomp") and node.head is not node and len(chain) < MAX_CLIMB:
        node = node.head
        if node not in chain:
            chain.append(node)
    return chain


def verb_tense(verb: Token, lexicon: Lexicon) -> Tense:
    chain = _chain(verb)
    if any(_past_perfect(node) or _modal_perfect(node, lexicon) for node in chain):
        return "past"
    if _scheduled(verb, lexicon) or _infinitive_of_noun(verb):
        return "future"
    for node in chain:
        auxes = [c for c in node.children if c.dep_ in ("aux", "auxpass")]
        if any(a.lower_ in lexicon.tense.future_aux for a in auxes):
            return "future"
        if any(a.lower_ in lexicon.tense.reported_future_aux for a in auxes) and _reported(
            node, lexicon
        ):
            return "future"
        if node.lemma_.lower() in lexicon.tense.future_lemmas and node is not verb:
            return "future"
        if node.lower_ == "going" and any(c.lower_ == "to" for c in node.children):
            return "future"
    if any(
        c.dep_ in ("aux", "auxpass")
        and (c.tag_ in lexicon.tense.past_tags or c.lower_ in ("had", "'d"))
        for c in verb.children
    ):
        return "past"
    if verb.tag_ in lexicon.tense.past_tags:
        return "past"
    if verb.tag_ in ("VBN", "VBG") and any(
        c.lower_ in lexicon.tense.perfect_aux for c in verb.children
    ):
        return "past"  # "have met", "have been searching since"
    if _participle_of_noun(verb):
        return "past"  # "the treaty signed on May 5", "the year ended March 31"
    return "present"
