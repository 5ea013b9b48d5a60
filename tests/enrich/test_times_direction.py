"""Which side of the publication date a bare month or weekday falls on (invented text)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from newsloom.enrich.times.stage import TimeStage
from newsloom.record import Article, parse_iso

# 2025-11-12 is a Wednesday in November.
NOVEMBER = "2025-11-12"

Times = Callable[..., dict[str, str]]


@pytest.fixture(scope="module")
def times(nlp: Any) -> Times:
    def run(text: str, published: str = NOVEMBER) -> dict[str, str]:
        article = Article(paragraphs=[text], published=parse_iso(published), language="en")
        TimeStage()(article, nlp(article.text))
        return {t.text: t.value for t in article.times}

    return run


@pytest.mark.parametrize(
    ("sentence", "month", "value"),
    [
        ("The factory in Brask closed in March.", "March", "2025-03"),
        ("Exports of grain fell sharply in February.", "February", "2025-02"),
        ("The new rules, introduced in April, cover every ferry.", "April", "2025-04"),
        ("Rents in Velmora have doubled since February.", "February", "2025-02"),
    ],
)
def test_bare_month_of_a_past_or_present_verb_is_the_latest(
    times: Times, sentence: str, month: str, value: str
) -> None:
    assert times(sentence)[month] == value


@pytest.mark.parametrize(
    ("sentence", "month", "value"),
    [
        ("The factory in Brask will reopen in March.", "March", "2026-03"),
        ("The review is expected in February.", "February", "2026-02"),
        ("Ministers meet at a summit set for April.", "April", "2026-04"),
        ("She said final rules to be published in January would settle it.", "January", "2026-01"),
        ("Officials can decide on the tolls in March.", "March", "2026-03"),
    ],
)
def test_bare_month_of_a_future_verb_is_the_coming_one(
    times: Times, sentence: str, month: str, value: str
) -> None:
    assert times(sentence)[month] == value


def test_present_verb_may_take_a_month_just_ahead(times: Times) -> None:
    assert times("The runoff is in December.")["December"] == "2025-12"


def test_last_month_name_is_the_latest_one_gone(times: Times) -> None:
    found = times("The treaty, signed last April, expires soon; talks began last November.")
    assert found["last April"] == "2025-04"
    assert found["last November"] == "2024-11"


def test_planned_event_of_a_past_clause_stays_past(times: Times) -> None:
    # 2025-11-12 is a Wednesday: the Saturday before is 2025-11-08.
    found = times("A vigil planned for Saturday was called off after the storm.")
    assert found["Saturday"] == "2025-11-08"


def test_past_perfect_over_a_due_date_is_past(times: Times) -> None:
    found = times("The permit had been due to expire Monday morning.")
    assert found["Monday morning"] == "2025-11-10TMO"


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        # A guess about the past: "may have been" is no future.
        ("Fog may have been to blame for the crash on Monday.", "Monday", "2025-11-10"),
        # A finite verb joined to a modal one keeps its own tense.
        (
            "Officials warned that the dam might fail and closed the road on Friday.",
            "Friday",
            "2025-11-07",
        ),
        # "have been searching since": ongoing from the past.
        ("Divers have been searching since the Oct. 23 sinking.", "Oct. 23", "2025-10-23"),
        ("Rents in Brask have doubled since March.", "March", "2025-03"),
        # A bare participle on a noun tells what was done.
        ("Velmora reported losses for the year ended March 31.", "March 31", "2025-03-31"),
    ],
)
def test_past_forms_keep_times_behind(
    times: Times, sentence: str, expression: str, value: str
) -> None:
    assert times(sentence)[expression] == value


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        ("The treaty was ratified in February this year.", "February this year", "2025-02"),
        ("In June last year the two leaders met in Brask.", "June last year", "2024-06"),
        ("The ferry line opens in April next year.", "April next year", "2026-04"),
        ("The offer stands until 5 p.m. EST Nov. 19.", "5 p.m. EST", "2025-11-19T17:00"),
        ("Polls close at 8 p.m. on Nov. 16.", "8 p.m.", "2025-11-16T20:00"),
    ],
)
def test_month_or_clock_written_with_its_year_or_day(
    times: Times, sentence: str, expression: str, value: str
) -> None:
    assert times(sentence)[expression] == value


@pytest.mark.parametrize(
    "sentence",
    [
        "A statement will be released after the envoys meet on Monday.",
        "She is scheduled to meet the mayor before the summit opens on Monday.",
    ],
)
def test_present_clause_of_a_future_one_is_ahead(times: Times, sentence: str) -> None:
    # 2025-11-12 is a Wednesday: the coming Monday is 2025-11-17.
    assert times(sentence)["Monday"] == "2025-11-17"


@pytest.mark.parametrize(
    "sentence",
    [
        "Police are preparing for Saturday's march through the city.",
        "The party is planning a rally on Saturday in Orvik.",
        "Residents are bracing for Saturday's storm.",
    ],
)
def test_a_weekday_that_is_being_prepared_for_is_the_coming_one(
    times: Times, sentence: str
) -> None:
    assert times(sentence)["Saturday"] == "2025-11-15"


def test_a_weekday_prepared_for_in_the_past_is_gone(times: Times) -> None:
    # The positive control: told in the past, the same preparation was for the last one.
    assert times("Police were preparing for Saturday's march.")["Saturday"] == "2025-11-08"
