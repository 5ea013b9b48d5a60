"""TimeStage on short invented articles: extents, values and types, TimeML-style."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from newsloom.enrich.times.stage import TimeStage
from newsloom.record import Article, parse_iso

# 2025-09-24 is a Wednesday in ISO week 39.
WEDNESDAY = "2025-09-24"

Times = Callable[..., dict[str, tuple[str, str]]]


@pytest.fixture(scope="module")
def times(nlp: Any) -> Times:
    def run(text: str, published: str | None = WEDNESDAY) -> dict[str, tuple[str, str]]:
        article = Article(paragraphs=[text], published=parse_iso(published), language="en")
        TimeStage()(article, nlp(text))
        for t in article.times:
            assert text[t.start : t.end] == t.text
        return {t.text: (t.value, t.type) for t in article.times}

    return run


def test_weekday_in_past_tense_is_the_day_just_gone(times: Times) -> None:
    found = times("Mayor Ilse Varn said on Tuesday that the bridge in Dornholt had reopened.")
    assert found["Tuesday"] == ("2025-09-23", "DATE")


def test_weekday_of_the_publication_day_is_that_day(times: Times) -> None:
    assert times("The council met on Wednesday.")["Wednesday"] == ("2025-09-24", "DATE")


def test_weekday_further_back_stays_within_six_days(times: Times) -> None:
    assert times("Protests began on Thursday.")["Thursday"] == ("2025-09-18", "DATE")


@pytest.mark.parametrize(
    "sentence",
    [
        "The delegation will travel to Brask on Monday.",
        "The minister is due to visit Velmora on Monday.",
        "The two firms plan to sign the deal on Monday.",
    ],
)
def test_weekday_under_future_verb_is_ahead(times: Times, sentence: str) -> None:
    assert times(sentence)["Monday"] == ("2025-09-29", "DATE")


@pytest.mark.parametrize(
    "sentence",
    [
        "The mayor of Dornholt said she would meet the strikers on Monday.",
        "Officials told reporters that the ferry would resume on Monday.",
    ],
)
def test_would_in_a_reported_clause_is_the_future_of_the_report(
    times: Times, sentence: str
) -> None:
    assert times(sentence)["Monday"] == ("2025-09-29", "DATE")


def test_would_outside_reported_speech_is_left_to_the_tense(times: Times) -> None:
    # Habitual "would" in a past narrative: not a future.
    found = times("Last year the old ferryman would sail to Brask on Monday.")
    assert found["Monday"][0] != "2025-09-29"


def test_next_weekday_is_ahead_and_last_weekday_behind(times: Times) -> None:
    found = times("Talks resume next Friday. They broke down last Wednesday.")
    assert found["next Friday"][0] == "2025-09-26"
    assert found["last Wednesday"][0] == "2025-09-17"


def test_reporting_verb_governs_weekday_before_reported_clause(times: Times) -> None:
    found = times("Corvan Mills said on Tuesday it will open a plant in Fenwick.")
    assert found["Tuesday"][0] == "2025-09-23"


def test_month_day_takes_the_nearest_year(times: Times) -> None:
    found = times("A team will visit Ostrava on September 30. The accord was signed on January 3.")
    assert found["September 30"] == ("2025-09-30", "DATE")
    assert found["January 3"][0] == "2025-01-03"
    assert times("The vote is on Jan. 5.", "2025-12-28")["Jan. 5"][0] == "2026-01-05"


def test_explicit_dates(times: Times) -> None:
    found = times("It opened on 30 Sept 2025, closed on 2019-04-02 and reopened in March 2020.")
    assert found["30 Sept 2025"][0] == "2025-09-30"
    assert found["2019-04-02"][0] == "2019-04-02"
    assert found["March 2020"][0] == "2020-03"


def test_relative_calendar_units(times: Times) -> None:
    found = times(
        "Sales fell last year and last month. The board meets next week, "
        "not this week. Prices rose two days ago and earlier this year."
    )
    assert found["last year"] == ("2024", "DATE")
    assert found["last month"][0] == "2025-08"
    assert found["next week"] == ("2025-W40", "DATE")
    assert found["this week"][0] == "2025-W39"
    assert found["two days ago"][0] == "2025-09-22"
    assert found["earlier this year"][0] == "2025"


def test_day_words_and_parts_of_day(times: Times) -> None:
    found = times("Yesterday the mill closed; today it reopens; this morning workers met at 3 p.m.")
    assert found["Yesterday"][0] == "2025-09-23"
    assert found["today"][0] == "2025-09-24"
    assert found["this morning"] == ("2025-09-24TMO", "TIME")
    assert found["3 p.m."] == ("2025-09-24T15:00", "TIME")


def test_bare_month_follows_tense(times: Times) -> None:
    assert times("The plant closed in November.")["November"][0] == "2024-11"
    assert times("The plant will close in November.")["November"][0] == "2025-11"


def test_years_decades_quarters_and_references(times: Times) -> None:
    found = times(
        "In 2019 and in the 1990s the firm grew; third-quarter profit and Q2 sales "
        "rose. It is now calm, though prices recently spiked."
    )
    assert found["2019"] == ("2019", "DATE")
    assert found["the 1990s"][0] == "199"
    assert found["third-quarter"][0] == "2025-Q3"
    assert found["Q2"][0] == "2025-Q2"
    assert found["now"][0] == "PRESENT_REF"
    assert found["recently"][0] == "PAST_REF"


def test_counted_numbers_are_not_years(times: Times) -> None:
    assert "1500" not in times("About 1500 workers marched.")


def test_durations_are_durations(times: Times) -> None:
    found = times(
        "The strike lasted for three weeks, a decade after the last one; 48 hours later, "
        "in the fourth year of the dispute, nearly forty years of talks ended. "
        "Output doubled over the past three years."
    )
    assert found["three weeks"] == ("P3W", "DURATION")
    assert found["a decade"] == ("P10Y", "DURATION")
    assert found["nearly forty years"] == ("P40Y", "DURATION")
    assert found["the past three years"] == ("P3Y", "DURATION")
    assert found["the fourth year"] == ("P1Y", "DURATION")
    assert "48 hours later" in found or found["48 hours"] == ("PT48H", "DURATION")


def test_sets(times: Times) -> None:
    found = times("The ferry runs every week and the bakery delivers daily.")
    assert found["every week"] == ("P1W", "SET")
    assert found["daily"] == ("P1D", "SET")


def test_extent_keeps_preposition_out(times: Times) -> None:
    text = "Voting ended on Sunday."
    found = times(text)
    assert list(found) == ["Sunday"]


def test_no_publication_date_leaves_placeholders(times: Times) -> None:
    found = times("She left on Tuesday and returns on September 30; last year was hard.", None)
    assert found["Tuesday"][0] == "XXXX-WXX-2"
    assert found["September 30"][0] == "XXXX-09-30"
    assert found["last year"][0] == "XXXX"


def test_unanchored_confidence_is_low(nlp: Any) -> None:
    article = Article(paragraphs=["The vote was on Tuesday."], language="en")
    TimeStage()(article, nlp(article.text))
    assert article.times and article.times[0].confidence < 0.5


def test_year_ago_in_an_earnings_story_is_the_year_ago_quarter(times: Times) -> None:
    found = times(
        "Dornholt Mills said third-quarter profit rose 8%. A year earlier it had lost money.",
        "2025-10-20",
    )
    assert found["third-quarter"][0] == "2025-Q3"
    assert found["A year earlier"][0] == "2024-Q3"
    assert times("A year ago the mill was idle.")["A year ago"][0] == "2024"


def test_clock_with_weekday_and_weekday_with_date(times: Times) -> None:
    found = times("Polls closed at 10 p.m. Monday; counting ended Tuesday, Sept. 23.")
    assert found["10 p.m. Monday"] == ("2025-09-22T22:00", "TIME")
    assert found["Tuesday, Sept. 23"][0] == "2025-09-23"


def test_ages_and_verbs_are_not_times(times: Times) -> None:
    found = times("The 6-year-old boy, 55 years old now, watched prices fall.")
    assert "6-year" not in found and "55 years" not in found
    assert "fall" not in found


def test_year_modifying_a_noun_after_a_determiner_is_a_year(times: Times) -> None:
    found = times("Leaders of the 1992 protests met; his 1996 campaign failed.")
    assert found["1992"][0] == "1992" and found["1996"][0] == "1996"


def test_modal_could_points_a_weekday_ahead(times: Times) -> None:
    assert times("The envoy could arrive as early as Monday.")["Monday"][0] == "2025-09-29"
