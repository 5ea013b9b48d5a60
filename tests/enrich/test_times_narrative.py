"""Dates told in the story, not counted from the publication date (invented text)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from newsloom.enrich.times.stage import TimeStage
from newsloom.record import Article, parse_iso

# 2025-09-24 is a Wednesday in ISO week 39.
WEDNESDAY = "2025-09-24"

Times = Callable[..., dict[str, str]]


@pytest.fixture(scope="module")
def times(nlp: Any) -> Times:
    def run(text: str, published: str | None = WEDNESDAY) -> dict[str, str]:
        article = Article(paragraphs=[text], published=parse_iso(published), language="en")
        TimeStage()(article, nlp(article.text))
        return {t.text: t.value for t in article.times}

    return run


# 2024-05-18 was a Saturday; 2025-05-18 a Sunday.
@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        (
            "The ferry sank at 6:38 p.m. on Saturday, May 18, the coast guard said.",
            "6:38 p.m. on Saturday",
            "2024-05-18T18:38",
        ),
        ("The ferry sank at 6:38 p.m. on Saturday, May 18.", "May 18", "2024-05-18"),
        (
            "Voters in Brask went to the polls on Saturday, May 18.",
            "Saturday, May 18",
            "2024-05-18",
        ),
        ("Posted: Mon, 07 Jan 2008 11:59 GMT", "Mon", "2008-01-07"),
        ("The inquiry opened on Monday, the 22nd of September.", "Monday", "2025-09-22"),
    ],
)
def test_weekday_next_to_a_date_is_that_date(
    times: Times, text: str, expression: str, value: str
) -> None:
    assert times(text)[expression] == value


def test_weekday_apart_from_a_date_keeps_its_week(times: Times) -> None:
    found = times("The council met on Tuesday, and on Sept. 30 it will vote.")
    assert found["Tuesday"] == "2025-09-23"
    assert found["Sept. 30"] == "2025-09-30"


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        (
            "In 2018 grain exports fell to $9 billion, down from $19 billion the previous year.",
            "the previous year",
            "2017",
        ),
        (
            "Varn resigned on Sept. 30, 2019.\n\nHer deputy had left the previous week.",
            "the previous week",
            "2019-W39",
        ),
        (
            "The ferry line opened in 2012. A year later it added a night crossing.",
            "A year later",
            "2013",
        ),
        (
            "The storm reached Brask on June 3, 2021. Two days later, the river burst its banks.",
            "Two days later",
            "2021-06-05",
        ),
        ("The dam failed in 1995. That year, floods reached the capital.", "That year", "1995"),
        (
            "Police arrived on Monday. The next day, the suspect was charged.",
            "The next day",
            "2025-09-23",
        ),
        (
            "The treaty was signed in 1995 and ratified the following year.",
            "the following year",
            "1996",
        ),
    ],
)
def test_expression_counts_from_the_date_the_story_named(
    times: Times, text: str, expression: str, value: str
) -> None:
    assert times(text)[expression] == value


def test_without_a_named_date_later_is_only_a_length(times: Times) -> None:
    found = times("Two days later, the river burst its banks.")
    assert found == {"Two days": "P2D"}


def test_before_an_event_is_only_a_length(times: Times) -> None:
    assert times("The mayor resigned a week before the vote.") == {"a week": "P1W"}


def test_a_date_far_back_is_no_reference(times: Times) -> None:
    text = "The plant opened in 1990.\n\nIt grew.\n\nIt was sold.\n\nA year later it closed."
    assert "1991" not in times(text).values()


def test_that_day_in_a_compound_is_no_time(times: Times) -> None:
    assert times("In 2019 she said that day care centres would close.") == {"2019": "2019"}


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ('"Today we mourn," the mayor of Brask said on Monday.', "Today", "2025-09-22"),
        (
            "“We will not leave tomorrow,” the dockers told reporters on Monday.",
            "tomorrow",
            "2025-09-23",
        ),
        (
            'On Monday, Varn said: "Yesterday was the worst day of my life."',
            "Yesterday",
            "2025-09-21",
        ),
        (
            '"This is a sad day for Velmora," Varn said yesterday; "today we rebuild."',
            "today",
            "2025-09-23",
        ),
    ],
)
def test_deictic_words_in_a_quote_count_from_the_day_it_was_said(
    times: Times, text: str, expression: str, value: str
) -> None:
    assert times(text)[expression] == value


@pytest.mark.parametrize(
    "text",
    [
        '"Today we mourn," the mayor said.',
        '"Today we mourn," the mayor said at a vigil for the victims of Friday\'s attack.',
    ],
)
def test_a_quote_without_its_day_is_taken_as_said_on_publication(times: Times, text: str) -> None:
    assert times(text)["Today"] == WEDNESDAY
