"""RoleStage on invented sentences: pre-modifiers, appositions and role phrases."""

from __future__ import annotations

from typing import Any

import pytest

from newsloom.enrich.entities.stage import EntityStage
from newsloom.enrich.roles.stage import RoleStage
from newsloom.record import Article, Entity, Role


def people(nlp: Any, text: str) -> dict[str, Entity]:
    article = Article(paragraphs=[text])
    doc = nlp(text)
    EntityStage()(article, doc)
    RoleStage()(article, doc)
    return {e.name: e for e in article.entities if e.type == "PERSON"}


def role(entity: Entity, title: str) -> Role:
    return next(r for r in entity.roles if r.title == title)


def test_premodifier_with_nationality(nlp: Any) -> None:
    found = people(nlp, "Kenyan leader Amara Okonkwo met investors on Tuesday.")
    leader = role(found["Amara Okonkwo"], "leader")
    assert leader.of == "Kenya"
    assert leader.text.startswith("Kenyan leader")


def test_apposition_after_the_name(nlp: Any) -> None:
    text = "Lena Marsh, chief executive of Brightwater Holdings, said profits rose."
    ceo = role(people(nlp, text)["Lena Marsh"], "chief executive")
    assert ceo.of == "Brightwater Holdings"
    assert text[ceo.start : ceo.end] == ceo.text


def test_ambassador_of_a_capital_to_a_capital(nlp: Any) -> None:
    for text in (
        "Nairobi's ambassador to Berlin, Grace Wanjiru, said the talks went well.",
        "Grace Wanjiru, Nairobi's ambassador to Berlin, said the talks went well.",
    ):
        ambassador = role(people(nlp, text)["Grace Wanjiru"], "ambassador")
        assert (ambassador.of, ambassador.to) == ("Kenya", "Germany")


def test_title_gets_its_country_from_a_later_role_phrase(nlp: Any) -> None:
    text = (
        "President Amara Okonkwo visited the port. "
        "Workers praised the Kenyan president for the visit."
    )
    president = role(people(nlp, text)["Amara Okonkwo"], "president")
    assert president.of == "Kenya"
    assert president.text.startswith("President")


def test_plain_title_leaves_of_empty(nlp: Any) -> None:
    president = role(
        people(nlp, "President Amara Okonkwo visited the port.")["Amara Okonkwo"], "president"
    )
    assert president.of is None


@pytest.mark.parametrize(
    ("sentence", "name", "title"),
    [
        ("Regional prefect Odile Marchal said the roads would reopen.", "Odile Marchal", "prefect"),
        ("Sheriff Dana Holt said the bridge was closed.", "Dana Holt", "sheriff"),
        ("Archbishop Tomas Reyl led the service in Brask.", "Tomas Reyl", "archbishop"),
    ],
)
def test_local_and_religious_offices_are_roles(
    nlp: Any, sentence: str, name: str, title: str
) -> None:
    found = people(nlp, sentence)
    assert title in [r.title for r in found[name].roles]
