"""EntityStage on short invented articles: one entity per referent, with all its mentions."""

from __future__ import annotations

from typing import Any

import pytest

from newsloom.enrich.entities.names import (
    fold_spelling,
    person_key,
    person_match_key,
    strip_possessive,
)
from newsloom.enrich.entities.stage import build_entities, model_spans
from newsloom.gazetteer import capital_of, country_code, country_of_demonym
from newsloom.record import Entity


def entities(nlp: Any, text: str) -> dict[str, Entity]:
    return {e.id: e for e in build_entities(nlp(text))}


def texts(entity: Entity) -> list[str]:
    return [m.text for m in entity.mentions]


def test_mentions_point_into_the_text(nlp: Any) -> None:
    text = "Maria Kowalczyk met officials in Germany. Kowalczyk's plan was praised in Berlin."
    for entity in build_entities(nlp(text)):
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text


def test_surname_and_possessive_join_the_full_name(nlp: Any) -> None:
    text = (
        "Governor Harriet Quillfeather signed the bill on Monday. "
        "Critics said Quillfeather's decision was rushed, but Ms Quillfeather disagreed."
    )
    found = entities(nlp, text)
    person = found["person:" + person_key(["Harriet", "Quillfeather"])]
    assert person.name == "Harriet Quillfeather"
    assert texts(person).count("Quillfeather") >= 2
    assert all("'s" not in t and not t.startswith("Ms") for t in texts(person))


def test_transliteration_variants_share_a_match_key() -> None:
    key = person_match_key
    assert key(["Volodymyr", "Zelenskyy"]) == key(["Volodimir", "Zelenskiy"])
    assert key(["Volodymyr", "Zelensky"]) == key(["Volodymyr", "Zelenskyy"])
    assert fold_spelling("Tchaikovsky") == fold_spelling("Chaikovskiy")
    assert fold_spelling("Stephan") == fold_spelling("Stefan")
    assert key(["Anna", "Berg"]) != key(["Anna", "Borg"])


def test_an_id_is_built_from_the_words_of_the_name() -> None:
    # The folded key only clusters; the id never holds a token the name does not contain.
    assert person_key(["Hester", "Whitlock"]) == "hester-whitlock"


def test_possessive_is_stripped() -> None:
    assert strip_possessive("Okafor's") == "Okafor"
    assert strip_possessive("Okafor") == "Okafor"


@pytest.mark.parametrize("name", ["US", "U.S.", "United States", "America", "USA"])
def test_country_forms_have_one_code(name: str) -> None:
    assert country_code(name) == "US"


def test_demonyms_and_capitals() -> None:
    assert country_of_demonym("Ukrainian") == "UA"
    assert country_of_demonym("Kenyan") == "KE"
    assert country_of_demonym("Christian") is None
    assert capital_of("Kiev") == capital_of("Kyiv") == "UA"
    assert capital_of("New York") is None


def test_country_forms_in_one_article_are_one_entity(nlp: Any) -> None:
    text = (
        "The United States imposed new tariffs. Officials in the U.S. said America "
        "would not back down, and the US envoy agreed."
    )
    us = entities(nlp, text)["gpe:us"]
    assert us.name == "United States"
    assert len(us.mentions) >= 3


def test_nationality_adjective_is_a_weaker_mention_of_its_country(nlp: Any) -> None:
    text = "France and Kenya signed a deal. Kenyan farmers welcomed it."
    kenya = entities(nlp, text)["gpe:ke"]
    adjective = next(m for m in kenya.mentions if m.text == "Kenyan")
    assert adjective.confidence < 1


def test_capital_speaking_is_the_government(nlp: Any) -> None:
    text = (
        "Moscow denied the report on Friday. Moscow's ambassador called it false. "
        "Tourists visited Moscow in the summer."
    )
    found = entities(nlp, text)
    government = found["org:government-ru"]
    assert government.name == "Government of Russia" and government.type == "ORG"
    assert len(government.mentions) == 2
    city = found["gpe:moscow"]
    assert [m.start for m in city.mentions] == [text.rindex("Moscow")]


def test_acronym_defined_in_text_joins_its_organisation(nlp: Any) -> None:
    text = (
        "The Northern Grain Council (NGC) raised its forecast. "
        "The NGC expects a record harvest, a NGC spokesman said."
    )
    orgs = [e for e in build_entities(nlp(text)) if e.type == "ORG"]
    council = next(e for e in orgs if "Council" in e.name)
    assert "NGC" in texts(council)


def test_known_short_form_joins_the_full_name(nlp: Any) -> None:
    text = "The European Union agreed new rules. EU ministers met in Brussels."
    found = entities(nlp, text)
    assert "org:european-union" in found


def test_role_phrase_tied_to_the_one_holder(nlp: Any) -> None:
    text = (
        "President Amara Okonkwo visited the port on Monday. "
        "Workers said the president listened to them."
    )
    person = entities(nlp, text)["person:" + person_key(["Amara", "Okonkwo"])]
    assert "the president" in texts(person)
    added = next(m for m in person.mentions if m.text == "the president")
    assert added.confidence < 1


def test_role_phrase_left_alone_with_two_holders(nlp: Any) -> None:
    text = (
        "President Amara Okonkwo met President Lucas Ferreira on Monday. "
        "Reporters said the president was tired."
    )
    for entity in build_entities(nlp(text)):
        assert "the president" not in texts(entity)


def test_ner_spans_keep_the_model_spans_only(nlp: Any) -> None:
    text = "President Amara Okonkwo spoke. Later the president left for Kenya."
    doc = nlp(text)
    model = {(e.start_char, e.end_char) for e in doc.ents}
    spans = model_spans(doc)
    assert all(text[s:e] != "the president" for s, e, _ in spans)
    assert {(s, e) for s, e, _ in spans} <= model | {(s, e) for s, e, _ in spans if (s, e) in model}
