"""Definite descriptions of an organisation: "the company", "the council", "the ministry".

"the <noun>" (singular, not inside a name, not a modifier) for a noun of `[descriptions]` in
entities.toml is a mention of the one organisation of that kind named earlier in the article:
an ORG whose name holds one of the kind's `name_words` ("Dorrington City Council"), or, for a
kind with `cue_nouns`, one a cue noun pre-modifies or stands in apposition with ("bakery chain
Goldcrust", "Fenmore, the retailer"), or one a relative clause with a `cue_verbs` verb follows
("Fenmore Foods, which runs 85 shops"). With no such organisation, or two, nothing is added.
Mentions carry the confidence `description` (< 1).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsloom.enrich.entities.rules import entity_rules

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from newsloom.record import Entity


@dataclass(slots=True, frozen=True)
class DescriptionLink:
    entity_id: str
    start: int
    end: int
    confidence: float


def description_links(doc: Doc, entities: list[Entity]) -> list[DescriptionLink]:
    rules = entity_rules()
    orgs = [e for e in entities if e.type == "ORG"]
    links = []
    for token in doc:
        kind = rules.descriptions.nouns.get(token.lower_)
        if kind is None or not _definite_description(token):
            continue
        start = token.i - 1
        earlier = [e for e in orgs if e.mentions[0].start < doc[start].idx]
        holders = [e for e in earlier if _of_kind(doc, e, kind)]
        if len(holders) == 1:
            end = token.idx + len(token.text)
            links.append(
                DescriptionLink(holders[0].id, doc[start].idx, end, rules.confidence["description"])
            )
    return links


def describes_a_company(doc: Doc) -> bool:
    """The article speaks of "the company" (or another description of that kind)."""
    kinds = entity_rules().descriptions.nouns
    return any(kinds.get(t.lower_) == "company" and _definite_description(t) for t in doc)


def _definite_description(token: Token) -> bool:
    if token.ent_type_ or token.tag_ != "NN" or token.i == 0:
        return False
    if token.dep_ in ("compound", "amod", "appos", "poss"):
        return False
    before = token.doc[token.i - 1]
    return before.lower_ == "the" and before.dep_ == "det" and before.head == token


def _of_kind(doc: Doc, entity: Entity, kind: str) -> bool:
    rules = entity_rules()
    words = rules.descriptions.name_words.get(kind, frozenset())
    for mention in entity.mentions:
        if any(w.lower() in words for w in mention.text.split()):
            return True
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None and kind in rules.descriptions.cue_kinds and _cued(span):
            return True
    return False


def _cued(span: Span) -> bool:
    rules = entity_rules()
    root = span.root
    for child in root.children:
        beside = child.dep_ in ("compound", "appos") and not span.start <= child.i < span.end
        if beside and child.lemma_.lower() in rules.descriptions.cue_nouns:
            return True
        if child.dep_ == "relcl" and child.lemma_.lower() in rules.descriptions.cue_verbs:
            return True
    return (
        root.dep_ == "appos"
        and root.head.i < span.start
        and root.head.lemma_ in rules.descriptions.cue_nouns
    )
