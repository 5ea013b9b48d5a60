"""Rule classes of the time tagger on invented sentences: spoken years, vague stretches,
financial years, relative clock times."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from newsloom.enrich.times.stage import find_times

ANCHOR = dt.date(2025, 9, 24)


def found(
    nlp: Any, text: str, anchor: dt.date | dt.datetime = ANCHOR
) -> dict[str, tuple[str, str]]:
    return {t.text: (t.value, t.type) for t in find_times(text, anchor, nlp(text))}


@pytest.mark.parametrize(
    ("sentence", "extent", "value"),
    [
        ("In nineteen ninety-six the dam at Orvel burst.", "nineteen ninety-six", "1996"),
        ("The mill closed in nineteen oh five.", "nineteen oh five", "1905"),
        ("Brask was founded in eighteen hundred.", "eighteen hundred", "1800"),
        ("A pledge to halve debt by the year two thousand.", "the year two thousand", "2000"),
        ("The port reopened in two thousand and one.", "two thousand and one", "2001"),
        (
            "In January nineteen ninety-seven the mayor resigned.",
            "January nineteen ninety-seven",
            "1997-01",
        ),
    ],
)
def test_years_said_in_words(nlp: Any, sentence: str, extent: str, value: str) -> None:
    assert found(nlp, sentence)[extent] == (value, "DATE")


def test_a_bare_thousand_count_is_not_a_year(nlp: Any) -> None:
    assert found(nlp, "Some two thousand troops crossed the river.") == {}


def test_recent_years_is_a_stretch_of_unknown_length(nlp: Any) -> None:
    assert found(nlp, "Rents in Velmora have doubled in recent years.")["recent years"] == (
        "PXY",
        "DURATION",
    )


def test_the_year_is_the_year_of_the_story(nlp: Any) -> None:
    text = "Sales at Dornholt Mills rose 4% for the year, the firm said."
    assert found(nlp, text)["the year"] == ("2025", "DATE")
    assert found(nlp, "Profit for the full year will top forecasts.")["the full year"] == (
        "2025",
        "DATE",
    )


def test_the_year_before_a_closing_date_is_a_year_long_stretch(nlp: Any) -> None:
    text = "Brask Foods earned $4 million in the fiscal year ended June 30."
    times = found(nlp, text)
    assert times["the fiscal year"] == ("P1Y", "DURATION")
    assert "June 30" in times


def test_the_year_before_is_left_to_other_rules(nlp: Any) -> None:
    assert "the year" not in found(nlp, "Output fell from the year before.")


@pytest.mark.parametrize(
    ("sentence", "extent", "value"),
    [
        ("The ferry left Orvel two hours ago.", "two hours ago", "2025-09-24T12:30"),
        ("Polls closed 45 minutes ago.", "45 minutes ago", "2025-09-24T13:45"),
        ("The count ends three hours from now.", "three hours from now", "2025-09-24T17:30"),
        ("Talks began 16 hours ago.", "16 hours ago", "2025-09-23T22:30"),
    ],
)
def test_hours_ago_against_a_publication_time(
    nlp: Any, sentence: str, extent: str, value: str
) -> None:
    published = dt.datetime(2025, 9, 24, 14, 30)
    assert found(nlp, sentence, published)[extent] == (value, "TIME")


def test_hours_ago_without_a_publication_time_stays_vague(nlp: Any) -> None:
    assert found(nlp, "The ferry left Orvel two hours ago.")["two hours ago"][0] == "PAST_REF"


def test_hours_later_counts_from_the_story_not_the_publication(nlp: Any) -> None:
    published = dt.datetime(2025, 9, 24, 14, 30)
    times = found(nlp, "The dam burst and two hours later the town flooded.", published)
    assert not times.get("two hours later", ("", ""))[0].startswith("2025-09-24T")


@pytest.mark.parametrize(
    ("sentence", "anchor", "extent", "value"),
    [
        (
            "The boat was found on Thanksgiving Day.",
            dt.date(2026, 4, 2),
            "Thanksgiving Day",
            "2025-11-27",
        ),
        (
            "Voters go to the polls on Election Day.",
            dt.date(2026, 10, 20),
            "Election Day",
            "2026-11-03",
        ),
        ("Shops in Brask will close on Christmas Eve.", ANCHOR, "Christmas Eve", "2025-12-24"),
        ("Last Christmas the river froze.", ANCHOR, "Last Christmas", "2024-12-25"),
        ("The vote came on Easter 2024.", ANCHOR, "Easter 2024", "2024-03-31"),
        ("Crowds gathered on New Year’s Day.", dt.date(2026, 1, 3), "New Year’s Day", "2026-01-01"),
        ("Parades marked Memorial Day.", ANCHOR, "Memorial Day", "2025-05-26"),
        ("Ferries stop on Good Friday.", dt.date(2026, 3, 1), "Good Friday", "2026-04-03"),
    ],
)
def test_named_days_fixed_and_movable(
    nlp: Any, sentence: str, anchor: dt.date, extent: str, value: str
) -> None:
    assert found(nlp, sentence, anchor)[extent] == (value, "DATE")


@pytest.mark.parametrize(
    ("sentence", "extent", "value"),
    [
        ("Refugees lived in the camps for 2 1/2 years.", "2 1/2 years", "P2Y6M"),
        ("The envoy spent 5 1/2 hours in Orvel.", "5 1/2 hours", "PT5H30M"),
        ("After two and a half days of talks the strike ended.", "two and a half days", "P2DT12H"),
        ("The count took ten and a half minutes.", "ten and a half minutes", "PT10M30S"),
        ("The siege lasted 18 months.", "18 months", "P18M"),
    ],
)
def test_fractions_of_a_unit_go_to_the_next_smaller_unit(
    nlp: Any, sentence: str, extent: str, value: str
) -> None:
    assert found(nlp, sentence)[extent] == (value, "DURATION")


def test_the_latest_period_is_the_quarter_just_named(nlp: Any) -> None:
    text = (
        "Brask Foods earned $4 million in the third quarter. "
        "The latest period included a gain on the sale of a mill."
    )
    assert found(nlp, text)["The latest period"] == ("2025-Q3", "DATE")


def test_the_latest_period_alone_is_the_last_quarter(nlp: Any) -> None:
    text = "Sales in the latest period rose 5%."
    assert found(nlp, text, dt.date(2025, 11, 2))["the latest period"] == ("2025-Q3", "DATE")


def test_midday_is_noon_of_the_publication_day(nlp: Any) -> None:
    assert found(nlp, "The judge will rule at midday.")["midday"] == ("2025-09-24T12:00", "TIME")


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Her team told Garden Weekly TODAY that the plots were full.", "TODAY"),
        ("A report in Kessmoor Today said sleep helps.", "Today"),
    ],
)
def test_today_in_a_name_is_no_day(nlp: Any, sentence: str, name: str) -> None:
    assert name not in found(nlp, sentence)
    # The positive control: the same word opening a sentence is the day.
    assert found(nlp, "Prices rose in Orvik. Today the council meets.")["Today"][0] == "2025-09-24"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The record of 0000-01-01 was found, and on Tuesday the board met again.",
            {"Tuesday": ("0001-01-02", "DATE")},
        ),
        (
            "A stone dated 0001-01-03 was shown on Monday, the museum said.",
            {"0001-01-03": ("0001-01-03", "DATE"), "Monday": ("0001-01-01", "DATE")},
        ),
    ],
)
def test_a_date_at_the_calendar_s_edge_resolves_within_it_and_breaks_nothing(
    nlp: Any, text: str, expected: dict[str, tuple[str, str]]
) -> None:
    # Found by `make fuzz`: a year 0 raised ValueError and a year-1 anchor OverflowError.
    # The year 0 is no date at all; what lies inside the calendar still resolves.
    assert found(nlp, text, anchor=dt.date(1, 1, 2)) == expected
