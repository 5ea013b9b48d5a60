"""Role noun phrases that stand for a named person: "the US president" after "President X".

A definite, singular role noun phrase becomes a mention of the one person the article has
given that title (by pre-modifier or apposition) earlier; with two or more holders it is left
alone. A lede like "Ruritania's ambassador said ..." whose title nobody holds is tied to the
first person named later as the subject of a speech verb, when no other person comes between
and that person has no role of their own (a lower confidence: `deferred`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsloom.enrich.entities.rules import entity_rules
from newsloom.enrich.roles.patterns import (
    EntityIndex,
    RoleFinding,
    is_role_noun,
    is_singular,
    name_roles,
    of_and_to,
    role_phrase_span,
    title_of,
)
from newsloom.enrich.roles.rules import role_rules
from newsloom.record import Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass(slots=True, frozen=True)
class PhraseLink:
    entity_id: str
    start: int
    end: int
    confidence: float


def name_findings(doc: Doc, entities: list[Entity], index: EntityIndex) -> list[RoleFinding]:
    """Roles from pre-modifiers and appositions of every person's name mentions."""
    found = []
    for entity in entities:
        if entity.type != "PERSON":
            continue
        for mention in entity.mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None and not is_role_noun(span.root):
                found.extend(name_roles(doc, entity, span, index))
    return found


def role_phrase_links(doc: Doc, entities: list[Entity]) -> list[PhraseLink]:
    index = EntityIndex(doc, entities)
    findings = name_findings(doc, entities, index)
    used = {f.noun for f in findings}
    holders: dict[str, list[RoleFinding]] = {}
    for finding in findings:
        holders.setdefault(finding.title, []).append(finding)
    links = []
    for token in doc:
        if token.i in used or not _definite_role_phrase(token):
            continue
        start, end = role_phrase_span(token)
        held = holders.get(title_of(token), [])
        if len({f.entity_id for f in held}) == 1:
            link = _tie_to_holder(token, held, start, end, index)
        elif not held:
            link = _tie_to_later_speaker(doc, token, entities, findings, start, end)
        else:
            link = None
        if link is not None:
            links.append(link)
    return links


def _definite_role_phrase(token: Token) -> bool:
    if not is_role_noun(token) or token.ent_type_ or not is_singular(token):
        return False
    if token.dep_ in ("compound", "appos", "amod"):
        return False
    return any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ == "the") for c in token.lefts)


def _tie_to_holder(
    token: Token, held: list[RoleFinding], start: int, end: int, index: EntityIndex
) -> PhraseLink | None:
    first = min(held, key=lambda f: f.start)
    if first.start >= start:
        return None
    of, _ = of_and_to(token, index, first.entity_id)
    known = {f.of for f in held if f.of}
    if of is not None and known and of not in known:
        return None
    return PhraseLink(first.entity_id, start, end, entity_rules().confidence["role_phrase"])


def _tie_to_later_speaker(
    doc: Doc,
    token: Token,
    entities: list[Entity],
    findings: list[RoleFinding],
    start: int,
    end: int,
) -> PhraseLink | None:
    speech = entity_rules().metonymy.speech_verbs
    if token.dep_ != "nsubj" or token.head.lemma_.lower() not in speech:
        return None
    with_roles = {f.entity_id for f in findings}
    people = sorted(
        (e for e in entities if e.type == "PERSON" and e.mentions[0].start > end),
        key=lambda e: e.mentions[0].start,
    )
    if not people:
        return None
    person = people[0]
    span = doc.char_span(person.mentions[0].start, person.mentions[0].end, alignment_mode="expand")
    if span is None or person.id in with_roles:
        return None
    root = span.root
    if root.dep_ != "nsubj" or root.head.lemma_.lower() not in speech:
        return None
    return PhraseLink(person.id, start, end, role_rules().confidence["deferred"])
