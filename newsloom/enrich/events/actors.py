"""Who did it and to whom, as an analyst can use it: the actor spans of events_parse,
settled against the article.

An actor is kept as found when it is a name or a noun for people or groups. Otherwise:

- a pronoun is resolved: `I`/`we` inside a direct quote to the quote's speaker,
  `he`/`she` to the person last named before it, `it`/`they` to the organisation,
  country or group last named before it (in the same or the previous sentence);
  a pronoun left unresolved is no actor;
- a dateline ("KESSMOOR – Thousands of ..."), a wire agency or a photo credit, or words
  of another paragraph, are no actor;
- a thing ("a barrage of bullets", "the bomb") is no actor: who used it is unknown.

`settle` says how the actor was found, so that the stage can lower the confidence of an
event whose doer is unknown or only vaguely named.
"""

from __future__ import annotations

import functools
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsloom.enrich.events.lexicon import EventLexicon
from newsloom.enrich.events.senses import is_actor, object_classes
from newsloom.record import Article, Entity, EventActor, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
GROUP_PRONOUNS = frozenset({"it", "they", "them", "its", "their"})
PLURAL = frozenset({"they", "them", "their"})
POSSESSIVE = frozenset({"its", "their", "his", "her"})
GROUP_TYPES = frozenset({"ORG", "GPE", "NORP"})
DASHES = ("–", "—", "-", "(")
LOCATIVE = frozenset({"in", "at", "near", "from", "to", "into", "across", "outside", "inside"})
# How far back (in characters) a pronoun looks for its antecedent.
REACH = 600


@dataclass(slots=True, frozen=True)
class Settled:
    actor: EventActor | None
    # named (a name or an actor noun), resolved (a pronoun resolved), vague (a noun that
    # names no actor), thing (a weapon or object: the doer is unknown), none.
    how: str


@dataclass(slots=True)
class ArticleActors:
    """What the article offers to settle actors: entity mentions in text order."""

    article: Article
    doc: Doc
    mentions: list[tuple[int, int, Entity]]
    starts: list[int]
    agencies: frozenset[str]

    @classmethod
    def of(cls, article: Article, doc: Doc) -> ArticleActors:
        mentions = sorted(
            ((m.start, m.end, e) for e in article.entities for m in e.mentions),
            key=lambda item: item[0],
        )
        agencies = set(_agency_names())
        if article.source:
            agencies.add(article.source.lower())
        return cls(article, doc, mentions, [m[0] for m in mentions], frozenset(agencies))

    def entity_at(self, start: int, end: int) -> Entity | None:
        best: tuple[int, Entity] | None = None
        for m_start, m_end, entity in self.mentions:
            if m_start >= end:
                break
            shared = min(m_end, end) - max(m_start, start)
            if shared > 0 and (best is None or shared > best[0]):
                best = (shared, entity)
        return best[1] if best else None

    def last_before(self, position: int, types: frozenset[str]) -> tuple[int, int, Entity] | None:
        """The last mention of an entity of `types` ending before `position`, within reach
        and in the same paragraph."""
        text = self.article.text
        floor = max(position - REACH, text.rfind("\n\n", 0, position) + 1)
        index = bisect_right(self.starts, position) - 1
        while index >= 0:
            start, end, entity = self.mentions[index]
            if start < floor:
                return None
            if end <= position and entity.type in types and self._nominal(start, end):
                return self.mentions[index]
            index -= 1
        return None

    def _nominal(self, start: int, end: int) -> bool:
        """A mention that can be a doer: a noun phrase, not an adjective ("the Liberian
        president") nor a place where something happens ("gathered in Tarsk")."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return True
        root = span.root
        if root.pos_ == "ADJ":
            return False
        return not (root.dep_ == "pobj" and root.head.lower_ in LOCATIVE)


@functools.cache
def _agency_names() -> frozenset[str]:
    from newsloom.extract.news_data import news_patterns

    return frozenset(news_patterns().agency_names)


def settle(
    span: Span | None,
    trigger_start: int,
    known: ArticleActors,
    lexicon: EventLexicon,
    role: str = "source",
) -> Settled:
    """The actor a span stands for. A target may be a thing ("set fire to the offices"),
    but never a weapon ("defused the bomb" targets nobody)."""
    if span is None or len(span) == 0:
        return Settled(None, "none")
    text = known.article.text
    if _paragraph_of(text, span.start_char) != _paragraph_of(text, trigger_start):
        return Settled(None, "none")  # a credit line or a heading glued to the sentence
    if span.text.lower() in known.agencies or _dateline(span, text):
        return Settled(None, "none")
    root = span.root
    if len(span) == 1 and root.pos_ == "PRON":
        return _pronoun(span, known, lexicon)
    rules = lexicon.precision
    if is_actor(root, rules, lexicon):
        return Settled(_actor(span, known), "named")
    classes = object_classes(root, rules, lexicon)
    if "weapon" in classes or (role == "source" and "event" in classes):
        return Settled(None, "thing")  # "the bomb", "a stabbing that killed ..."
    if role == "source" and (
        "property" in classes or root.lemma_.lower() in rules.nouns.non_actors
    ):
        return Settled(None, "thing")
    return Settled(_actor(span, known), "vague")


def _actor(span: Span, known: ArticleActors) -> EventActor:
    entity = known.entity_at(span.start_char, span.end_char)
    return EventActor(span.text, span.start_char, span.end_char, entity.id if entity else None)


def _paragraph_of(text: str, position: int) -> int:
    return text.count("\n\n", 0, position)


def _dateline(span: Span, text: str) -> bool:
    """A place that opens a paragraph and is followed by a dash or a parenthesis before the
    story begins: "KESSMOOR, Varnia – Thousands of ...", "TARSK (AP) — ..."."""
    if span.root.ent_type_ not in ("GPE", "LOC"):
        return False
    line_start = text.rfind("\n", 0, span.start_char) + 1
    if text[line_start : span.start_char].strip():
        return False
    after = text[span.end_char : span.end_char + 40]
    head = after.split(" ", 3)
    return any(part.strip()[:1] in DASHES for part in head[:3] if part.strip())


def _pronoun(span: Span, known: ArticleActors, lexicon: EventLexicon) -> Settled:
    word = span.text.lower()
    start = span.start_char
    if word in FIRST_PERSON:
        quote = next(
            (
                q
                for q in known.article.quotes
                if q.kind == "direct" and q.start <= start < q.end and q.speaker_span
            ),
            None,
        )
        if quote is None or quote.speaker_span is None:
            return Settled(None, "none")
        s_start, s_end = quote.speaker_span
        speaker_text = known.article.text[s_start:s_end]
        if speaker_text.lower() in FIRST_PERSON | PERSON_PRONOUNS | GROUP_PRONOUNS:
            entity = next((e for e in known.article.entities if e.id == quote.speaker_id), None)
            if entity is None:
                return Settled(None, "none")
            return _nearest_mention(entity, start, known)
        entity = known.entity_at(s_start, s_end)
        actor = EventActor(speaker_text, s_start, s_end, entity.id if entity else None)
        return Settled(actor, "resolved")
    if _inside_quote(start, known.article.quotes):
        return Settled(None, "none")  # "he" in a quote is someone the speaker means
    owner = _clause_subject(span[0]) if word in POSSESSIVE else None
    if owner is not None:
        return Settled(_actor(owner, known), "resolved")  # "rebels ended their strike"
    types = frozenset({"PERSON"}) if word in PERSON_PRONOUNS else GROUP_TYPES
    if word == "it":
        types = frozenset({"ORG", "GPE"})
    found = known.last_before(start, types)
    if found is None and word in PERSON_PRONOUNS:
        named = _named_subject_before(span[0])
        if named is not None:
            return Settled(_actor(named, known), "resolved")
    plural = _plural_before(span[0], known, lexicon) if word in PLURAL else None
    if plural is not None and (found is None or plural.start_char >= found[1]):
        return Settled(_actor(plural, known), "resolved")
    if found is None:
        return Settled(None, "none")
    m_start, m_end, entity = found
    text = known.article.text[m_start:m_end]
    return Settled(EventActor(text, m_start, m_end, entity.id), "resolved")


def _named_subject_before(pronoun: Token) -> Span | None:
    """A name as the subject of the sentence before, in the same paragraph, when the
    entities stage named nobody ("Ana Velt boycotted it. She ...")."""
    from newsloom.enrich.events.parse import noun_phrase

    first = pronoun.sent.start
    if first == 0:
        return None
    previous = pronoun.doc[first - 1].sent
    if "\n\n" in pronoun.doc.text[previous.start_char : pronoun.idx]:
        return None
    subject = next((t for t in previous if t.dep_ == "nsubj" and t.head.dep_ == "ROOT"), None)
    if subject is None or subject.pos_ != "PROPN" or subject.ent_type_ not in ("", "PERSON"):
        return None
    return noun_phrase(subject)


def _clause_subject(pronoun: Token) -> Span | None:
    """The named subject of the clause a possessive sits in ("the rebels ended their
    strike": their -> the rebels)."""
    from newsloom.enrich.events.parse import noun_phrase

    token = pronoun.head
    for _ in range(4):
        if token.pos_ in ("VERB", "AUX"):
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.pos_ != "PRON" and subject.i < pronoun.i:
                return noun_phrase(subject)
            return None
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _plural_before(pronoun: Token, known: ArticleActors, lexicon: EventLexicon) -> Span | None:
    """The nearest plural noun for people before "they" in its sentence or the one
    before ("teachers rallied as they ..."), in the same paragraph."""
    from newsloom.enrich.events.parse import noun_phrase

    first = pronoun.sent.start
    if first > 0:
        first = known.doc[first - 1].sent.start
    for token in reversed(known.doc[first : pronoun.i]):
        if token.tag_ not in ("NNS", "NNPS") or token.dep_ == "compound":
            continue
        if "\n\n" in known.article.text[token.idx : pronoun.idx]:
            return None
        if is_actor(token, lexicon.precision, lexicon):
            return noun_phrase(token)
    return None


def _nearest_mention(entity: Entity, position: int, known: ArticleActors) -> Settled:
    if not entity.mentions:
        return Settled(None, "none")
    mention = min(entity.mentions, key=lambda m: abs(m.start - position))
    return Settled(EventActor(mention.text, mention.start, mention.end, entity.id), "resolved")


def _inside_quote(position: int, quotes: Sequence[Quote]) -> bool:
    return any(q.kind == "direct" and q.start <= position < q.end for q in quotes)
