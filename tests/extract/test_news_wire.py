"""Wire credit by house style: datelines, slugs, closing credits, bylines (invented copy)."""

from __future__ import annotations

import pytest

import newsloom
from newsloom.extract.news import apply_news_layer
from newsloom.extract.news_lines import agency_credit, byline_of, split_dateline, wire_of

BODY = (
    "The harbour board voted on Tuesday to close the old ferry pier for repairs, a "
    "decision that will reroute the morning boats for most of the summer."
)
MORE = "Board members said the pilings had rotted faster than the engineers expected."


def reasons(result: object) -> list[tuple[str, str]]:
    return [(r.text, r.reason) for r in result.removed]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("paragraph", "agency"),
    [
        ("KORVIK, Norland (AP) — " + BODY, "Associated Press"),
        ("TRESK (Reuters) - " + BODY, "Reuters"),
        ("VELMORA (AFP) - " + BODY, "AFP"),
        ("LINDEN, Jan. 7 (Xinhua) -- " + BODY, "Xinhua"),
        ("OSTBURG (dpa) - " + BODY, "dpa"),
        ("New Halden, Nov 20 (PTI) " + BODY, "PTI"),
        ("Port Sela, Jan 7 (IANS) - " + BODY, "IANS"),
        ("Marin Bay, May 4 (BCN) " + BODY, "Bay City News"),
        ("KELD (PA) - " + BODY, "PA Media"),
    ],
)
def test_datelines_name_the_agency(paragraph: str, agency: str) -> None:
    split = split_dateline(paragraph)
    assert split is not None
    assert split[1] == agency
    assert split[2] == BODY


def test_a_weekday_is_no_city() -> None:
    assert split_dateline("Monday, Jan 7 (Reuters) " + BODY) is None


def test_agency_dateline_after_the_headline_the_extractor_kept() -> None:
    result = apply_news_layer(["The Latest: Pier to close", "KORVIK (AP) — " + BODY, MORE])
    assert result.source == "Associated Press"
    assert result.paragraphs == ["The Latest: Pier to close", BODY, MORE]


def test_agency_dateline_in_one_of_the_first_paragraphs() -> None:
    standfirst = "A long-awaited decision on the old pier came after two years of debate in town."
    result = apply_news_layer([standfirst, "TRESK, Norland (AP) — " + BODY, MORE])
    assert result.source == "Associated Press"
    plain = apply_news_layer([standfirst, "TRESK, Norland — " + BODY, MORE])
    assert plain.source is None
    assert plain.paragraphs[1].startswith("TRESK")  # a plain dateline only opens the body


def test_wire_slug_opening_a_paragraph() -> None:
    slug = "ASSOCIATED PRESS 3:56 a.m. January 8, 2008   KORVIK, Norland – " + BODY
    result = apply_news_layer([slug, MORE])
    assert result.source == "Associated Press"
    assert result.paragraphs == [BODY, MORE]
    release = "07/01/2008 20:12:00 Business Wire " + BODY
    assert apply_news_layer([release]).source == "Business Wire"


def test_wire_slug_line() -> None:
    assert wire_of("Associated Press - January 14, 2008 12:53 PM ET") == ("Associated Press", False)
    assert wire_of("AP  1/10/2008 6:07 a.m. EST") == ("Associated Press", False)
    assert wire_of("The plan was approved on May 5, 2020 by AP") is None


@pytest.mark.parametrize(
    ("closing", "agency"),
    [(" PTI", "PTI"), (" (IANS)", "IANS"), (" -- AFP", "AFP"), (" — AP", "Associated Press")],
)
def test_agency_after_the_last_sentence(closing: str, agency: str) -> None:
    result = apply_news_layer([BODY, MORE + closing])
    assert result.source == agency
    assert result.paragraphs == [BODY, MORE]


def test_agency_closing_only_after_a_sentence() -> None:
    result = apply_news_layer([BODY, "The figures came from the board and PTI"])
    assert result.source is None


def test_credit_lines() -> None:
    assert apply_news_layer([BODY, "The Associated Press contributed to this report."]).source == (
        "Associated Press"
    )
    assert agency_credit("Associated Press Writer") == "Associated Press"
    assert agency_credit("AP Chief Medical Writer") == "Associated Press"
    assert agency_credit("By The Associated Press") == "Associated Press"
    assert agency_credit("Press Trust of India") == "PTI"
    assert agency_credit("Associated Press Writers Guild annual dinner Writer") is None
    assert byline_of("By Mira Osk, Associated Press Writer") == ["Mira Osk", "Associated Press"]


def test_html_byline_credit_gives_the_source() -> None:
    html = (
        "<html><head><title>Pier to close</title></head><body><article><h1>Pier to close</h1>"
        "<p>By Mira Osk</p><p>Associated Press</p>"
        f"<p>{BODY}</p><p>{MORE}</p><p>{MORE} It will reopen next year.</p></article></body></html>"
    )
    article = newsloom.extract(html, kind="html")
    assert article.source == "Associated Press"
    assert article.authors == ["Mira Osk"]
