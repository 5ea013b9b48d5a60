"""Later mentions of a named entity that the model did not tag.

The small model often tags a person's full name once and misses the bare
surname later ("Hester Lorne ... Lorne said"), or tags an organisation once and
not again. A repeat is linked only when it is unambiguous: a capitalised whole
word (or words) equal to a person's surname that no other person in the article
shares, or the exact text of a name already found, outside every existing mention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsloom.enrich.entities.acronyms import (
    ACRONYM,
    MIN_SPELT_LETTERS,
    definitions,
    is_acronym_form,
    letters_of,
    spells,
)
from newsloom.enrich.nlp import doc_text
from newsloom.record import Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc

# A repeat found by string match is good evidence, but weaker than the model's own tag.
REPEAT_CONFIDENCE = 0.8
# Names shorter than this are too likely to be ordinary words or initials.
MIN_NAME_CHARS = 3
NAMED_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})


@dataclass(slots=True, frozen=True)
class RepeatLink:
    entity_id: str
    start: int
    end: int
    confidence: float


def repeat_links(doc: Doc, entities: list[Entity]) -> list[RepeatLink]:
    taken = [(m.start, m.end) for entity in entities for m in entity.mentions]
    names = _unambiguous_names(entities, _acronyms(doc, entities))
    links: list[RepeatLink] = []
    for name, entity_id in sorted(names.items(), key=lambda item: -len(item[0])):
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", doc_text(doc)):
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            if not _is_name_here(doc, start, end):
                continue
            links.append(RepeatLink(entity_id, start, end, REPEAT_CONFIDENCE))
            taken.append((start, end))
    return links


def _acronyms(doc: Doc, entities: list[Entity]) -> dict[str, set[str]]:
    """Acronyms the text writes for an organisation: defined right after one of its mentions
    ("the Tarsk Media Authority (TMA)"), or spelling its name ("TMA" beside it); acronym ->
    the ids of the organisations it could stand for."""
    text = doc_text(doc)
    orgs = [e for e in entities if e.type == "ORG"]
    found: dict[str, set[str]] = {}
    for definition in definitions(doc):
        for entity in orgs:
            if any(m.end == definition.end for m in entity.mentions):
                found.setdefault(definition.acronym, set()).add(entity.id)
    for word in set(re.findall(rf"(?<![\w&.]){ACRONYM}(?![\w&])", text)):
        if len(letters_of(word).replace("&", "")) < MIN_SPELT_LETTERS or word in found:
            continue
        for entity in orgs:
            if len(entity.name.split()) > 1 and spells(word, entity.name):
                found.setdefault(word, set()).add(entity.id)
    return found


def _unambiguous_names(
    entities: list[Entity], acronyms: dict[str, set[str]] | None = None
) -> dict[str, str]:
    """Name text -> entity id, for names that only one entity could mean."""
    owners: dict[str, set[str]] = {a: set(ids) for a, ids in (acronyms or {}).items()}
    for entity in entities:
        if entity.type not in NAMED_TYPES:
            continue
        candidates = {m.text for m in entity.mentions if m.confidence >= 1.0} | {entity.name}
        if entity.type == "PERSON":
            parts = entity.name.split()
            if len(parts) >= 2:
                candidates.add(parts[-1])
        for text in candidates:
            if len(text) >= MIN_NAME_CHARS and text[0].isupper():
                owners.setdefault(text, set()).add(entity.id)
    return {text: ids.pop() for text, ids in owners.items() if len(ids) == 1}


def _is_name_here(doc: Doc, start: int, end: int) -> bool:
    """The match covers whole tokens, and a one-word match is used as a proper noun here
    (so a surname like "Young" is not linked in "Young voters") or is an acronym (which the
    tagger often takes for a common noun)."""
    span = doc.char_span(start, end)
    return span is not None and (
        len(span) > 1 or span[0].pos_ == "PROPN" or is_acronym_form(span.text)
    )
