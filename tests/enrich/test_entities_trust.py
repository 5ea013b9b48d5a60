"""Entity resolution and types that hold on real pages: suffixes, ids, furniture, evidence.

Every text here is invented; each rule is shown in two or three wordings.
"""

from __future__ import annotations

from typing import Any

import pytest

from newsloom.enrich.entities.furniture import not_a_name
from newsloom.enrich.entities.names import person_key, person_match_key
from newsloom.enrich.entities.resolve import place_name
from newsloom.enrich.entities.stage import build_entities
from newsloom.record import Entity


def entities(nlp: Any, text: str) -> list[Entity]:
    return build_entities(nlp(text))


def by_alias(nlp: Any, text: str) -> dict[str, Entity]:
    return {alias: e for e in entities(nlp, text) for alias in e.aliases}


def people(nlp: Any, text: str) -> list[Entity]:
    return [e for e in entities(nlp, text) if e.type == "PERSON"]


# Names: suffixes, ids, given names.


def test_a_suffix_keeps_the_surname_in_the_id() -> None:
    assert person_key(["Harlan", "Brisco", "Jr."]) == "harlan-brisco-jr"
    assert person_key(["Harlan", "T.", "Brisco", "III"]) == "harlan-brisco-iii"
    assert person_key(["Harlan", "Brisco", "Jr."]) != person_key(["Harlan", "Brisco", "Sr."])
    assert person_key(["Harlan", "Brisco", "Jr."]) != person_key(["Harlan", "Brisco"])


@pytest.mark.parametrize(
    "text",
    [
        "Harlan Brisco Jr. spoke in Denver on Monday. His father, Harlan Brisco Sr., "
        "listened from the front row.",
        "Odell Franks III met Odell Franks Jr. at the plant on Friday.",
    ],
)
def test_father_and_son_stay_two_people(nlp: Any, text: str) -> None:
    found = people(nlp, text)
    assert len(found) == 2
    assert len({e.id for e in found}) == 2
    assert all(e.id.rsplit("-", 1)[-1] in ("jr", "sr", "iii") for e in found)


def test_an_id_never_holds_a_folded_token() -> None:
    # "Powell" folds to "povel" to meet its spelling variants; the id keeps the name's words.
    assert person_key(["Ron", "Powell"]) == "ron-powell"
    assert person_key(["Wendy", "Phelps"]) == "wendy-phelps"
    assert person_match_key(["Wendy", "Phelps"]) == person_match_key(["Vendy", "Felps"])


def test_spelling_variants_still_meet_within_an_article(nlp: Any) -> None:
    text = (
        "Ukrainian President Volodymyr Zelenskyy met the envoy on Monday. Later, Volodymyr "
        "Zelenskiy told reporters the talks had gone well. Zelensky said he was pleased."
    )
    found = people(nlp, text)
    assert len(found) == 1
    assert found[0].id == "person:volodymyr-zelenskyy"
    assert {"Volodymyr Zelenskiy", "Zelensky"} <= set(found[0].aliases)


def _given_name_owner(full_names: list[str], alone: str) -> str | None:
    """The cluster a lone given name joins after the full names (the model seldom tags the
    given name alone, so the joining step is fed the candidates it would see)."""
    from newsloom.enrich.entities.candidate import Candidate
    from newsloom.enrich.entities.clusters import Clusters
    from newsloom.enrich.entities.names import fold_spelling
    from newsloom.enrich.entities.resolve import _owner

    clusters = Clusters()
    given: dict[str, list[str]] = {}
    for i, name in enumerate(full_names):
        key = "person:" + person_match_key(name.split())
        clusters.add(
            key,
            name,
            "PERSON",
            Candidate(i * 20, i * 20 + len(name), name, "PERSON", "PERSON", 0.8, i),
        )
        given.setdefault(fold_spelling(name.split()[0]), []).append(key)
    lone = Candidate(100, 100 + len(alone), alone, "PERSON", "PERSON", 0.8, 30)
    return _owner(lone, clusters, {}, given, set(), set())


@pytest.mark.parametrize(
    ("full", "alone"), [("Ivor Braxley", "Ivor"), ("Trevor Halliday", "Trevor")]
)
def test_a_given_name_alone_joins_the_one_full_name(full: str, alone: str) -> None:
    assert _given_name_owner([full], alone) == "person:" + person_match_key(full.split())
    # The positive control: a given name no full name holds joins no one.
    assert _given_name_owner([full], "Odile") is None


def test_a_given_name_two_people_share_joins_neither() -> None:
    assert _given_name_owner(["Ivor Braxley", "Ivor Dunmore"], "Ivor") is None
    assert _given_name_owner(["Ivor Braxley", "Odile Dunmore"], "Ivor") is not None


# Page furniture.


@pytest.mark.parametrize(
    "text",
    [
        *("| |", "8.30am", "the 95th", "QX4", "Home | News", "JANE.COM EXTRA!", "Us", "ICBMs"),
        # Buttons and common acronyms.
        *("About Us", "Contact Us", "VOTE", "Ticker", "IPO", "GMT", "RSS", "CO-FOUNDER"),
    ],
)
def test_text_that_names_nothing(text: str) -> None:
    assert not_a_name(text)


@pytest.mark.parametrize(
    "text", ["Jane Roe", "U.S.", "O'Neil", "Tarrant-Lowe", "NATO", "King", "Corva XT 300"]
)
def test_names_stay_names(text: str) -> None:
    assert not not_a_name(text)


@pytest.mark.parametrize(
    "menu",
    [
        "Home | Sport | About Us | Contact Us | Weather",
        "Events | Careers | Webinars | Media Kit | Newsletters",
        "Marlow Herald » World » Middle East » Article",
    ],
)
def test_menu_and_breadcrumb_lines_give_no_entities(nlp: Any, menu: str) -> None:
    text = menu + "\n\nThe mayor of Pellingham, Ada Crane, opened the bridge on Monday."
    found = entities(nlp, text)
    assert all(m.start > len(menu) for e in found for m in e.mentions)
    assert all(e.id != "gpe:us" for e in found)


@pytest.mark.parametrize(
    "line",
    [
        "By Fenella Marsh",
        "Author : Fenella Marsh",
        "Fenella Marsh, AP",
        "(AP Photo/Fenella Marsh)",
        "Photo: Fenella Marsh",
        "(c) 2008 Marshland Media, All Rights Reserved.",
        "| Dorrington: talks stall Comments: 210 Brask vows revenge Comments: 83 |",
        "Category : Dorrington (World)",
        "Posted : Tue, 12 Mar 2013 08:15:00 GMT",
        "For more stories like this visit Newsvault. Click here",
        "With Herald wires",
        "March 12, 2013 By   Fenella Marsh",
    ],
)
def test_bylines_credits_promotions_and_metadata_give_no_entities(nlp: Any, line: str) -> None:
    text = "Teachers rallied in Pellingham on Tuesday.\n\n" + line + "\n\nThe rally ended at noon."
    found = entities(nlp, text)
    start = text.index(line)
    assert not any(start <= m.start < start + len(line) for e in found for m in e.mentions)
    assert "gpe:pellingham" in {e.id for e in found}  # the prose keeps its place


def test_a_name_in_furniture_keeps_its_mentions_in_prose(nlp: Any) -> None:
    text = (
        "| Home | Dorrington | Sport | Business |\n\n"
        "Dorrington\n\n"
        "The council of Dorrington voted on Tuesday to close two of the town's libraries."
    )
    named = [e for e in entities(nlp, text) if "Dorrington" in e.aliases]
    prose = text.index("The council")
    assert len(named) == 1
    assert [m.start for m in named[0].mentions] == [text.index("Dorrington", prose)]


# Known bug: furniture._is_chrome_line calls a whole line of up to 60 words chrome when it
# holds a chrome mark ("(c) 2") or an e-mail address, so a one-line paragraph of prose loses
# every name, not only the notice's. Making such a mixed line prose (the notice's own sentence
# still dropped by in_chrome) passes these, but cost judged tune entity precision .857 -> .842.
_NOTICE_IN_PROSE = "a notice inside a one-line paragraph makes the whole line chrome"


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param(
            "(C) 2011 Quellor Systems, Inc. All rights reserved.",
            marks=pytest.mark.xfail(strict=True, reason=_NOTICE_IN_PROSE),
        ),
        "Quellor, Brightwell and Corvano are trademarks of Quellor Systems, Inc.",
        pytest.param(
            "Tell reporter Fenella Marsh what you think at fenella.marsh@ heraldnews.com.",
            marks=pytest.mark.xfail(strict=True, reason=_NOTICE_IN_PROSE),
        ),
    ],
)
def test_notices_and_contact_sentences_give_no_entities(nlp: Any, sentence: str) -> None:
    text = (
        "Quellor Systems said on Monday that its new phone would reach shops in Leeds, York "
        "and Harrogate before the end of the month, and that prices would fall next year. "
        + sentence
        + " The company expects strong sales over the holidays across the region."
    )
    found = entities(nlp, text)
    start = text.index(sentence)
    assert not any(start <= m.start < start + len(sentence) for e in found for m in e.mentions)
    # The positive control: the prose around the notice keeps its names.
    assert {"gpe:leeds", "gpe:harrogate"} <= {e.id for e in found}


def test_a_long_line_is_prose_whatever_it_holds(nlp: Any) -> None:
    # A whole article may come as one line: its copyright notice or an e-mail address in it
    # makes no furniture of the places it names.
    text = (
        "Scouts will gather old coats in Leeds and York on Saturday, the club said, and "
        "people in Harrogate can leave bags at the library from nine in the morning. The "
        "coats will go to families who lost their homes in the floods last winter, and any "
        "left over will be sent to shelters further north. To help, write to "
        "coats@example.org or call the club on Monday. Copyright 2011 The Dales Weekly."
    )
    places = {e.name for e in entities(nlp, text) if e.type in ("GPE", "LOC")}
    assert {"Leeds", "York", "Harrogate"} & places


def test_a_place_after_by_is_a_dateline_not_a_byline(nlp: Any) -> None:
    text = "By NAIROBI, Kenya, Apr 5 - Chief Justice Amos Kirui said the court would sit."
    places = {e.name for e in entities(nlp, text) if e.type in ("GPE", "LOC")}
    assert "Kenya" in places


def test_a_table_of_tickers_gives_no_entities(nlp: Any) -> None:
    text = (
        "Shares of Brantwell fell sharply on Tuesday after the retailer cut its forecast.\n\n"
        "| Ticker | Security | Last | Change |\n\n"
        "| BRW | BRANTWELL HOLDINGS INC. | 22.10 | -1.2 |\n\n"
        "The retailer said sales fell."
    )
    table = text.index("| Ticker")
    end = text.index("The retailer")
    found = entities(nlp, text)
    assert not any(table <= m.start < end for e in found for m in e.mentions)
    # The positive control: the name in the prose above the table stays.
    assert "org:brantwell" in {e.id for e in found}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Jane DoeJane Doe said on Monday that the plan would fail.", "Jane Doe"),
        ("Analyst Piers HolbrookPiers Holbrook said the shares were cheap.", "Piers Holbrook"),
    ],
)
def test_a_name_glued_to_its_own_copy_is_cut(nlp: Any, text: str, name: str) -> None:
    found = people(nlp, text)
    assert [e.name for e in found] == [name]
    assert found[0].id == "person:" + "-".join(name.lower().split())


def test_a_name_does_not_run_over_a_gap(nlp: Any) -> None:
    text = (
        "Posted by Nils Brekke     Storage News\n\nThe array holds 60 terabytes, Nils Brekke said."
    )
    assert all("Storage" not in e.name for e in entities(nlp, text))


# Places.


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("the Gaza Strip", "Gaza Strip"),
        ("Inner Mongolia Autonomous Region", "Inner Mongolia"),
        ("Calif.", "California"),
        ("Ill.", "Illinois"),
        ("Indiana", "Indiana"),
        # A city known by another name only when it is large.
        ("Hunter", "Hunter"),
        ("Kiev", "Kyiv"),
        ("Bombay", "Mumbai"),
        ("New York", "New York City"),
    ],
)
def test_place_names(text: str, name: str) -> None:
    assert place_name(text) == name


def test_a_place_with_and_without_the_is_one_place(nlp: Any) -> None:
    text = "Aid reached the Gaza Strip on Monday. Gaza Strip residents queued for bread."
    places = [e for e in entities(nlp, text) if e.type in ("GPE", "LOC")]
    assert len(places) == 1
    assert places[0].id == "gpe:gaza-strip" or places[0].id == "loc:gaza-strip"


# Types, fixed on evidence.


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The bank's move to Glasgow was put off until the spring, officials said.", "Glasgow"),
        ("The team may build a new stadium in San Diego or Chula Vista.", "Chula Vista"),
        ("She hired a Lisbon-based lawyer to fight the fine.", "Lisbon"),
    ],
)
def test_a_known_place_in_a_place_context_is_a_place(nlp: Any, text: str, name: str) -> None:
    assert by_alias(nlp, text)[name].type == "GPE"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Convoys in northern Brask's al-Qamar said the road was open.", "al-Qamar"),
        ("Aid trucks queued near Brask on Monday, officials said.", "Brask"),
        ("Families in the Zarqan refugee camp have little food.", "Zarqan"),
    ],
)
def test_a_name_in_a_plain_place_context_is_no_person(nlp: Any, text: str, name: str) -> None:
    assert by_alias(nlp, text)[name].type in ("GPE", "LOC")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The union changed the name of its press office Twitter account on Monday.", "Twitter"),
        ("Quillon shares rose 4 percent after Quillon said sales grew.", "Quillon"),
        ("The firm sells its RoadMate units in most stores, RoadMate said.", "RoadMate"),
        ("Days earlier Bloomberg reported that the fund was closing.", "Bloomberg"),
        ("The Gazette says the suspect was held two streets away.", "Gazette"),
    ],
)
def test_a_company_cue_makes_an_organisation(nlp: Any, text: str, name: str) -> None:
    assert by_alias(nlp, text)[name].type == "ORG"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Brightwell called them the fastest Corvanos ever built.", "Corvanos"),
        ("She grew up in Kent's Maidstone, her brother said.", "Kent's Maidstone"),
        ("Staff will leave the Wharf outside Dundee next year.", "Wharf"),
    ],
)
def test_names_that_cannot_be_people_are_not(nlp: Any, text: str, name: str) -> None:
    found = by_alias(nlp, text)
    assert name not in found or found[name].type != "PERSON"


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Fires burned across the Barossa Valley on Thursday.", "Barossa Valley", "LOC"),
        ("Nurses marched to the Ohio Statehouse on Friday.", "Ohio Statehouse", "FAC"),
        ("Fans filled Brayford Stadium on Saturday.", "Brayford Stadium", "FAC"),
    ],
)
def test_features_and_buildings(nlp: Any, text: str, name: str, kind: str) -> None:
    found = {e.name: e for e in entities(nlp, text)}
    assert found[name].type == kind


def test_a_name_that_is_no_nationality_and_names_a_company_is_the_company(nlp: Any) -> None:
    text = (
        "Telvara said on Monday it would close its old network. Many Telvara customers "
        "in remote towns were angry."
    )
    ids = {e.id for e in entities(nlp, text) if "Telvara" in e.aliases}
    assert ids == {"org:telvara"}


# Organisations named in full, then short.


@pytest.mark.parametrize(
    ("text", "full", "short"),
    [
        pytest.param(
            "Singer Mara Lind signed a deal with Fenwick Beauty, the retailer, to sell her "
            "perfume. The deal lifted revenue for Fenwick in the spring.",
            "Fenwick Beauty",
            "Fenwick",
            marks=pytest.mark.xfail(strict=True, reason="'Fenwick' alone is typed FAC"),
        ),
        pytest.param(
            "Marlow Storage Corp. on Monday launched a backup service. According to Marlow "
            "Storage, the service will cost less.",
            "Marlow Storage Corp.",
            "Marlow Storage",
            marks=pytest.mark.xfail(strict=True, reason="'Marlow Storage' is typed PERSON"),
        ),
    ],
)
def test_a_short_form_after_the_full_name_is_the_same_company(
    nlp: Any, text: str, full: str, short: str
) -> None:
    found = by_alias(nlp, text)
    assert found[short] is found[full]
    assert found[full].type == "ORG"


def test_a_short_given_name_after_the_long_one_is_the_same_person(nlp: Any) -> None:
    text = (
        "Head brewer Alexander Tarrant-Lowe, 31, was hurt in the fire. Staff said the "
        "condition of their brewer, Alex Tarrant-Lowe, was improving, and Mr "
        "Tarrant-Lowe was expected to recover."
    )
    found = [e for e in people(nlp, text) if "Tarrant-Lowe" in e.name]
    assert len(found) == 1
    assert {"Alexander Tarrant-Lowe", "Alex Tarrant-Lowe"} <= set(found[0].aliases)


def test_two_given_names_that_are_not_short_forms_stay_two_people(nlp: Any) -> None:
    text = (
        "The loss of brewer Trevor Halliday stunned the town. His brother John Halliday "
        "said the family would rebuild."
    )
    names = {e.name for e in people(nlp, text)}
    assert {"Trevor Halliday", "John Halliday"} <= names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Retailers will stock the phone as the Quellor QX4 from March, Quellor said.", "Quellor"),
        (
            "Pilots praised the Brantair B737 after Brantair said deliveries would resume.",
            "Brantair",
        ),
    ],
)
def test_the_maker_of_a_model_is_a_company(nlp: Any, text: str, name: str) -> None:
    assert by_alias(nlp, text)[name].type == "ORG"


def test_a_building_named_short_after_its_full_name_is_one_building(nlp: Any) -> None:
    text = (
        "Nurses marched to the Ohio Statehouse on Friday. Police said 3,000 people entered "
        "the Statehouse by noon."
    )
    found = by_alias(nlp, text)
    assert found["Statehouse"] is found["the Ohio Statehouse"]
    assert found["Statehouse"].name == "Ohio Statehouse"


def test_a_place_the_text_also_calls_a_person_is_one_place(nlp: Any) -> None:
    text = (
        "Convoys in northern Brask's al-Qamar said the road was open. The army will keep "
        "its base in al-Qamar after the withdrawal, officials said."
    )
    ids = {e.id for e in entities(nlp, text) if "al-Qamar" in e.aliases}
    assert ids == {"gpe:al-qamar"}


def test_a_company_named_after_a_family_member_stays_the_company(nlp: Any) -> None:
    text = (
        "Brantley Motor Co. said on Monday it would cut 10,000 jobs. Chairman Harold Clay "
        "Brantley Jr. said the cuts were painful. Brantley shares fell 3 percent, and "
        "Brantley said more plants could close."
    )
    found = entities(nlp, text)
    person = next(e for e in found if e.type == "PERSON" and "Harold" in e.name)
    assert person.id == "person:harold-brantley-jr"
    company = [e for e in found if e.type == "ORG" and "Brantley" in e.name]
    assert company


@pytest.mark.parametrize(
    ("text", "holder"),
    [
        (
            "President Harlan T. Brisco on Tuesday urged Congress to pass the bill. Brisco told "
            "reporters the economy was strong. First lady Mona Brisco visited a school in Texas.",
            "Harlan T. Brisco",
        ),
        (
            "Chief executive Odile Franks said sales rose. Her husband, Pieter Franks, sits on "
            "the board. Franks said the company would hire 300 people.",
            "Odile Franks",
        ),
    ],
)
def test_a_shared_surname_goes_to_the_one_named_after_an_office(
    nlp: Any, text: str, holder: str
) -> None:
    found = by_alias(nlp, text)
    assert found[holder.split()[-1]] is found[holder]


def test_a_shared_surname_without_an_office_joins_no_one(nlp: Any) -> None:
    text = (
        "The loss of brewer Trevor Halliday stunned the town. His brother John Halliday said "
        'the family would rebuild. "We are grateful," Mr Halliday said.'
    )
    found = by_alias(nlp, text)
    assert found["Halliday"] is not found["Trevor Halliday"]
    assert found["Halliday"] is not found["John Halliday"]


def test_different_middle_initials_are_two_people(nlp: Any) -> None:
    text = (
        "Former President Harlan J.T. Brisco and his son, President Harlan T. Brisco, met in "
        "Maine on Sunday."
    )
    found = by_alias(nlp, text)
    assert found["Harlan J.T. Brisco"] is not found["Harlan T. Brisco"]
    assert found["Harlan J.T. Brisco"].id == "person:harlan-j-t-brisco"


def test_a_known_place_tagged_as_a_people_after_in_is_a_place(nlp: Any) -> None:
    text = "The minister flew home to Lahore in Punjab, where farmers had blocked the roads."
    assert by_alias(nlp, text)["Punjab"].type == "GPE"


@pytest.mark.parametrize(
    ("text", "acronym"),
    [
        (
            "With an integrated missile shield (IMS) the country joins a small club. The IMS "
            "will be tested next year, the ministry said.",
            "IMS",
        ),
        (
            "Quellor shelved its initial public offering (IPO) in May, and Brantair said its "
            "own IPO would wait.",
            "IPO",
        ),
    ],
)
def test_an_acronym_of_common_words_is_no_name(nlp: Any, text: str, acronym: str) -> None:
    assert acronym not in by_alias(nlp, text)


def test_an_acronym_of_a_name_stays_a_name(nlp: Any) -> None:
    text = "The International Monetary Fund (IMF) said growth would slow. The IMF cut its forecast."
    assert "IMF" in by_alias(nlp, text)


def test_a_long_name_spelt_out_by_an_acronym_of_the_article_is_that_organisation() -> None:
    from newsloom.enrich.entities.candidate import Candidate
    from newsloom.enrich.entities.labels import unify_labels

    full = "the Movement for the Emancipation of the Tarsk Delta"
    found = [
        Candidate(0, len(full), full, "LOC", "LOC", 0.8, 0),
        Candidate(70, 74, "METD", "ORG", "ORG", 0.8, 12),
        # The positive control: a long place name no acronym spells stays a place.
        Candidate(90, 110, "Gulf of Tarsk Bay", "LOC", "LOC", 0.8, 16),
    ]
    unify_labels(None, found)  # type: ignore[arg-type]
    assert [c.label for c in found] == ["ORG", "ORG", "LOC"]


def test_an_institution_cut_at_of_is_one_name_and_no_place(nlp: Any) -> None:
    found = by_alias(nlp, "The Federal Reserve Bank of Dallas said growth slowed.")
    assert "Dallas" not in found
    assert any(alias.endswith("Federal Reserve Bank of Dallas") for alias in found)
    # The positive control: an organisation and a place joined by other words stay two.
    apart = by_alias(nlp, "The Federal Reserve Bank said growth slowed in Dallas.")
    assert "Dallas" in apart
