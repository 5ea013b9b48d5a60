"""One label per name in an article: "Pellingham" is not an ORG here and a GPE there.

The model's spans of one surface form (possessive, a leading "the" and legal endings such as
"Corp." aside) that carry different labels among `unified_labels` all take one label: GPE
when the gazetteer knows the name as a country or city; ORG when one of them has a legal
ending ("Acme Corp."); otherwise the label most of them carry; on a tie, the label of a
mention that is the object of a location preposition ("in Pellingham", not "according to")
when there is one, else the first mention's. Changed mentions carry the confidence
`relabelled`. People are left to the surname rule of entities_resolve; a capital that speaks
for its government is still told apart later, by the parse.

A long name whose initials the article also uses as an organisation's acronym is that
organisation, whatever the model called it ("the Movement for the Emancipation of the
Tarsk Delta" tagged a place, beside "MEND"): it becomes an ORG, so the acronym joins it.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from newsloom import gazetteer as places
from newsloom.enrich.entities.names import acronym, is_acronym, org_words
from newsloom.enrich.entities.rules import entity_rules

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from newsloom.enrich.entities.candidate import Candidate


def _surface(text: str) -> str:
    return " ".join(org_words(text)).lower()


def unify_labels(doc: Doc, found: list[Candidate]) -> None:
    rules = entity_rules()
    _acronym_owners_are_organisations(found)
    groups: dict[str, list[Candidate]] = {}
    for candidate in found:
        if candidate.label in rules.consistency.labels:
            groups.setdefault(_surface(candidate.text), []).append(candidate)
    for name, group in groups.items():
        if len({c.label for c in group}) < 2:
            continue
        label = _chosen_label(doc, name, group)
        for candidate in group:
            if candidate.label != label:
                candidate.label = label
                candidate.confidence = min(candidate.confidence, rules.confidence["relabelled"])


def _chosen_label(doc: Doc, name: str, group: list[Candidate]) -> str:
    if places.country_code(name) is not None or places.city(name) is not None:
        return "GPE"
    if any(len(org_words(c.text)) < len(_words(c.text)) for c in group):
        return "ORG"  # a legal ending ("Corp.", "Inc") names a company
    ranked = Counter(c.label for c in group).most_common()
    top = [label for label, count in ranked if count == ranked[0][1]]
    if len(top) == 1:
        return top[0]
    for candidate in group:
        if candidate.label in top and _after_location_preposition(doc, candidate):
            return candidate.label
    return next(c.label for c in group if c.label in top)


def _words(text: str) -> list[str]:
    words = text.split()
    if len(words) > 1 and words[0].lower() in entity_rules().orgs.articles:
        words = words[1:]
    return words


def _after_location_preposition(doc: Doc, candidate: Candidate) -> bool:
    token = doc[candidate.root]
    prep = token.head
    return (
        token.dep_ == "pobj"
        and prep.lower_ in entity_rules().consistency.location_prepositions
        and prep.head.lower_ != "according"
    )


# Fewest words of a name spelt out by an acronym of the article ("MEND": four).
ACRONYM_OWNER_MIN_WORDS = 3


def _acronym_owners_are_organisations(found: list[Candidate]) -> None:
    acronyms = {c.text.replace(".", "") for c in found if c.label == "ORG" and is_acronym(c.text)}
    if not acronyms:
        return
    relabelled = entity_rules().confidence["relabelled"]
    for candidate in found:
        if candidate.label == "ORG" or len(candidate.text.split()) < ACRONYM_OWNER_MIN_WORDS:
            continue
        if acronym(candidate.text) in acronyms:
            candidate.label = "ORG"
            candidate.confidence = min(candidate.confidence, relabelled)
