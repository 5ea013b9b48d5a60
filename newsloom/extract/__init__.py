"""Extraction: a raw `Document` becomes a clean `Article`.

HTML goes through trafilatura (`extract.html`), scraped plain text through the
text-mode cleaner (`extract.text`); both then pass their paragraphs through the
shared news layer (`extract.news`): wire agency, credits, related lists, chrome
and repeated paragraphs.

`newsloom.extract(data, ...)` calls this package as the public function
`newsloom.api.extract` (see `newsloom/__init__.py`).
"""

from __future__ import annotations

import re

from newsloom.extract.checked import checked_date, checked_url, plausible_date
from newsloom.extract.errors import NO_TEXT, TOO_LONG, ExtractionError
from newsloom.extract.html import extract_html
from newsloom.extract.html_dates import modification_time, shown_date_in_text
from newsloom.extract.language import detect_language
from newsloom.extract.text import extract_text
from newsloom.options import DEFAULT_OPTIONS, Options
from newsloom.record import Article, Document

__all__ = ["ExtractionError", "detect_kind", "extract_document"]

_HTML_SNIFF = re.compile(
    r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<(?:div|p|article|meta|title)[\s>]",
    re.IGNORECASE,
)


def detect_kind(data: str) -> str:
    """`html` when the start of the input looks like markup, else `text`."""
    return "html" if _HTML_SNIFF.search(data[:4096]) else "text"


def extract_document(document: Document, options: Options = DEFAULT_OPTIONS) -> Article:
    """Extract one decoded document; raises `ExtractionError` with a reason."""
    data = document.data
    if isinstance(data, bytes):
        raise TypeError("extract_document needs decoded text; decode with newsloom.ingest first")
    kind = document.kind if document.kind != "auto" else detect_kind(data)
    url = checked_url(document.url, "input URL")
    if kind == "html":
        article = extract_html(data, url=url, options=options)
    else:
        article = extract_text(data, options=options)
        article.url = article.url or url
        if article.published is None:
            article.published = shown_date_in_text(data.splitlines(), article.title)
    # A date the caller gives (API, JSONL, feed entry) is the one they know is right:
    # it wins over whatever the page says; an invalid one is ignored (with a warning).
    given = checked_date(document.published, "given publication date")
    if given is not None:
        article.published = given
        article.updated = modification_time(article.updated, given)
    article.published = plausible_date(article.published, "publication date")
    article.updated = plausible_date(article.updated, "update date")
    if document.title and not article.title:
        article.title = document.title
    if len(article.text) < options.min_body_chars:
        raise ExtractionError(NO_TEXT, "no article body found")
    if len(article.text) > options.max_article_chars:
        message = f"{len(article.text)} characters, over {options.max_article_chars}"
        raise ExtractionError(TOO_LONG, message)
    if options.detect_language and article.language is None:
        article.language = detect_language(article.text)
    article.provenance.append(document.provenance)
    article.assign_id()
    return article
