"""Variants of one referent and the types the context tells: acronyms and the names they
spell, plural and singular, short names, places by their context, events and models.

Every text here is invented; each rule is shown in two or three wordings.
"""

from __future__ import annotations

from typing import Any

import pytest

from newsloom.enrich.entities.acronyms import definitions, spells
from newsloom.enrich.entities.stage import build_entities
from newsloom.record import Entity


def entities(nlp: Any, text: str) -> list[Entity]:
    return build_entities(nlp(text))


def by_alias(nlp: Any, text: str) -> dict[str, Entity]:
    return {alias: e for e in entities(nlp, text) for alias in e.aliases}


# Acronyms: which names spell them.


@pytest.mark.parametrize(
    ("acronym", "name"),
    [
        ("MTU", "the Marrowby Tenants Union"),
        ("LTVE", "Liberation Tigers of Veldor Eelam"),  # small words left out
        ("DOJ", "Department of Justice"),  # or spelt
        ("HWP", "HarperWollins Publishers"),  # capitals inside a word
        ("GSK", "GlaxoSmithKline"),
        ("PG&E", "Pacific Gas & Electric Co."),  # "&" and a legal ending
        ("U.N.", "United Nations"),
    ],
)
def test_a_name_spells_its_acronym(acronym: str, name: str) -> None:
    assert spells(acronym, name)


@pytest.mark.parametrize(
    ("acronym", "name"),
    [("IBM", "Apple"), ("MD", "McDonald"), ("MTU", "Marrowby Union"), ("AB", "Acme")],
)
def test_a_name_that_does_not_spell_the_acronym(acronym: str, name: str) -> None:
    assert not spells(acronym, name)


def test_a_definition_may_give_the_initials_in_another_order() -> None:
    # An acronym of the name in its own language: only right after the name.
    assert not spells("FARV", "Revolutionary Armed Forces of Veldor")
    assert spells("FARV", "Revolutionary Armed Forces of Veldor", any_order=True)
    assert not spells("FARX", "Revolutionary Armed Forces of Veldor", any_order=True)


@pytest.mark.parametrize(
    ("text", "name", "acronym"),
    [
        ("Rents rose, the Marrowby Tenants Union (MTU) said.", "Marrowby Tenants Union", "MTU"),
        (
            "The powerful Popular Front of Arvenia, or PFA, freed two hostages.",
            "Popular Front of Arvenia",
            "PFA",
        ),
        (
            "The Revolutionary Armed Forces of Veldor, or FARV, freed two hostages.",
            "Revolutionary Armed Forces of Veldor",
            "FARV",
        ),
    ],
)
def test_definitions_in_the_text(nlp: Any, text: str, name: str, acronym: str) -> None:
    found = definitions(nlp(text))
    assert [(d.name, d.acronym) for d in found] == [(name, acronym)]


@pytest.mark.parametrize(
    "text",
    [
        "The report cited an initial public offering (IPO) next year.",
        "Sales rose 3 percent (PDF).",
        "Its Maestro(TM) line sold well.",
    ],
)
def test_no_definition_without_a_name_that_spells_it(nlp: Any, text: str) -> None:
    assert definitions(nlp(text)) == []


# Acronyms: one entity with the name.


@pytest.mark.parametrize(
    ("text", "name", "acronym"),
    [
        (
            "The Marrowby Tenants Union (MTU) called a strike on Monday. "
            "The MTU said rents had doubled.",
            "Marrowby Tenants Union",
            "MTU",
        ),
        (
            "The Popular Liberation Front of Arvenia, or PLFA, said on Monday it would free "
            "three hostages. The PLFA has held them since May.",
            "Popular Liberation Front of Arvenia",
            "PLFA",
        ),
    ],
)
def test_a_defined_acronym_is_a_mention_of_its_name(
    nlp: Any, text: str, name: str, acronym: str
) -> None:
    found = by_alias(nlp, text)
    assert found[acronym].name == name
    assert found[acronym].type == "ORG"


@pytest.mark.parametrize(
    ("text", "name", "acronym"),
    [
        (
            "Fighters of the Velan Makkal Tharani Pulikal (VMTP) clashed with police in the "
            "east. The VMTP denied it.",
            "Velan Makkal Tharani Pulikal",
            "VMTP",
        ),
        (
            "The Liberation Tigers of Tarsk Eelam (LTTE) recruited 262 children, the report "
            "said. The LTTE denied the figures.",
            "Liberation Tigers of Tarsk Eelam",
            "LTTE",
        ),
    ],
)
def test_a_name_the_model_cut_or_missed_before_its_acronym_is_one_organisation(
    nlp: Any, text: str, name: str, acronym: str
) -> None:
    found = by_alias(nlp, text)
    entity = found[acronym]
    assert entity.name == name and entity.type == "ORG"
    assert not any(e.type == "PERSON" for e in entities(nlp, text))


def test_pieces_of_a_name_an_acronym_of_the_text_spells_are_one_name(nlp: Any) -> None:
    text = (
        "A report by the Tarsk Communications and Media Authority found gaps in coverage. "
        "TCMA said the network needed work."
    )
    found = by_alias(nlp, text)
    assert found["TCMA"].name == "Tarsk Communications and Media Authority"
    assert "Media Authority" not in found


def test_two_organisations_joined_by_and_stay_two(nlp: Any) -> None:
    # Two letters are spelt by chance: "AG" is no acronym of "Apple and Google".
    text = "Shares of Apple and Google fell on Monday. Siemens AG rose."
    names = {e.name for e in entities(nlp, text)}
    assert "Apple and Google" not in names


@pytest.mark.parametrize(
    ("text", "name", "acronym"),
    [
        (
            "Shares of GlaxoSmithKline rose 3 percent. GSK said sales of its vaccine doubled.",
            "GlaxoSmithKline",
            "GSK",
        ),
        (
            "Pacific Gas & Electric Co. cut power to 800,000 customers. PG&E said the "
            "outages would last days.",
            "Pacific Gas & Electric Co.",
            "PG&E",
        ),
        (
            "British Airways cancelled 200 flights. BA said strikes by pilots were to blame.",
            "British Airways",
            "BA",
        ),
    ],
)
def test_an_acronym_the_name_before_it_spells_joins_it(
    nlp: Any, text: str, name: str, acronym: str
) -> None:
    found = by_alias(nlp, text)
    assert found[acronym].name == name
    assert found[acronym].type == "ORG"  # "BA" is no Bosnia


def test_the_country_forms_of_news_stay_countries(nlp: Any) -> None:
    text = "Students at the University of Sydney protested. The US said it would send aid."
    assert by_alias(nlp, text)["US"].id == "gpe:us"


def test_an_untagged_acronym_that_spells_an_organisation_is_its_mention() -> None:
    from newsloom.enrich.entities.repeats import repeat_links
    from newsloom.enrich.nlp import load_pipeline
    from newsloom.record import Mention

    text = "The Tarsk Media Authority met on Monday. TMA said coverage was poor."
    name = "Tarsk Media Authority"
    org = Entity("org:tarsk-media-authority", name, "ORG", [Mention(name, 4, 4 + len(name))])
    links = repeat_links(load_pipeline()(text), [org])
    assert [text[link.start : link.end] for link in links] == ["TMA"]


# Plural and singular, short and full names.


def test_the_singular_modifying_a_noun_is_the_organisation_named_in_the_plural(
    nlp: Any,
) -> None:
    text = (
        "The separatist Tamil Tiger rebels and a breakaway group continue to abduct "
        "children. The breakaway faction split from the Tamil Tigers last year."
    )
    found = by_alias(nlp, text)
    assert found["Tamil Tiger"] is found["the Tamil Tigers"]
    assert found["Tamil Tiger"].type == "ORG"


def test_a_short_name_within_a_defined_full_name_is_that_organisation(nlp: Any) -> None:
    text = (
        "The Liberation Tigers of Tamil Eelam (LTTE) and a breakaway faction, which split "
        "from the Tamil Tigers, failed to release the children. The LTTE denied it."
    )
    found = by_alias(nlp, text)
    assert found["the Tamil Tigers"].name == "Liberation Tigers of Tamil Eelam"


def test_a_short_name_within_an_undefined_name_stays_apart(nlp: Any) -> None:
    text = (
        "The Liberation Tigers of Tamil Eelam met on Monday. A breakaway faction split from "
        "the Tamil Tigers."
    )
    found = by_alias(nlp, text)
    assert found["the Tamil Tigers"].name == "Tamil Tigers"


@pytest.mark.parametrize(
    ("text", "short", "full"),
    [
        (
            "Dubai's flagship carrier Emirates Airline finalized a deal for 30 jets. The deal "
            "reduces a prior order, which Emirates is opting for by employing its rights.",
            "Emirates",
            "Emirates Airline",
        ),
        (
            "Buyers can choose graphics cards, including Nvidia's Quadro FX 5600 with 1.5GB "
            "of memory. The top model has the Nvidia Quadro FX 5600 graphics card.",
            "Nvidia",
            "Nvidia",
        ),
    ],
)
def test_an_unknown_place_that_begins_a_company_name_is_the_company(
    nlp: Any, text: str, short: str, full: str
) -> None:
    found = by_alias(nlp, text)
    assert found[short].type == "ORG"
    assert found[short].name == full


def test_a_known_place_that_begins_an_organisation_name_stays_the_place(nlp: Any) -> None:
    text = (
        "Hikers were found in north Georgia, said an agent of the Georgia Bureau of "
        "Investigation on Monday."
    )
    assert by_alias(nlp, text)["Georgia"].type == "GPE"


# Places by their context.


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Gunmen attacked a convoy in the village of Marrowdale on Tuesday.", "Marrowdale"),
        ("A bomb exploded in the southwestern industrial town of Hubra on Monday.", "Hubra"),
        (
            "The trial is held abroad because holding it in the Sierra Leone capital, "
            "Freetown, could spark new unrest.",
            "Freetown",
        ),
        ("Clashes broke out in Senkata, a district of El Alto, on Tuesday.", "Senkata"),
    ],
)
def test_a_name_a_noun_of_towns_introduces_is_a_place(nlp: Any, text: str, name: str) -> None:
    assert by_alias(nlp, text)[name].type == "GPE"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Naciriya, 2 Jan. (AKI) - Al-Qaeda has claimed a deadly bomb attack against a "
            "police station in the town.",
            "Naciriya",
        ),
    ],
)
def test_the_place_of_a_dateline_is_a_place(nlp: Any, text: str, name: str) -> None:
    assert by_alias(nlp, text)[name].type == "GPE"


def test_a_byline_in_capitals_is_no_dateline(nlp: Any) -> None:
    text = "JANE ROE - Staff writer\nThe council met on Monday to discuss the budget."
    assert all(e.type != "GPE" for e in entities(nlp, text))


def test_a_place_in_the_bonny_area_is_a_place(nlp: Any) -> None:
    text = "Militants were expected to strike in the Bonny area before the weekend."
    assert by_alias(nlp, text)["Bonny"].type in ("GPE", "LOC")


@pytest.mark.parametrize(
    "text",
    [
        "Police in Lahore said the Lahore police chief had resigned.",
        "Punjab officials said the Lahore police chief had resigned.",
    ],
)
def test_a_large_known_place_is_no_group_of_people(nlp: Any, text: str) -> None:
    assert by_alias(nlp, text)["Lahore"].type == "GPE"


def test_a_state_abbreviation_after_a_place_is_the_state(nlp: Any) -> None:
    text = "The company, based in New York, NY, said it would hire 200 people."
    found = by_alias(nlp, text)
    assert found["NY"].type == "GPE"
    assert found["NY"].name == "New York"


def test_a_country_that_is_also_a_state_is_the_state_beside_its_abbreviation(nlp: Any) -> None:
    text = "Searchers found the body in north Georgia, said an agent in Cleveland, Ga., on Monday."
    found = by_alias(nlp, text)
    assert found["Georgia"] is found["Ga."]
    assert found["Georgia"].id != "gpe:ge"
    other = "Georgia and Russia fought a war in 2008."
    assert by_alias(nlp, other)["Georgia"].id == "gpe:ge"


# Events, features and models.


def test_a_show_or_a_festival_is_an_event(nlp: Any) -> None:
    text = "Crowds gathered for the Dubai Air Show on Wednesday."
    assert by_alias(nlp, text)["the Dubai Air Show"].type == "EVENT"


def test_a_mountain_is_a_natural_feature(nlp: Any) -> None:
    text = "The hiker vanished on New Year's Day near Blood Mountain."
    assert by_alias(nlp, text)["Blood Mountain"].type == "LOC"


def test_a_name_after_a_model_number_is_no_person(nlp: Any) -> None:
    text = "The airline ordered 60 of the embattled 737 Max jets on Sunday."
    assert all(e.type != "PERSON" for e in entities(nlp, text))


# Furniture.


def test_a_contact_line_does_not_hide_the_names_of_the_next_paragraph(nlp: Any) -> None:
    text = (
        "Tell reporter Ron Powell at ron.powell@\n\n"
        "THE HAGUE, Netherlands - Judges in the trial of former Liberian President "
        "Charles Taylor on Tuesday allowed video of victims.\n\n"
        "Taylor denies the charges."
    )
    found = by_alias(nlp, text)
    assert found["Taylor"].name == "Charles Taylor"
    assert "Ron Powell" not in found
