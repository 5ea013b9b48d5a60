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
