"""People the model mislabels or misses, told by a role title next to a person-shaped name.

A name of two or three capitalised words (`max_name_words`), none of them a word that marks
an organisation (`org_words`) and not a known place, is a person when a role noun of
roles.toml pre-modifies it ("chief executive Piers Holloway") or stands in apposition with it
("Piers Holloway, the chief executive"; "the mayor, Ellen Sparrow"), or when it is the subject
of a speech verb and its first word a common given name (`given_names`). A model span of another
label becomes PERSON; such a name the model found nothing on is added (`model_label` None, so
the NER evaluation leaves it out). Both carry the confidence `relabelled`.

The other way round, a one-word name the model calls a person, or a product, is an ORG when a
company cue noun of entities.toml (`cue_nouns`: operator, chain, retailer) pre-modifies it
("rail operator Nordline", "bakery chain Goldcrust"); an added product carries no model label.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsloom import gazetteer as places
from newsloom.enrich.entities.candidate import Candidate
from newsloom.enrich.entities.descriptions import describes_a_company
from newsloom.enrich.entities.rules import entity_rules
from newsloom.enrich.roles.patterns import NAME_DEPS, is_role_noun

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


def person_shaped(span: Span) -> bool:
    rules = entity_rules()
    words = [t for t in span if not t.is_punct]
    if not 2 <= len(words) <= rules.people.max_name_words or len(words) != len(span):
        return False
    if any(not (t.is_alpha and t.text[:1].isupper()) for t in words):
        return False
    if any(t.lower_ in rules.people.org_words or t.lower_ in rules.orgs.articles for t in words):
        return False
    text = span.text
    return places.country_code(text) is None and places.city(text) is None


def has_role_title(span: Span) -> bool:
    """A role noun pre-modifies the name or stands in apposition with it."""
    root = span.root
    for child in root.lefts:
        if child.i < span.start and child.dep_ in NAME_DEPS and is_role_noun(child, True):
            return True
    if any(child.dep_ == "appos" and is_role_noun(child) for child in root.rights):
        return True
    return root.dep_ == "appos" and root.head.i < span.start and is_role_noun(root.head)


def speaks_with_given_name(span: Span) -> bool:
    """The subject of a speech verb whose first word is a known given name ("Piers Holloway
    said")."""
    rules = entity_rules()
    root = span.root
    return (
        span[0].lower_ in rules.people.given_names
        and root.dep_ == "nsubj"
        and root.head.lemma_.lower() in rules.metonymy.speech_verbs
    )


def _titled_or_speaking(span: Span) -> bool:
    return has_role_title(span) or speaks_with_given_name(span)


def relabel_people(doc: Doc, found: list[Candidate]) -> list[Candidate]:
    """`found` with titled person-shaped names as PERSON, plus such names the model missed."""

    relabelled = entity_rules().confidence["relabelled"]
    covered: set[int] = set()
    for candidate in found:
        span = doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
        if span is None:
            continue
        covered.update(range(span.start, span.end))
        if candidate.label != "PERSON" and person_shaped(span) and _titled_or_speaking(span):
            candidate.label, candidate.confidence = "PERSON", relabelled
    companies = _cued_companies(doc, found)
    for candidate in found:
        if candidate.label == "PERSON" and candidate.text in companies:
            candidate.label, candidate.confidence = "ORG", relabelled
    added = []
    for ent in doc.ents:
        if ent.label_ in entity_rules().descriptions.cued_labels and _company_cue(ent):
            covered.update(range(ent.start, ent.end))
            added.append(
                Candidate(
                    ent.start_char, ent.end_char, ent.text, "ORG", None, relabelled, ent.root.i
                )
            )
    for span in _unlabelled_names(doc, covered):
        if person_shaped(span) and has_role_title(span):
            added.append(
                Candidate(
                    span.start_char,
                    span.end_char,
                    span.text,
                    "PERSON",
                    None,
                    relabelled,
                    span.root.i,
                )
            )
    return sorted([*found, *added], key=lambda c: c.start)


def _cued_companies(doc: Doc, found: list[Candidate]) -> set[str]:
    """One-word "people" a company noun pre-modifies: any cue noun when the article also
    speaks of "the company" (or another company description), else only `company_nouns`."""
    rules = entity_rules()
    cues = (
        rules.descriptions.cue_nouns
        if describes_a_company(doc)
        else rules.descriptions.company_nouns
    )
    names = set()
    for candidate in found:
        span = doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
        if candidate.label != "PERSON" or span is None or len(span) != 1:
            continue
        if _company_cue(span, cues):
            names.add(candidate.text)
    return names


def _company_cue(span: Span, cues: frozenset[str] | None = None) -> bool:
    """A company cue noun pre-modifies the name ("rail operator Nordline")."""
    cues = entity_rules().descriptions.cue_nouns if cues is None else cues
    return any(
        child.i < span.start and child.dep_ == "compound" and child.lemma_.lower() in cues
        for child in span.root.lefts
    )


def _unlabelled_names(doc: Doc, covered: set[int]) -> list[Span]:
    """Runs of proper nouns outside every entity span of the model."""
    runs: list[Span] = []
    start: int | None = None
    for token in [*doc, None]:
        inside = token is not None and _name_token(token) and token.i not in covered
        if inside and start is None:
            start = token.i
        elif not inside and start is not None:
            end = token.i if token is not None else len(doc)
            runs.append(doc[start:end])
            start = None
    return runs


def _name_token(token: Token) -> bool:
    return token.pos_ == "PROPN" and not token.ent_type_
