"""Places in context: first-level regions of every country, feature words, datelines,
acronyms, nationality words and towns the model typed as people, each shown on short
invented articles. Entities are built by hand, as in test_places.py."""

from __future__ import annotations

import re

from newsloom.enrich.places.stage import build_places
from newsloom.gazetteer import senses as gaz
from newsloom.record import Entity, Mention, Place


def entity(text: str, name: str, type: str = "GPE", id: str | None = None) -> Entity:
    pattern = rf"(?<!\w){re.escape(name)}" + ("" if name.endswith(".") else r"\b")
    mentions = [Mention(m.group(), m.start(), m.end()) for m in re.finditer(pattern, text)]
    assert mentions, name
    return Entity(id or f"{type.lower()}:{name.lower()}", name, type, mentions)


def places(text: str, *names: str, type: str = "GPE") -> dict[str, Place]:
    found = build_places(text, [entity(text, n, type) for n in names])
    for place in found:
        assert text[place.start : place.end] == place.text
    return {p.text: p for p in found}


def test_first_level_regions_outside_the_us_are_known() -> None:
    text = "Fighting spread across Helmand while farmers in Chiang Mai and Alberta waited."
    found = places(text, "Helmand", "Chiang Mai", "Alberta")
    assert (found["Helmand"].kind, found["Helmand"].country) == ("admin", "AF")
    assert found["Alberta"].country == "CA"
    assert found["Chiang Mai"].country == "TH"


def test_a_province_beats_small_towns_of_its_name() -> None:
    found = places("Marel Tusk runs a bakery in a town in Ontario.", "Ontario")
    assert (found["Ontario"].kind, found["Ontario"].country) == ("admin", "CA")


def test_a_city_that_is_the_bulk_of_its_region_stands_for_the_name() -> None:
    found = places("Talks resumed in Kabul on Monday.", "Kabul")
    assert found["Kabul"].kind == "city"
    region = places("Talks resumed across Kandahar province.", "Kandahar")
    assert region["Kandahar"].kind == "admin"


def test_a_desert_or_a_sea_is_no_village() -> None:
    text = "The caravan crossed the Sahara desert before reaching the Atlantic coast."
    found = places(text, "Sahara", "Atlantic", type="LOC")
    assert found["Sahara"].kind == "region"
    assert found["Atlantic"].kind == "region"


def test_a_region_named_exactly_is_not_a_small_us_town() -> None:
    text = "Observers in Baltimore, Maryland, said the Middle East talks would resume."
    found = places(text, "Baltimore", "Maryland", "Middle East")
    assert found["Middle East"].kind == "region"


def test_listed_states_stay_states() -> None:
    text = "Candidates campaigned in Iowa, Nevada and South Carolina this week."
    found = places(text, "Iowa", "Nevada", "South Carolina")
    assert found["Nevada"].kind == "admin"
    assert -120.5 < found["Nevada"].longitude < -114.0


def test_a_capitals_dateline_is_the_city() -> None:
    text = "NEW YORK -- Orrin Vale opened a second shop on Tuesday."
    found = places(text, "NEW YORK")
    assert found["NEW YORK"].kind == "city"
    assert abs(found["NEW YORK"].latitude - 40.71) < 0.2


def test_acronyms_and_common_words_are_not_places() -> None:
    text = "The SAN array ships today. Contact Us for prices."
    assert places(text, "SAN", "Us") == {}


def test_dotted_abbreviations_name_their_state_or_province() -> None:
    text = "Snow closed roads in B.C. and in Ill. overnight."
    found = places(text, "B.C.", "Ill.")
    assert found["B.C."].country == "CA" and found["B.C."].kind == "admin"
    assert found["Ill."].country == "US" and found["Ill."].kind == "admin"


def test_a_small_town_nothing_vouches_for_is_left_out() -> None:
    text = "The Pelling family bought a recreational vehicle from Winnebago last year."
    assert places(text, "Winnebago") == {}
    qualified = "The Pelling family moved to Winnebago, Illinois, last year."
    assert places(qualified, "Winnebago")["Winnebago"].country == "US"


def test_nationality_words_are_spans_of_their_country_not_its_evidence() -> None:
    text = "Russian officials said Russia would reply."
    russia = Entity(
        "gpe:ru",
        "Russia",
        "GPE",
        [Mention("Russian", 0, 7, 0.8), Mention("Russia", 23, 29)],
    )
    [place] = build_places(text, [russia])
    assert (place.text, place.start) == ("Russia", 23)


def test_towns_typed_as_people_or_organisations_in_place_positions() -> None:
    text = "The train stops in Hilversum and Almelo. A Coral Gables man was arrested in the case."
    found = build_places(
        text, [entity(text, "Almelo", "PERSON"), entity(text, "Coral Gables", "ORG")]
    )
    assert {p.text for p in found} == {"Almelo", "Coral Gables"}


def test_a_person_named_like_a_town_after_a_title_stays_a_person() -> None:
    text = "In Boston, Mr Lincoln said Lincoln would wait."
    assert build_places(text, [entity(text, "Lincoln", "PERSON")]) == []


def test_saint_and_st_are_one_name() -> None:
    [petersburg] = [s for s in gaz.lookup("St. Petersburg") if s.country == "RU"]
    assert not gaz.is_alternate("St. Petersburg", petersburg)


def test_counties_are_places_and_their_state_vouches_for_them() -> None:
    text = "Deputies in Laurel County, Kentucky, searched the woods near London."
    found = places(text, "Laurel County", "London")
    assert (found["Laurel County"].kind, found["Laurel County"].country) == ("admin", "US")
    assert found["London"].country == "US"  # the Kentucky town, near its county


def test_a_county_named_like_a_capital_does_not_replace_it() -> None:
    found = places("Ministers met in Paris on Monday.", "Paris")
    assert found["Paris"].kind == "city" and found["Paris"].country == "FR"


def test_a_coast_or_valley_of_a_region_is_still_that_region() -> None:
    text = "Storms battered the California coast while the Neches River rose."
    found = places(text, "California", "Neches", type="LOC")
    assert found["California"].kind == "admin"
    assert "Neches" not in found  # a river, and no town


def test_a_name_after_a_personal_title_is_no_place() -> None:
    text = "Governor Tyler said Tyler would sign the bill."
    assert places(text, "Tyler") == {}


def test_a_town_typed_as_a_group_after_a_locative_is_placed() -> None:
    text = "Rockets fell in Sderot overnight, residents said."
    [place] = build_places(text, [entity(text, "Sderot", "NORP")])
    assert (place.text, place.country) == ("Sderot", "IL")


def test_regions_news_names_are_known() -> None:
    text = "Commuters across the Bay Area and farmers in Darfur faced shortages."
    found = places(text, "Bay Area", "Darfur", type="LOC")
    assert found["Bay Area"].kind == "region" and found["Bay Area"].country == "US"
    assert found["Darfur"].country == "SD"


def test_a_town_next_door_across_a_border_is_the_one_meant() -> None:
    text = "Officials in Bethlehem said the church would reopen, as pilgrims gathered in Jerusalem."
    assert places(text, "Bethlehem", "Jerusalem")["Bethlehem"].country == "PS"
    # The positive control: alone, the name keeps its most likely sense elsewhere.
    alone = "The ceremony was held in Bethlehem on Sunday."
    assert places(alone, "Bethlehem")["Bethlehem"].country != "PS"
