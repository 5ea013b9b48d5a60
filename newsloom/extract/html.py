"""HTML main text and metadata: trafilatura, the page's own metadata, then the news layer.

The page is parsed once. trafilatura extracts the body from a copy of the tree
(without its own metadata pass), the body lines go through the shared news
layer, and the metadata is read from the untouched tree (`html_metadata`).
"""

from __future__ import annotations

import unicodedata

import trafilatura
from lxml.html import HtmlElement
from trafilatura.settings import Document

from newsloom.extract import html_rules as rules
from newsloom.extract.errors import ExtractionError
from newsloom.extract.html_article_body import prefer_stated_body, stated_body
from newsloom.extract.html_dates import modification_time, publication_time
from newsloom.extract.html_load import load_html
from newsloom.extract.html_metadata import byline_author, json_ld_article, read_page_metadata
from newsloom.extract.language import confirms_language
from newsloom.extract.news import NewsLayerResult, apply_news_layer
from newsloom.extract.news_data import news_patterns
from newsloom.options import Options
from newsloom.record import PARAGRAPH_SEPARATOR, Article, RemovedSegment, normalize_for_hash


def extract_html(html: str, url: str | None, options: Options) -> Article:
    """Extract one decoded HTML page; raises `ExtractionError("no_text")` without a body."""
    tree, elements = _parse(html)
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        include_comments=False,
        include_tables=options.include_tables,
        favor_precision=options.favor_precision,
        fast=elements > rules.MAX_FULL_ELEMENTS,
    )
    extracted = (document.text or "") if isinstance(document, Document) else ""
    article = json_ld_article(tree)
    stated = stated_body(article)
    if prefer_stated_body(extracted, stated):
        extracted = "\n".join(stated)
    paragraphs = _paragraphs(extracted)
    layer = apply_news_layer(paragraphs)
    page = read_page_metadata(tree, url, article)
    published = publication_time(page.shown_day, page.published, page.published_day)
    if not any(len(p) >= rules.MIN_PROSE_CHARS for p in layer.paragraphs):
        why = "only boilerplate found" if paragraphs else "no main text found"
        metadata = Article(title=_clean(page.title), published=published, url=url)
        raise ExtractionError("no_text", f"{why} in the HTML", partial=metadata)
    _drop_leading_title(layer, page.title)
    author = page.author
    if not author and not layer.authors:
        author = byline_author(tree)
    authors, agency = _authors(author, layer)
    return Article(
        paragraphs=layer.paragraphs,
        title=_clean(page.title),
        published=published,
        updated=modification_time(page.updated, published),
        url=url or page.canonical_url,
        canonical_url=page.canonical_url,
        site=_clean(page.site),
        authors=authors,
        language=_language_hint(page.language, layer.paragraphs, options),
        source=layer.source or agency,
        credits=layer.credits,
        related=layer.related,
        removed=layer.removed,
    )


def _parse(html: str) -> tuple[HtmlElement, int]:
    """The parsed page, cut to at most `MAX_HTML_CHARS` and about `MAX_ELEMENTS`."""
    if not html or html.isspace():
        raise ExtractionError("no_text", "empty HTML")
    html = html[: rules.MAX_HTML_CHARS]
    tree = load_html(html)
    count = _element_count(tree) if tree is not None else 0
    if count > rules.MAX_ELEMENTS:
        tree = load_html(html[: len(html) * rules.MAX_ELEMENTS // count])
        count = _element_count(tree) if tree is not None else 0
    if tree is None:
        raise ExtractionError("no_text", "the input could not be parsed as HTML")
    return tree, count


def _element_count(tree: HtmlElement) -> int:
    # XPath counts inside libxml2, without making a Python object per element.
    return int(tree.xpath("count(//*)"))


def _paragraphs(text: str) -> list[str]:
    text = unicodedata.normalize(rules.UNICODE_FORM, text)
    return [line.strip() for line in text.split("\n") if line.strip()]


def _clean(value: str | None) -> str | None:
    value = unicodedata.normalize(rules.UNICODE_FORM, value).strip() if value else ""
    return value or None


def _drop_leading_title(layer: NewsLayerResult, title: str | None) -> None:
    """The headline is metadata: a first body paragraph that repeats the title goes."""
    if not title or len(layer.paragraphs) < 2:
        return
    if normalize_for_hash(layer.paragraphs[0]) == normalize_for_hash(title):
        layer.removed.append(RemovedSegment(layer.paragraphs.pop(0), "title"))


def _language_hint(declared: str | None, paragraphs: list[str], options: Options) -> str | None:
    """The page's declared language, where detection on the text will not do better.

    On a long body the declared language stands when detection on the opening of
    the text agrees with it; otherwise (None) detection on the text decides.
    """
    if not options.detect_language or declared is None:
        return declared
    if sum(len(p) for p in paragraphs) < rules.LANGUAGE_HINT_MAX_BODY_CHARS:
        return declared
    return declared if confirms_language(PARAGRAPH_SEPARATOR.join(paragraphs), declared) else None


def _authors(author: str | None, layer: NewsLayerResult) -> tuple[list[str], str | None]:
    """People named as authors, and a wire agency given in the author field, if any."""
    agencies = news_patterns().agency_names
    authors: list[str] = []
    agency: str | None = None
    names = (author or "").split(rules.AUTHOR_SEPARATOR) + list(layer.authors)
    for name in (_clean(n) for n in names):
        if not name:
            continue
        known = agencies.get(name.casefold())
        if known is not None:
            agency = agency or known
        elif name.casefold() not in {a.casefold() for a in authors}:
            authors.append(name)
    return authors, agency
