"""Cue verbs and their subjects in the dependency parse: who said what.

`attribute_direct` finds the cue for a quote between marks (`"...," she said`,
`She said: "..."`); `speaker_of` finds a cue's subject phrase, which
quotes_reported also uses for reported speech.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsloom.enrich.nlp import doc_text, token_offsets
from newsloom.enrich.quotes.config import QuoteConfig
from newsloom.enrich.quotes.direct import QuotedSpan

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

SUBJECTS = ("nsubj", "nsubjpass")
DASHES = ("―", "—", "–", "-")
# Marks that may close a quote (skipped before looking for a dash and a name).
CLOSING_MARKS = "\"”’»'“"
# Children of a subject's head that stay in the speaker phrase (to its right).
SPEAKER_RIGHT = ("prep", "compound", "pobj", "nummod", "amod", "flat")
SENTENCE_ENDS = (".", "!", "?", "…")
# Where a noun phrase after a cue ends (`said Mary Jones [in] an email`).
PHRASE_ENDS = ("ADP", "PUNCT", "SCONJ", "CCONJ", "AUX", "PRON", "SPACE")
# Entity types that speak for no one (a date or a number the parse joined to a name).
NOT_SPEAKERS = ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY")
# How many tokens after a closing mark (or before an opening one) a cue may sit.
CUE_WINDOW = 12


@dataclass(slots=True, frozen=True)
class Attribution:
    cue: Token | None
    speaker: Span | None


def inside_quotes(doc: Doc, quoted: Sequence[QuotedSpan]) -> list[bool]:
    """For each token, whether it lies between the marks of a quote (marks included)."""
    flags = [False] * len(doc)
    for span in quoted:
        for token in _tokens_between(doc, span.open, span.close + 1):
            flags[token.i] = True
    return flags


def _tokens_between(doc: Doc, start: int, end: int) -> Span:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span if span is not None else doc[0:0]


def is_cue(token: Token, config: QuoteConfig) -> bool:
    return token.pos_ == "VERB" and token.lemma_.lower() in config.cues.speech


def negated(verb: Token) -> bool:
    """`did not say`, `would not reveal`, `are yet to confirm`: the cue reports no speech."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and any(c.lower_ == "yet" for c in verb.head.children)


def speaker_of(verb: Token) -> Span | None:
    """The cue's subject phrase; a conjoined or participle cue borrows its head's subject,
    and one in a prepositional phrase the clause's (`X was quoted as saying`). Of two
    subjects the parse hangs on one cue, a person is the speaker (`Ada Quenby,
    Labour MP for Velmora, said`), else the one nearest the cue (a parse of `The
    harbour, Mary Jones said, will reopen`). Without a subject, the noun phrase after
    the cue speaks (`..., said the company's chair Mary Jones in an email`)."""
    head = verb.head
    own = any(c.dep_ in SUBJECTS for c in verb.children)
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and not own:
        verb, head = head, head.head
    for candidate in (verb, head):
        subjects = sorted(
            (c for c in candidate.children if c.dep_ in SUBJECTS),
            key=lambda c: abs(c.i - candidate.i),
        )
        if subjects:
            child = next((c for c in subjects if c.ent_type_ == "PERSON"), subjects[0])
            if is_relative(child):
                return child.doc[child.i : child.i + 1]
            head = _named_appositive(child) or _after_dateline(child) or child
            return with_conjuncts(head)
        if verb.dep_ not in ("conj", "advcl", "xcomp", "prep") or candidate is head:
            break
    return _name_before(verb) or _subject_after(verb)


def is_relative(token: Token) -> bool:
    """The relative pronoun subject of a relative clause (`Ada Quenby, who said ...`)."""
    return token.tag_ in ("WP", "WDT") and token.head.dep_ == "relcl"


def antecedent(pronoun: Token) -> Token:
    """What a relative pronoun stands for: the noun its clause hangs on; `who` needs a
    person, so a person named inside that noun's phrase (`the inauguration of President
    Ada Quenby, who promised ...`) is meant rather than the noun."""
    noun = pronoun.head.head
    if pronoun.lower_ != "who" or noun.ent_type_ == "PERSON":
        return noun
    people = [t for t in noun.subtree if t.ent_type_ == "PERSON" and t.i < pronoun.i]
    if not people:
        return noun
    last = people[-1]
    while last.dep_ in ("compound", "flat") and last.head.ent_type_ == "PERSON":
        last = last.head
    return last


def _name_before(verb: Token) -> Span | None:
    """A name right before a cue the parse left without a subject (`..., chairman, CEO
    and president Craig Menear said`)."""
    doc = verb.doc
    last = verb.i - 1
    if last < 0 or doc[last].ent_type_ not in ("PERSON", "ORG"):
        return None
    first = last
    while first > 0 and doc[first - 1].pos_ in ("PROPN", "NOUN") and not doc[first - 1].is_punct:
        first -= 1
    return doc[first : last + 1]


def _subject_after(verb: Token) -> Span | None:
    """The noun phrase right after a cue with no subject of its own (`said [the
    company's recently named chair Mary Jones] in an email`), up to its head: the last
    noun before a preposition, a clause or punctuation; only when it holds a name."""
    doc = verb.doc
    last = None
    for token in doc[verb.i + 1 : verb.i + 1 + CUE_WINDOW]:
        if token.is_sent_start or token.pos_ in PHRASE_ENDS or token.tag_ in ("VBD", "VBZ"):
            break
        if token.pos_ in ("PROPN", "NOUN"):
            last = token
    if last is None or not any(
        t.ent_type_ in ("PERSON", "ORG") for t in doc[verb.i + 1 : last.i + 1]
    ):
        return None
    first = last.i
    while first > verb.i + 1 and doc[first - 1].pos_ in ("PROPN", "NOUN", "ADJ"):
        first -= 1
    if doc[first - 1].tag_ == "DT":
        first -= 1
    return doc[first : last.i + 1]


def _after_dateline(subject: Token) -> Token | None:
    """`Velmora – Several hundred dockers ... surrounded`: a place opening the
    sentence before a dash is a dateline; the noun the parse hung on it is the subject."""
    doc = subject.doc
    if (
        not subject.is_sent_start
        or subject.i + 1 >= len(doc)
        or doc[subject.i + 1].text not in DASHES
    ):
        return None
    return next((c for c in subject.children if c.dep_ == "appos" and c.i > subject.i), None)


def _named_appositive(subject: Token) -> Token | None:
    """`Its founder's grandson, chief executive Piers Holloway, said`: a common-noun
    subject with a proper name in apposition speaks by that name."""
    if subject.pos_ != "NOUN" or subject.ent_type_:
        return None
    return next((c for c in subject.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)


def conjuncts(head: Token) -> list[Token]:
    """The heads an `and` joins, the first one included (`Ada Marlow and the harbour
    board`: Marlow, board); not `or` (`the Armed Forces, or FARC`: one name, two ways)
    nor a date the parse joined in."""
    found = [head]
    joined = any(c.dep_ == "cc" and c.lower_ in ("and", "&") for c in head.rights)
    for child in head.rights:
        named = child.pos_ in ("PROPN", "NOUN") and child.ent_type_ not in NOT_SPEAKERS
        if joined and child.dep_ == "conj" and named:
            found.extend(conjuncts(child))
    return found


def with_conjuncts(head: Token) -> Span:
    """A subject phrase with every speaker it joins (`GSK and AstraZeneca said`): all
    of them said it, not only the first."""
    phrase = noun_phrase(head)
    joined = conjuncts(head)
    if len(joined) == 1:
        return phrase
    last = noun_phrase(joined[-1])
    if "\n" in phrase.doc[phrase.start : last.end].text:
        return phrase
    return phrase.doc[phrase.start : last.end]


def noun_phrase(head: Token) -> Span:
    """The head with its left modifiers and right modifiers up to any apposition or clause."""
    doc = head.doc
    left = head.left_edge.i
    right = head.i
    for child in head.rights:
        if child.dep_ not in SPEAKER_RIGHT:
            break
        right = child.right_edge.i
    while left < head.i and doc[left].is_punct:
        left += 1
    return doc[left : right + 1]


def attribute_direct(
    doc: Doc, quote: QuotedSpan, inside: Sequence[bool], config: QuoteConfig
) -> Attribution | None:
    # A quote ending in a full stop ends its sentence: its cue, if any, comes before it.
    ends_sentence = doc_text(doc)[quote.end - 1] == "."
    after = None if ends_sentence else _token_at(doc, quote.close + 1)
    if after is not None:
        for token in doc[after.i : min(len(doc), after.i + CUE_WINDOW)]:
            if inside[token.i] or (token.i > after.i and token.is_sent_start):
                break
            if is_cue(token, config):
                return Attribution(token, speaker_of(token))
    before = _token_at(doc, quote.open, before=True)
    # A quote opening a sentence of its own (`... to work with vendors. "VMware is ...`)
    # is not introduced by a cue in the sentence before it, unless that sentence ends a
    # quote split by its cue (`"We won," she said. "And we will win again."`).
    if before is not None and (before.text not in SENTENCE_ENDS or _quotes_in(before.sent, inside)):
        stop = max(before.sent.start, before.i - CUE_WINDOW)
        for index in range(before.i, stop - 1, -1):
            token = doc[index]
            if inside[index]:
                break
            if is_cue(token, config):
                return Attribution(token, speaker_of(token))
    return _punctuation_attribution(doc, quote, before)


def _quotes_in(sentence: Span, inside: Sequence[bool]) -> bool:
    return any(inside[token.i] for token in sentence)


def _punctuation_attribution(
    doc: Doc, quote: QuotedSpan, before: Token | None
) -> Attribution | None:
    """`"..." ― Name` (a dash and a name after the quote) or `Name: "..."` (a headline)."""
    text = doc_text(doc)
    index = quote.close
    while index < len(text) and text[index] in CLOSING_MARKS:
        index += 1
    index = _skip_blanks(text, index)
    if index < len(text) and text[index] in DASHES:
        dash = _token_at(doc, index + 1, before=True)
        named = _token_at(doc, _skip_blanks(text, index + 1))
        if dash is not None and named is not None and named.pos_ == "PROPN":
            return Attribution(dash, _name_at(named))
    if before is not None and before.text == ":" and before.i > 0:
        head = doc[before.i - 1]
        if head.pos_ in ("PROPN", "NOUN") and not head.is_sent_start:
            return Attribution(before, _name_at(head))
    return None


def _skip_blanks(text: str, index: int) -> int:
    """The first offset at or after `index` that is not a space on the same line."""
    while index < len(text) and text[index] in " \t\u00a0":
        index += 1
    return index


def _name_at(token: Token) -> Span:
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent
    while token.dep_ == "compound" and token.head.i > token.i:
        token = token.head
    return noun_phrase(token)


def _token_at(doc: Doc, offset: int, before: bool = False) -> Token | None:
    """The first token starting at or after `offset`, or the last ending at or before it."""
    starts, ends = token_offsets(doc)
    if before:
        index = bisect.bisect_right(ends, offset) - 1
        return doc[index] if index >= 0 else None
    index = bisect.bisect_left(starts, offset)
    return doc[index] if index < len(starts) else None
