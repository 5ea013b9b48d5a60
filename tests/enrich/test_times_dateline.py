"""A text without a publication date is dated by its own dateline (invented text)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from newsloom.enrich.times.stage import find_times
from newsloom.record import TimeExpression

Times = Callable[[str], list[TimeExpression]]


@pytest.fixture(scope="module")
def times(nlp: Any) -> Times:
    def run(text: str) -> list[TimeExpression]:
        return find_times(text, None, nlp(text))

    return run


def values(found: list[TimeExpression]) -> dict[str, str]:
    return {t.text: t.value for t in found}


@pytest.mark.parametrize(
    "text",
    [
        "Ferry strike spreads\nPublished 6:40 PM EST Nov 19, 2019\nDockers in Brask walked out on "
        "Tuesday and said they would stay out until February.",
        "Ferry strike spreads\nNov. 19, 2019\nDockers in Brask walked out on Tuesday and said "
        "they would stay out until February.",
        "Dockers walked out in Brask, Tuesday, Nov. 19, 2019, over pay.\n\nThey walked out on "
        "Tuesday and said they would stay out until February.",
    ],
)
def test_relative_times_count_from_the_dateline(times: Times, text: str) -> None:
    found = times(text)
    tuesday = next(t for t in found if t.text == "Tuesday")
    assert tuesday.value == "2019-11-19"
    assert tuesday.confidence <= 0.6
    assert values(found)["February"] == "2020-02"


def test_a_date_inside_a_sentence_does_not_date_the_text(times: Times) -> None:
    found = values(times("The treaty of June 5, 1990 was signed, and on Tuesday it was renewed."))
    assert found["Tuesday"] == "XXXX-WXX-2"


def test_explicit_dates_keep_their_confidence(times: Times) -> None:
    found = times("Nov. 19, 2019\nThe port closed in 2018 and reopened on Tuesday.")
    year = next(t for t in found if t.text == "2018")
    assert year.confidence >= 0.9
