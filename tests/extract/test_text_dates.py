"""The publication date scraped text shows next to its headline (invented pages)."""

from __future__ import annotations

import datetime as dt

import newsloom
from newsloom.extract.html_dates import shown_date_in_text

_BODY = [
    "The harbour board of Lindenport voted on Tuesday to close the old ferry pier for "
    "repairs, a decision that will reroute the morning boats for most of the summer.",
    "Board members said the pilings had rotted faster than the engineers expected and "
    "that the work could not wait for another season, whatever it costs the town.",
    "Ferry passengers will board at the container quay from next month, the board said, "
    "and a shuttle bus will run from the old pier every twenty minutes.",
]
_MENU = ["Home", "Local News", "Sports", "Obituaries", "E-Edition"]


def test_published_line_under_the_headline() -> None:
    lines = [*_MENU, "Ferry pier to close for the summer", "Ana Lind", "Courier Staff"]
    lines += ["Published 11:34 PM EST Jun 11, 2019", *_BODY]
    article = newsloom.extract("\n".join(lines), kind="text")
    assert article.published == dt.date(2019, 6, 11)


def test_date_line_above_the_headline() -> None:
    lines = [*_MENU, "Jun. 12, 2019 6:02 AM EST", "Ferry pier to close for the summer"]
    lines += ["By ANA LIND", *_BODY]
    article = newsloom.extract("\n".join(lines), kind="text")
    assert article.published == dt.date(2019, 6, 12)


def test_no_headline_no_date() -> None:
    assert shown_date_in_text(["Jun. 12, 2019", *_BODY], None) is None


def test_a_date_in_the_story_is_not_the_publication() -> None:
    lines = [*_MENU, "Ferry pier to close for the summer", *_BODY]
    lines[-1] += " The pier first opened on June 4, 1995."
    assert newsloom.extract("\n".join(lines), kind="text").published is None
