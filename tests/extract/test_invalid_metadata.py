"""Invalid metadata (dates, URLs) is left out of the article with a logged warning;
the article itself is kept (issue 10: each of these dropped the whole article as
`failed: ValueError` or `failed: AssertionError`). Invented pages."""

from __future__ import annotations

import datetime as dt
import io
import json
import logging

import pytest

import newsloom
from newsloom.extract import extract_document
from newsloom.ingest.jsonl import read_jsonl
from newsloom.options import Options
from newsloom.record import Article, Document, parse_iso

_PARAGRAPHS = (
    "The harbour board of Lindenport voted on Tuesday to close the old ferry pier for "
    "repairs, a decision that will reroute the morning boats for most of the summer.",
    "Board members said the pilings had rotted faster than the engineers expected and "
    "that the work could not wait for another season.",
)
_TEXT = "\n".join(_PARAGRAPHS)


def _page(head: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in _PARAGRAPHS)
    return (
        f"<html><head>{head}<title>Ferry pier to close</title></head><body><article>"
        f"<h1>Ferry pier to close</h1>{body}</article></body></html>"
    )


def _kept(article: Article) -> None:
    assert "pilings had rotted" in article.text
    json.dumps(article.to_dict())


def test_impossible_dates_parse_to_none() -> None:
    for value in ("2025-02-30", "0000-01-01", "2025-13-01", "2025-02-30T10:00:00Z"):
        assert parse_iso(value) is None, value
    assert parse_iso("2024-05-14T09:30:00+99:99") == dt.date(2024, 5, 14)


def test_scraped_text_with_an_impossible_date_line_is_kept(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING):
        article = newsloom.extract("date 2025-02-30\n" + _TEXT, kind="text")
    _kept(article)
    assert article.published is None
    assert not article.text.startswith("date")
    assert "2025-02-30" in caplog.text


def test_given_impossible_date_is_ignored_with_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING):
        article = newsloom.extract(_TEXT, kind="text", published="2025-02-30")
    _kept(article)
    assert article.published is None
    assert "2025-02-30" in caplog.text


def test_jsonl_line_with_an_impossible_date_becomes_an_article() -> None:
    line = json.dumps({"url": "https://a.example/1", "text": _TEXT, "published": "2025-02-30"})
    (document,) = read_jsonl("mem.jsonl", io.BytesIO(line.encode()), Options())
    assert isinstance(document, Document)
    article = extract_document(document)
    _kept(article)
    assert article.published is None and article.url == "https://a.example/1"


@pytest.mark.parametrize(
    "head",
    [
        '<meta property="article:published_time" content="2024-05-14T09:30:00+99:99">',
        '<meta property="article:modified_time" content="2024-05-14T09:30:00+99:99">',
        '<meta property="article:published_time" content="2025-02-30">',
        '<meta property="article:published_time" content="0000-01-01">',
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"datePublished": "2025-02-30T10:00:00Z"}</script>',
    ],
)
def test_page_with_an_invalid_date_is_kept(head: str) -> None:
    article = newsloom.extract(_page(head), kind="html")
    _kept(article)
    assert article.title == "Ferry pier to close"


def test_page_the_date_finder_fails_on_is_kept(caplog: pytest.LogCaptureFixture) -> None:
    """htmldate's cleaning raised AssertionError inside lxml on this page."""
    with caplog.at_level(logging.WARNING):
        article = newsloom.extract("<iframe html>" + _PARAGRAPHS[0], kind="html")
    assert article.text == _PARAGRAPHS[0]
    assert "htmldate failed" in caplog.text


@pytest.mark.parametrize("url", ["http://[::1", "https://a.example:99999/x", "http://[oops/story"])
def test_invalid_url_is_dropped_with_a_warning(url: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        article = newsloom.extract(_page(), url=url)
    _kept(article)
    assert article.url is None and article.canonical_url is None
    assert url in caplog.text


@pytest.mark.parametrize(
    "head",
    [
        '<link rel="canonical" href="http://[oops/">',
        '<meta property="og:url" content="https://[::1/x">',
        '<link rel="canonical" href="https://a.example:99999/x">',
    ],
)
def test_invalid_canonical_url_in_the_page_is_left_out(head: str) -> None:
    article = newsloom.extract(_page(head), url="https://a.example/ferry")
    _kept(article)
    assert article.url == "https://a.example/ferry"
    assert article.canonical_url is None


def test_analyze_ignores_an_impossible_date() -> None:
    article = newsloom.analyze("The harbour board met on Tuesday.", published="2025-02-30")
    assert article.published is None


def test_article_over_the_character_limit_is_too_long() -> None:
    """A 10 MB single line of text became a 10-million-character article."""
    length = len(newsloom.extract(_TEXT, kind="text").text)
    exact = Options(max_article_chars=length)
    assert len(newsloom.extract(_TEXT, kind="text", options=exact).text) == length
    shorter = Options(max_article_chars=length - 1)
    with pytest.raises(newsloom.extract.ExtractionError) as caught:
        newsloom.extract(_TEXT, kind="text", options=shorter)
    assert caught.value.reason == "too_long"
    with pytest.raises(newsloom.extract.ExtractionError) as caught:
        newsloom.extract(_page(), kind="html", options=Options(max_article_chars=100))
    assert caught.value.reason == "too_long"


def test_page_with_a_base_href_that_is_no_url_is_kept() -> None:
    """Found by the fuzz test: `<base href="a://[">` raised ValueError (Invalid IPv6 URL)."""
    article = newsloom.extract(_page('<base href="a://[">'), kind="html")
    _kept(article)


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31T23:59:59-23:59", "0999-12-31"])
def test_placeholder_years_are_left_out(published: str) -> None:
    """Found by the fuzz test: with published 0001-01-01 or 9999-12-31 the time stage
    computed the day before or the year after, and failed (year 0 / 10000)."""
    article = newsloom.analyze(
        "The board met on Monday, 3 January, and again the next day.", published=published
    )
    assert article.published is None
    head = f'<meta property="article:published_time" content="{published}">'
    page = newsloom.extract(_page(head), kind="html", options=Options(enrich=True))
    _kept(page)
    assert page.published is None
    assert newsloom.extract(_TEXT, kind="text", published=published).published is None


def test_years_inside_the_range_are_kept() -> None:
    assert newsloom.extract(_TEXT, kind="text", published="1000-01-01").published == dt.date(
        1000, 1, 1
    )
    assert newsloom.extract(_TEXT, kind="text", published="9000-12-31").published == dt.date(
        9000, 12, 31
    )
