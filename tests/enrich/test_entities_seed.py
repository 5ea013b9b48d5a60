"""The seed article's people, roles and places come out by structure (read at test time)."""

from __future__ import annotations

import pytest

import newsloom
from newsloom.record import Entity


@pytest.fixture
def seed_entities(seed_text: str) -> list[Entity]:
    body = newsloom.extract(seed_text).text
    return newsloom.analyze(body, published="2025-09-24").entities


@pytest.fixture
def seed_people(seed_entities: list[Entity]) -> dict[str, Entity]:
    return {e.name: e for e in seed_entities if e.type == "PERSON"}


def test_one_entity_per_person(seed_people: dict[str, Entity]) -> None:
    assert len(seed_people) == 3
    by_surname = {name.split()[-1]: e for name, e in seed_people.items()}
    trump = by_surname["Trump"]
    assert {"Trump", "the US president"} <= set(trump.aliases)
    assert any(r.title == "president" and r.of == "United States" for r in trump.roles)
    zelensky = by_surname["Zelensky"]
    assert "Zelensky" in zelensky.aliases
    assert any(r.title == "leader" and r.of == "Ukraine" for r in zelensky.roles)
    stefanishyna = by_surname["Stefanishyna"]
    assert any(
        r.title == "ambassador" and r.of == "Ukraine" and r.to == "United States"
        for r in stefanishyna.roles
    )


def test_places_and_government(seed_entities: list[Entity]) -> None:
    ids = {e.id for e in seed_entities}
    assert {"gpe:ua", "gpe:us", "gpe:ru", "gpe:washington", "gpe:new-york-city"} <= ids
    government = next(e for e in seed_entities if e.id == "org:government-ua")
    assert len(government.mentions) == 2
