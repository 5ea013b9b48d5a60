"""Page furniture and numbers that are no years are not the story's times (invented text)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from newsloom.enrich.times.stage import TimeStage
from newsloom.record import Article, TimeExpression, parse_iso

WEDNESDAY = "2025-09-24"

Times = Callable[..., list[TimeExpression]]


@pytest.fixture(scope="module")
def times(nlp: Any) -> Times:
    def run(text: str, published: str | None = WEDNESDAY) -> list[TimeExpression]:
        article = Article(paragraphs=[text], published=parse_iso(published), language="en")
        TimeStage()(article, nlp(article.text))
        return article.times

    return run


def words(found: list[TimeExpression]) -> list[str]:
    return [t.text for t in found]


@pytest.mark.parametrize(
    "text",
    [
        "The clinic at 1909 Harbor Street reopened on Tuesday.",
        "Police sealed off the 2000 block of Linden Avenue.",
        "Firefighters were called to 1985 N. Quarry Rd. after midnight.",
    ],
)
def test_street_numbers_are_not_years(times: Times, text: str) -> None:
    assert not any(t.value in ("1909", "2000", "1985") for t in times(text))


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("The council adopted Resolution 2117 without a vote.", "2117"),
        ("Passengers of Flight 1549 were taken to a hotel.", "1549"),
        ("The delegates met in Room 2001 of the old ministry.", "2001"),
        ("Order No. 1911 was signed by the governor.", "1911"),
        ("The ferry leaves from Pier 1960 every hour.", "1960"),
    ],
)
def test_label_numbers_are_not_years(times: Times, text: str, number: str) -> None:
    assert number not in words(times(text))


def test_years_next_to_such_words_elsewhere_stay(times: Times) -> None:
    found = times("The bridge on Harbor Street was built in 1909 and rebuilt in 2001.")
    assert [t.value for t in found if t.type == "DATE"] == ["1909", "2001"]


@pytest.mark.parametrize(
    "text",
    [
        "Alerts | Contact (c) 2008 Brightwater Media, All Rights Reserved.",
        "Copyright 2019 Velmora Press Group. All rights reserved.",
        "© 2021 The Dornholt Courier",
    ],
)
def test_copyright_years_get_the_furniture_confidence(times: Times, text: str) -> None:
    (year,) = [t for t in times(text) if t.value.isdigit()]
    assert year.confidence <= 0.3


@pytest.mark.parametrize(
    "text",
    [
        "Download the free guide to home storage. Act Now.",
        "Click here to Get It Now!",
        "Share this article | Current News | Sport",
    ],
)
def test_capitalised_vague_words_inside_a_line_are_buttons(times: Times, text: str) -> None:
    assert not any(t.value == "PRESENT_REF" for t in times(text))


@pytest.mark.parametrize(
    "text",
    [
        "Now the council must decide what to do with the bridge.",
        "The plant is now closed, and the workers are waiting.",
        '"Now we wait," the mayor said.',
    ],
)
def test_vague_words_in_sentences_stay(times: Times, text: str) -> None:
    assert [t.value for t in times(text)] == ["PRESENT_REF"]


@pytest.mark.parametrize(
    "text",
    [
        "Foreign Minister Jan Kavan arrived in Brask.",
        "The harbour master, Dec Horgan, declined to comment.",
    ],
)
def test_short_month_name_alone_is_a_name(times: Times, text: str) -> None:
    assert times(text) == []


def test_short_month_name_with_its_full_stop_is_a_month(times: Times) -> None:
    assert [t.value for t in times("Exports fell in Jan. and recovered.")] == ["2025-01"]


@pytest.mark.parametrize(
    "text", ["The suspect is in his 30s.", "Both sisters were in their late 20s."]
)
def test_decade_after_a_possessive_is_an_age(times: Times, text: str) -> None:
    assert times(text) == []


def test_decade_of_history_stays(times: Times) -> None:
    assert [t.value for t in times("The port boomed in the 1930s and again in the 80s.")] == [
        "193",
        "198",
    ]
