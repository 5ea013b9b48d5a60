"""Titled names become people, and one name keeps one label within an article."""

from __future__ import annotations

from typing import Any

from newsloom.api import analyze
from newsloom.enrich.entities.candidate import Candidate
from newsloom.enrich.entities.stage import build_entities
from newsloom.gazetteer.countries import country_code
from newsloom.record import Entity


def by_text(nlp: Any, text: str) -> dict[str, Entity]:
    return {m.text: e for e in build_entities(nlp(text)) for m in e.mentions}


def test_name_after_a_role_title_is_a_person(nlp: Any) -> None:
    text = (
        "Bakery chain Goldcrust will close 12 of its stores next year, chief executive "
        "Piers Holloway said on Tuesday. Holloway said rents had risen."
    )
    article = analyze(text)
    found = {m.text: e for e in article.entities for m in e.mentions}
    person = found["Piers Holloway"]
    assert person.type == "PERSON"
    assert found["Holloway"] is person
    assert [r.title for r in person.roles] == ["chief executive"]


def test_name_in_apposition_with_a_role_is_added_when_the_model_missed_it(nlp: Any) -> None:
    text = "Piers Holloway, the chief executive, said sales fell."
    person = by_text(nlp, text)["Piers Holloway"]
    assert person.type == "PERSON"
    assert person.mentions[0].confidence < 1.0


def test_organisation_word_keeps_a_titled_span_an_organisation(nlp: Any) -> None:
    text = "Union official Marta Keel criticised Fenmore Foods, the retailer, on Monday."
    found = by_text(nlp, text)
    assert found["Marta Keel"].type == "PERSON"
    assert all(e.type != "PERSON" for t, e in found.items() if "Fenmore" in t)


def test_one_surface_form_gets_one_label(nlp: Any) -> None:
    text = (
        "Bakery chain Goldcrust will close 12 of its stores in Pellingham next year, chief "
        "executive Piers Holloway said. Holloway said rising rents in Pellingham had made the "
        "stores unprofitable."
    )
    entities = build_entities(nlp(text))
    named = [e for e in entities if any(m.text == "Pellingham" for m in e.mentions)]
    assert len(named) == 1
    assert named[0].type == "GPE"
    assert len(named[0].mentions) == 2


def test_gazetteer_types_a_known_place_whatever_the_majority() -> None:
    from newsloom.enrich.entities.labels import _chosen_label

    group = [
        Candidate(0, 6, "Lisbon", "ORG", "ORG", 1.0, 0),
        Candidate(20, 26, "Lisbon", "ORG", "ORG", 1.0, 4),
        Candidate(40, 46, "Lisbon", "GPE", "GPE", 1.0, 8),
    ]
    assert _chosen_label(None, "lisbon", group) == "GPE"  # type: ignore[arg-type]
    group = [Candidate(0, 6, "Zorvex", "ORG", "ORG", 1.0, 0)] * 2 + [
        Candidate(40, 46, "Zorvex", "GPE", "GPE", 1.0, 8)
    ]
    assert _chosen_label(None, "zorvex", group) == "ORG"  # type: ignore[arg-type]


def test_three_letter_codes_match_only_in_capitals() -> None:
    assert country_code("MAC") == "MO"
    assert country_code("Mac") is None
    assert country_code("FRA") == "FR"


def test_a_country_never_joins_a_person_by_surname(nlp: Any) -> None:
    from spacy.tokens import Span

    doc = nlp("The president flew with carrier Garuda Indonesia. Flights to Indonesia stopped.")
    names = [t.i for t in doc if t.text in ("Garuda", "Indonesia")]
    doc.ents = [
        Span(doc, names[0], names[1] + 1, label="PERSON"),  # a model error
        Span(doc, names[2], names[2] + 1, label="GPE"),
    ]
    found = {m.text: e for e in build_entities(doc) for m in e.mentions}
    assert found["Indonesia"].type == "GPE"
    assert found["Indonesia"] is not found["Garuda Indonesia"]


def test_plural_demonym_is_a_group_not_the_country(nlp: Any) -> None:
    text = (
        "Thousands of Ukrainians gathered in Kyiv on Sunday. Ukrainian officials said "
        "Ukraine would not give up."
    )
    found = by_text(nlp, text)
    group = found["Ukrainians"]
    assert (group.id, group.type) == ("norp:ua", "NORP")
    assert found["Ukraine"].id == "gpe:ua"
    assert found["Ukraine"] is not group
    assert found["Kyiv"].type == "GPE"


def _with_org(nlp: Any, text: str, name: str) -> list[Entity]:
    from spacy.tokens import Span

    doc = nlp(text)
    start = text.index(name)
    span = doc.char_span(start, start + len(name))
    doc.ents = [Span(doc, span.start, span.end, label="ORG")]
    return build_entities(doc)


def test_speaking_given_name_is_a_person(nlp: Any) -> None:
    entities = _with_org(nlp, "Piers Holloway said the stores would close.", "Piers Holloway")
    assert [(e.type, e.name) for e in entities] == [("PERSON", "Piers Holloway")]


def test_given_name_that_does_not_speak_keeps_the_model_label(nlp: Any) -> None:
    entities = _with_org(nlp, "Investors bought Piers Holloway on Monday.", "Piers Holloway")
    assert [(e.type, e.name) for e in entities] == [("ORG", "Piers Holloway")]


def test_a_role_word_parsed_as_an_adjective_before_a_name_still_makes_a_person() -> None:
    import newsloom

    text = "Its founder's grandson, chief executive Piers Holloway, said he regretted the decision."
    article = newsloom.analyze(text, published="2025-11-04")
    [holloway] = [e for e in article.entities if "Holloway" in e.name]
    assert holloway.type == "PERSON"
