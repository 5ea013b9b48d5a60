"""A rate's "a year" is a SET each year, not a one-year stretch (invented text)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from newsloom.enrich.times.stage import find_times
from newsloom.record import parse_iso

Times = Callable[[str], dict[str, tuple[str, str]]]


@pytest.fixture(scope="module")
def times(nlp: Any) -> Times:
    def run(text: str) -> dict[str, tuple[str, str]]:
        found = find_times(text, parse_iso("2025-09-24"), nlp(text))
        return {t.text: (t.value, t.type) for t in found}

    return run


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The mines of Velmora yield up to $125 million a year.", "a year", "P1Y"),
        ("Rents in Brask rose 5% a year for a decade.", "a year", "P1Y"),
        ("The field pumps 20,000 barrels a day.", "a day", "P1D"),
        ("A nurse there earns $41,000 a year.", "a year", "P1Y"),
        ("The board meets twice a month.", "a month", "P1M"),
    ],
)
def test_a_unit_after_an_amount_is_a_rate(
    times: Times, text: str, expression: str, value: str
) -> None:
    assert times(text)[expression] == (value, "SET")


@pytest.mark.parametrize(
    "text", ["The repairs took a year.", "In 2018 a year of drought began in Brask."]
)
def test_a_unit_elsewhere_is_a_stretch(times: Times, text: str) -> None:
    assert times(text)["a year"] == ("P1Y", "DURATION")


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The fish market of Brask opens every Friday.", "every Friday", "XXXX-WXX-5"),
        ("A third ferry leaves each Thursday from August 6.", "each Thursday", "XXXX-WXX-4"),
        ("Two flights leave on Tuesday nights.", "Tuesday nights", "XXXX-WXX-2TNI"),
    ],
)
def test_recurring_weekday_is_a_set(times: Times, text: str, expression: str, value: str) -> None:
    assert times(text)[expression] == (value, "SET")


def test_one_weekday_night_is_a_day(times: Times) -> None:
    assert times("He met the mayor on Tuesday night.")["Tuesday night"] == (
        "2025-09-23TNI",
        "TIME",
    )
