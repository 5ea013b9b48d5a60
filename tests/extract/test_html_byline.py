"""The byline search in the page body, and the quick look that skips it on pages
where no element could hold a byline (invented pages)."""

from __future__ import annotations

import pytest

from newsloom.extract import html_metadata
from newsloom.extract.html import extract_html
from newsloom.options import DEFAULT_OPTIONS
from tests.extract.test_html import article_page

NAME = "Petra Lindqvist"

# One byline per branch of trafilatura's AUTHOR_XPATHS: each must still be found.
BYLINES = [
    f'<a rel="author" href="/people/pl">{NAME}</a>',
    f'<span id="author">{NAME}</span>',
    f'<p itemprop="author name">{NAME}</p>',
    f'<div data-testid="AuthorCard">{NAME}</div>',
    f'<span class="AuthorName">{NAME}</span>',
    f'<div class="byline">{NAME}</div>',
    f'<span class="username">{NAME}</span>',
    f'<h4 class="BBL">{NAME}</h4>',
    f'<p id="zuozhe">{NAME}</p>',
    f'<span class="submitted-by">{NAME}</span>',
    f'<span class="journalist-name">{NAME}</span>',
    f'<div class="channel-name">{NAME}</div>',
    f'<div data-component="ArticleByline">{NAME}</div>',
    f'<span class="story-writer">{NAME}</span>',
    f'<span class="screenname">{NAME}</span>',
    f'<div class="meta"><author>{NAME}</author></div>',
]


@pytest.mark.parametrize("byline", BYLINES)
def test_byline_found_in_each_form(byline: str) -> None:
    article = extract_html(article_page(byline=byline), None, DEFAULT_OPTIONS)
    assert article.authors == [NAME]


def test_page_without_byline_markup_skips_the_search(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []

    def spy(*args: object, **kwargs: object) -> None:
        calls.append(args)
        return None

    monkeypatch.setattr(html_metadata, "extract_metainfo", spy)
    article = extract_html(article_page(), None, DEFAULT_OPTIONS)
    assert article.authors == []
    assert calls == []
    extract_html(article_page(byline=f'<div class="byline">{NAME}</div>'), None, DEFAULT_OPTIONS)
    assert len(calls) == 1


def test_quick_look_is_checked_against_this_trafilatura() -> None:
    # Fails after a trafilatura upgrade that changed AUTHOR_XPATHS: review
    # html_rules.BYLINE_ATTRIBUTE_WORDS against them, then update the fingerprint.
    assert html_metadata._BYLINE_PREFILTER_VALID
