"""A publication date given by the caller wins over the page's own (invented pages)."""

from __future__ import annotations

import datetime as dt

import newsloom
from newsloom.extract import extract_document
from newsloom.record import Document, Provenance

_BODY = (
    "<p>The harbour board of Lindenport voted on Tuesday to close the old ferry pier for "
    "repairs, a decision that will reroute the morning boats for most of the summer.</p>"
    "<p>Board members said the pilings had rotted faster than the engineers expected and "
    "that the work could not wait for another season.</p>"
)
_DATED_PAGE = (
    '<html><head><meta property="article:published_time" content="2031-05-06T08:00:00+02:00">'
    "<title>Ferry pier to close</title></head><body><article><h1>Ferry pier to close</h1>"
    "<p>Published: 6 May 2031</p>" + _BODY + "</article></body></html>"
)
_SCRAPED = "Ferry pier to close\ndate 2031-05-06\n" + _BODY.replace("<p>", "").replace("</p>", "\n")


def test_api_published_wins_over_the_page() -> None:
    article = newsloom.extract(_DATED_PAGE, kind="html", published="2031-05-04")
    assert article.published == dt.date(2031, 5, 4)


def test_document_published_wins_for_html_and_text() -> None:
    for data, kind in ((_DATED_PAGE, "html"), (_SCRAPED, "text")):
        document = Document(
            data=data,
            kind=kind,  # type: ignore[arg-type]
            provenance=Provenance(input="<memory>", reader="jsonl"),
            published="2031-05-03T21:15:00+00:00",
        )
        article = extract_document(document)
        assert article.published == dt.datetime(2031, 5, 3, 21, 15, tzinfo=dt.UTC)


def test_unreadable_given_date_leaves_the_page_date() -> None:
    article = newsloom.extract(_DATED_PAGE, kind="html", published="sometime in May")
    assert article.published is not None
    assert article.published.isoformat().startswith("2031-05-06")


def test_page_date_used_without_a_given_one() -> None:
    article = newsloom.extract(_DATED_PAGE, kind="html")
    assert article.published is not None
    assert article.published.isoformat().startswith("2031-05-06")
