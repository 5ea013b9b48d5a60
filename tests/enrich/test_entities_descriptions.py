"""'the company', 'the council': mentions of the one organisation of that kind, or none."""

from __future__ import annotations

from typing import Any

from newsloom.enrich.entities.stage import build_entities
from newsloom.record import Entity


def holder(nlp: Any, text: str, phrase: str) -> Entity | None:
    for entity in build_entities(nlp(text)):
        for mention in entity.mentions:
            if mention.text.lower() == phrase:
                assert mention.confidence < 1.0
                assert text[mention.start : mention.end] == mention.text
                return entity
    return None


def test_council_named_by_its_name(nlp: Any) -> None:
    text = (
        "Dorrington City Council voted on Wednesday to close two libraries. "
        "The council said the buildings needed repairs it could not afford."
    )
    found = holder(nlp, text, "the council")
    assert found is not None and found.name == "Dorrington City Council"


def test_company_told_by_a_relative_clause(nlp: Any) -> None:
    text = (
        "Fenmore Foods, which runs 85 shops across the region, said on Monday that it would "
        "raise wages. The company said the increase would cost it 4 million pounds a year."
    )
    found = holder(nlp, text, "the company")
    assert found is not None and found.name == "Fenmore Foods"


def test_two_councils_leave_the_description_alone(nlp: Any) -> None:
    text = (
        "Dorrington City Council and Harlow District Council agreed to share a depot. "
        "The council said the deal would save money."
    )
    assert holder(nlp, text, "the council") is None


def test_nothing_of_the_kind_leaves_the_description_alone(nlp: Any) -> None:
    text = (
        "The Ministry of Health said vaccination rates had fallen. "
        "The company that supplies the vaccine said deliveries were on time."
    )
    assert holder(nlp, text, "the company") is None


def test_company_cue_turns_a_one_word_person_or_product_into_the_company(nlp: Any) -> None:
    text = (
        "Rail operator Nordline will cut a fifth of its weekend services, the company said "
        "on Wednesday. Nordline chief executive Bram Osterley said drivers would qualify."
    )
    found = holder(nlp, text, "the company")
    assert found is not None and found.type == "ORG" and found.name == "Nordline"
    assert [m.text for m in found.mentions].count("Nordline") == 2
    text = "Bakery chain Goldcrust will close 12 stores next year. The company blamed rents."
    found = holder(nlp, text, "the company")
    assert found is not None and found.name == "Goldcrust"


def test_a_job_noun_alone_does_not_make_a_person_a_company(nlp: Any) -> None:
    entities = build_entities(nlp("Camera operator Jonas said he was tired."))
    assert [(e.type, e.name) for e in entities if e.name == "Jonas"] == [("PERSON", "Jonas")]
