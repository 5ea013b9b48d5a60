"""Authors are the bylined people: no site names, labels, dates or claimants (invented pages)."""

from __future__ import annotations

import pytest

import newsloom
from newsloom.extract.news_lines import byline_of, is_person_name, person_name, shown_byline

_BODY = (
    "<p>The harbour board of Lindenport voted on Tuesday to close the old ferry pier for "
    "repairs, a decision that will reroute the morning boats for most of the summer.</p>"
    "<p>Board members said the pilings had rotted faster than the engineers expected and "
    "that the work could not wait for another season, whatever it costs the town.</p>"
    "<p>Ferry passengers will board at the container quay from next month, the board said, "
    "and a shuttle bus will run from the old pier every twenty minutes.</p>"
)


def _article(head: str = "", below: str = "", url: str | None = None) -> newsloom.Article:
    html = (
        f"<html><head><title>Ferry pier to close</title>{head}</head><body>"
        f"<article><h1>Ferry pier to close</h1>{below}{_BODY}</article></body></html>"
    )
    return newsloom.extract(html, kind="html", url=url)


def test_shown_byline_wins_over_a_site_name_in_the_author_meta() -> None:
    head = '<meta name="author" content="The Lindenport Courier">'
    below = "<p>Posted : Mon, 07 Jan 2008 11:59:03 GMT</p><p>Author : Ana Lind</p>"
    assert _article(head, below).authors == ["Ana Lind"]


def test_site_name_alone_is_no_author() -> None:
    head = '<meta name="author" content="Harbour Times">'
    url = "https://www.harbourtimes.example/news/1"
    assert _article(head, url=url).authors == []


def test_update_line_is_no_author_and_the_wire_in_a_byline_is_the_source() -> None:
    below = (
        "<div><span class='byline'>Dec 16, 2007 18:22 | Updated Dec 17, 2007 11:52</span></div>"
        "<div><span class='byline'>By <a href='mailto:x@example.com'>OLA BERG AND AP</a>"
        "</span></div>"
    )
    article = _article(below=below)
    assert article.authors == ["Ola Berg"]
    assert article.source == "Associated Press"


def test_a_fact_checked_claimant_is_no_author() -> None:
    below = (
        "<div class='claim'><img alt='The Northern and Southern port authorities'>"
        "<h4 class='author'>The Northern and Southern port authorities</h4></div>"
    )
    assert _article(below=below).authors == []


def test_byline_with_a_date_and_time_after_the_name() -> None:
    below = (
        "<p>By <a href='/staff/mira-osk'>Mira Osk</a> on Monday, June 10th, 2019 at 11:04 a.m.</p>"
    )
    assert _article(below=below).authors == ["Mira Osk"]


def test_byline_in_other_languages() -> None:
    below = "<p>Von Anna Berg und Jan Ek 29.04.2020, 12:01 Uhr</p>"
    assert _article(below=below).authors == ["Anna Berg", "Jan Ek"]


def test_a_name_run_into_a_brand_gives_way_to_the_meta_author() -> None:
    head = '<meta name="author" content="Jonas Lind">'
    below = "<p>By <a>Jonas Lind</a><span>HARBOURNews</span></p>"
    assert _article(head, below).authors == ["Jonas Lind"]


@pytest.mark.parametrize(
    ("name", "person"),
    [
        ("Ana de la Cruz", True),
        ("Jan van Dijk", True),
        ("J.K. Rowling", True),
        ("Updated Dec", False),
        ("The Earthtimes", False),
        ("Die Furche", False),
        ("Northern port authorities", False),
        ("Harbour Media GmbH", False),
        ("Example Com", False),
        ("Staff Reporter", False),
        ("Madonna", False),
        ("Jonas HarbourNEWS", False),
    ],
)
def test_is_person_name(name: str, person: bool) -> None:
    assert is_person_name(name) is person


def test_byline_lines() -> None:
    assert byline_of("By Mira Osk and Tom Bray") == ["Mira Osk", "Tom Bray"]
    assert byline_of("By OLA BERG AND AP") == ["Ola Berg", "AP"]
    assert byline_of("By Staff Reporter") == []  # a byline, of nobody in particular
    assert byline_of("By the way, the council said no") is None
    assert shown_byline("ByTal Axelrod") == ["Tal Axelrod"]
    assert shown_byline("Par Lise Roux et Paul Marc") == ["Lise Roux", "Paul Marc"]
    assert shown_byline("Byron Hale said the pier would close") is None
    assert person_name("OLA BERG") == "Ola Berg"
    assert person_name("Ola Berg") == "Ola Berg"
