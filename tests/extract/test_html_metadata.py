"""Article metadata from invented HTML pages: title, URLs, site, authors, dates, language."""

from __future__ import annotations

import datetime as dt

from newsloom.extract.html import extract_html
from newsloom.options import DEFAULT_OPTIONS, Options
from newsloom.record import Article
from tests.extract.test_html import BODY, article_page, json_ld

PAGE_URL = "https://courier.example/news/2031/ferry-reopens?utm=feed"


def _extract(html: str, url: str | None = PAGE_URL) -> Article:
    return extract_html(html, url, DEFAULT_OPTIONS)


def test_title_drops_the_site_suffix_of_the_title_tag() -> None:
    article = _extract(article_page(title="Marrowby reopens the Lake Tessel ferry"))
    assert article.title == "Marrowby reopens the Lake Tessel ferry"


def test_canonical_link_is_resolved_against_the_page_url() -> None:
    head = '<link rel="canonical" href="/news/2031/ferry-reopens">'
    article = _extract(article_page(head=head))
    assert article.canonical_url == "https://courier.example/news/2031/ferry-reopens"
    assert article.url == PAGE_URL


def test_og_url_is_the_canonical_url_without_a_link_tag() -> None:
    head = '<meta property="og:url" content="https://courier.example/ferry">'
    article = _extract(article_page(head=head), url=None)
    assert article.canonical_url == "https://courier.example/ferry"
    assert article.url == "https://courier.example/ferry"


def test_no_canonical_url_when_the_page_names_none() -> None:
    assert _extract(article_page()).canonical_url is None


def test_site_name_from_open_graph() -> None:
    head = '<meta property="og:site_name" content="The Marrowby Courier">'
    assert _extract(article_page(head=head)).site == "The Marrowby Courier"


def test_authors_from_json_ld() -> None:
    head = json_ld(
        headline="Marrowby reopens the Lake Tessel ferry",
        author=[
            {"@type": "Person", "name": "Ilse Varga"},
            {"@type": "Person", "name": "Tomas Orley"},
        ],
    )
    assert _extract(article_page(head=head)).authors == ["Ilse Varga", "Tomas Orley"]


def test_author_from_a_byline_element_in_the_body() -> None:
    byline = '<div class="author-name">Petra Lindqvist</div>'
    article = _extract(article_page(byline=byline))
    assert article.authors == ["Petra Lindqvist"]
    assert "Petra Lindqvist" not in article.text


def test_agency_named_as_author_becomes_the_source() -> None:
    head = '<meta name="author" content="Associated Press">'
    article = _extract(article_page(head=head))
    assert article.source == "Associated Press"
    assert article.authors == []


def test_published_timestamp_from_structured_data() -> None:
    head = json_ld(
        datePublished="2031-03-04T09:15:00+01:00", dateModified="2031-03-05T10:00:00+01:00"
    )
    article = _extract(article_page(head=head))
    assert article.published == dt.datetime(
        2031, 3, 4, 9, 15, tzinfo=dt.timezone(dt.timedelta(hours=1))
    )
    assert isinstance(article.updated, dt.datetime)
    assert article.updated.date() == dt.date(2031, 3, 5)


def test_published_day_from_meta_tag() -> None:
    head = '<meta property="article:published_time" content="2030-11-20">'
    assert _extract(article_page(head=head)).published == dt.date(2030, 11, 20)


def test_modified_before_published_is_dropped() -> None:
    head = json_ld(datePublished="2031-03-04T09:15:00Z", dateModified="2029-01-01T00:00:00Z")
    article = _extract(article_page(head=head))
    assert article.published is not None
    assert article.updated is None


def test_no_dates_when_the_page_has_none() -> None:
    article = _extract(article_page(), url=None)
    assert article.published is None
    assert article.updated is None


def test_declared_language_is_kept_for_a_short_body() -> None:
    article = _extract(article_page(lang="de-AT", body=[BODY[0][:200]]))
    assert article.language == "de"


def test_declared_language_left_to_detection_for_a_long_body() -> None:
    assert _extract(article_page(lang="de-AT")).language is None


def test_declared_language_kept_when_detection_is_off() -> None:
    options = Options(detect_language=False)
    article = extract_html(article_page(lang="de-AT"), PAGE_URL, options)
    assert article.language == "de"


def test_malformed_language_hint_is_ignored() -> None:
    options = Options(detect_language=False)
    assert extract_html(article_page(lang="{{ page.lang }}"), None, options).language is None


def test_broken_json_ld_does_not_stop_extraction() -> None:
    head = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>'
    article = _extract(article_page(head=head))
    assert article.paragraphs
    assert article.title == "Marrowby reopens the Lake Tessel ferry"
