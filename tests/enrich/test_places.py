"""The places stage: gazetteer senses chosen by population, qualifier and article context.

Entities are built by hand (one per place name, mentions at every occurrence) so the
resolver is tested apart from the model; one test runs the whole enricher.
"""

from __future__ import annotations

import re

import pytest

from newsloom.enrich import Enricher
from newsloom.enrich.places.stage import build_places
from newsloom.record import Article, Entity, Mention, Place


def entity(text: str, name: str, id: str | None = None, type: str = "GPE") -> Entity:
    mentions = [
        Mention(m.group(), m.start(), m.end()) for m in re.finditer(rf"\b{re.escape(name)}\b", text)
    ]
    assert mentions, name
    return Entity(id or "gpe:" + name.lower().replace(" ", "-"), name, type, mentions)


def places(text: str, *names: str) -> dict[str, Place]:
    found = build_places(text, [entity(text, n) for n in names])
    for place in found:
        assert text[place.start : place.end] == place.text
    return {p.text: p for p in found}


def test_springfield_qualified_by_illinois_is_the_illinois_town() -> None:
    text = (
        "Crews in Springfield, Illinois, reopened the Ashgrove bridge on Monday. "
        "Springfield officials thanked Dorla Penwick, who led the repairs."
    )
    found = places(text, "Springfield", "Illinois")
    assert found["Springfield"].country == "US"
    assert found["Springfield"].kind == "city"
    assert 39.0 < found["Springfield"].latitude < 40.5  # the state capital, not Missouri's
    assert -90.5 < found["Springfield"].longitude < -89.0
    assert found["Illinois"].kind == "admin"


def test_ap_state_abbreviation_after_the_town_picks_that_state() -> None:
    text = "Springfield, Mo. -- The Quarrow family opened a bakery downtown."
    found = places(text, "Springfield")
    assert -94.0 < found["Springfield"].longitude < -92.5  # Missouri's Springfield


def test_unqualified_ambiguous_town_has_lower_confidence_than_qualified() -> None:
    alone = places("The Brell twins moved to Springfield last spring.", "Springfield")
    qualified = places("The Brell twins moved to Springfield, Illinois.", "Springfield")
    assert alone["Springfield"].confidence < qualified["Springfield"].confidence


def test_paris_alone_is_the_french_capital() -> None:
    found = places("Marta Oskel flew to Paris for the summit.", "Paris")
    assert found["Paris"].country == "FR"
    assert found["Paris"].name == "Paris"
    assert found["Paris"].kind == "city"
    assert abs(found["Paris"].latitude - 48.86) < 0.2


def test_paris_with_texas_named_in_the_article_is_the_texas_town() -> None:
    text = "Paris reopened its library. Texas officials praised the Lamar County town."
    found = places(text, "Paris", "Texas")
    assert found["Paris"].country == "US"
    assert abs(found["Paris"].latitude - 33.66) < 0.3


def test_georgia_is_the_country_alone_and_the_state_next_to_atlanta() -> None:
    assert places("Talks in Georgia stalled.", "Georgia")["Georgia"].kind == "country"
    us = places("Georgia lawmakers met in Atlanta on Tuesday.", "Georgia", "Atlanta")
    assert us["Georgia"].kind == "admin"
    assert us["Georgia"].country == "US"


def test_invented_town_gets_no_place() -> None:
    assert places("The council of Brindlemoor voted to close the mill.", "Brindlemoor") == {}


def test_nationality_word_alone_is_not_a_place() -> None:
    text = "Ukrainian officials declined to comment."
    ukraine = Entity("gpe:ua", "Ukraine", "GPE", [Mention("Ukrainian", 0, 9, 0.8)])
    assert build_places(text, [ukraine]) == []


def test_country_evidence_is_its_name_not_the_nationality_word() -> None:
    text = "Ukrainian farmers said Ukraine would export more grain."
    ukraine = Entity(
        "gpe:ua",
        "Ukraine",
        "GPE",
        [Mention("Ukrainian", 0, 9, 0.8), Mention("Ukraine", 23, 30)],
    )
    [place] = build_places(text, [ukraine])
    assert (place.text, place.start, place.kind, place.country) == ("Ukraine", 23, "country", "UA")


def test_people_and_organisations_are_not_placed() -> None:
    text = "Kent Dorrow met Lincoln Partners."
    people = Entity("person:kent", "Kent", "PERSON", [Mention("Kent", 0, 4)])
    assert build_places(text, [people]) == []


def test_a_large_city_tagged_as_a_person_after_in_or_north_of_is_placed() -> None:
    text = "Gunmen attacked a checkpoint north of Mombasa on Tuesday."
    tagged = entity(text, "Mombasa", "person:mombasa", type="PERSON")
    (place,) = build_places(text, [tagged])
    assert place.country == "KE" and place.text == "Mombasa"


def test_a_person_named_like_a_city_stays_a_person_without_a_locative() -> None:
    # "Lincoln" and "Kent" are cities and places too; said by a person, they stay people.
    text = "Lincoln Sharp said the talks had failed, and Sharp thanked Kent Dorrow."
    assert build_places(text, [entity(text, "Lincoln Sharp", type="PERSON")]) == []
    text = "The award went to Paris Hilton in Monaco."
    assert build_places(text, [entity(text, "Paris Hilton", type="PERSON")]) == []
    text = "Talks were held in Brask near Orvik."  # invented towns: no city to place
    assert build_places(text, [entity(text, "Brask", type="PERSON")]) == []


@pytest.mark.filterwarnings("ignore")
def test_enricher_fills_places_with_offsets_into_the_text() -> None:
    text = "Protesters gathered in Paris on Sunday, and smaller crowds marched in Lyon."
    article = Enricher()(Article(paragraphs=[text], language="en"))
    by_text = {p.text: p for p in article.places}
    assert by_text["Paris"].country == "FR"
    for place in article.places:
        assert text[place.start : place.end] == place.text
        assert 0 < place.confidence <= 1
        assert any(e.id == place.entity_id for e in article.entities)
