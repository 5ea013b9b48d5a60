"""HTML main text and metadata: trafilatura, the page's own metadata, then the news layer.

The page is parsed once. trafilatura extracts the body from a copy of the tree
(without its own metadata pass), the body lines go through the shared news
layer, and the metadata is read from the untouched tree (`html_metadata`).
"""

from __future__ import annotations

import unicodedata

import trafilatura
from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura.settings import Document

from newsloom.extract import html_rules as rules
from newsloom.extract.errors import ExtractionError
from newsloom.extract.html_article_body import prefer_stated_body, stated_body
from newsloom.extract.html_chrome import article_layer
from newsloom.extract.html_dates import modification_time, publication_time
from newsloom.extract.html_load import load_html
from newsloom.extract.html_metadata import (
    PageMetadata,
    byline_author,
    json_ld_article,
    names_site,
    read_page_metadata,
)
from newsloom.extract.html_tables import body_text
from newsloom.extract.language import confirms_language
from newsloom.extract.news import NewsLayerResult, apply_news_layer
from newsloom.extract.news_data import news_patterns
from newsloom.extract.news_lines import byline_of, is_headline_like, is_person_name, person_name
from newsloom.extract.text_lines import LineClass, classify, is_date_line, line_features
from newsloom.options import Options
from newsloom.record import PARAGRAPH_SEPARATOR, Article, RemovedSegment, normalize_for_hash

# Posts embedded as their platform's blockquote (the text of the post, its author, a link).
_EMBEDDED_POSTS = XPath(
    "//blockquote[contains(@class, 'twitter-tweet') or contains(@class, 'instagram-media')"
    " or contains(@class, 'tiktok-embed')]"
)


def extract_html(html: str, url: str | None, options: Options) -> Article:
    """Extract one decoded HTML page; raises `ExtractionError("no_text")` without a body."""
    tree, elements = _parse(html)
    _unwrap_embedded_posts(tree)
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        include_comments=False,
        include_tables=options.include_tables,
        favor_precision=options.favor_precision,
        fast=elements > rules.MAX_FULL_ELEMENTS,
    )
    extracted = body_text(document) if isinstance(document, Document) else ""
    article = json_ld_article(tree)
    stated = stated_body(article)
    page = read_page_metadata(tree, url, article)
    if prefer_stated_body(extracted, stated):
        paragraphs = _paragraphs("\n".join(stated))
        layer = apply_news_layer(paragraphs)
    else:
        paragraphs = _paragraphs(extracted)
        layer = article_layer(paragraphs, tree, page.title)
    published = publication_time(page.shown_day, page.published or page.url_day, page.published_day)
    if not any(len(p) >= rules.MIN_PROSE_CHARS for p in layer.paragraphs):
        why = "only boilerplate found" if paragraphs else "no main text found"
        metadata = Article(title=_clean(page.title), published=published, url=url)
        raise ExtractionError("no_text", f"{why} in the HTML", partial=metadata)
    title = _clean(page.title)
    if title is None:
        title = _leading_headline(layer)
    else:
        _drop_leading_title(layer, title)
    authors, agency = _authors(page, layer, tree)
    return Article(
        paragraphs=layer.paragraphs,
        title=title,
        published=published,
        updated=modification_time(page.updated, published),
        url=url or page.canonical_url,
        canonical_url=page.canonical_url,
        site=_clean(page.site),
        authors=authors,
        language=_language_hint(page.language, layer.paragraphs, options),
        source=layer.source or agency or page.wire,
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


def _unwrap_embedded_posts(tree: HtmlElement) -> None:
    """A post the article embeds (a tweet quoted as it was posted) is part of its text,
    but its wrapper's class ("social-media-embed") reads to trafilatura as a share
    widget, and the post goes with it: the wrappers that hold only the post lose their
    class and id."""
    for post in _EMBEDDED_POSTS(tree):
        text = post.text_content().strip()
        wrapper = post.getparent()
        for _ in range(rules.EMBED_WRAPPER_LEVELS):
            if wrapper is None or wrapper.tag in ("body", "html", "article", "main"):
                break
            if wrapper.text_content().strip() != text:
                break
            wrapper.attrib.pop("class", None)
            wrapper.attrib.pop("id", None)
            wrapper = wrapper.getparent()


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


def _leading_headline(layer: NewsLayerResult) -> str | None:
    """Where the page names no title, a body that opens with a headline gives it: a
    first paragraph that reads as a headline (a few words, no final full stop, no date)
    above a paragraph of prose. It leaves the body."""
    if len(layer.paragraphs) < 2:
        return None
    first, second = layer.paragraphs[0], layer.paragraphs[1]
    if not is_headline_like(first) or is_date_line(first) or byline_of(first) is not None:
        return None
    if classify(line_features(second)) is not LineClass.GOOD:
        return None
    layer.removed.append(RemovedSegment(layer.paragraphs.pop(0), "title"))
    return first


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


def _authors(
    page: PageMetadata, layer: NewsLayerResult, tree: HtmlElement
) -> tuple[list[str], str | None]:
    """The bylined people, and a wire agency named where an author goes.

    The byline shown next to the headline first, with a byline opening the body; else
    the page's author metadata with that one; else trafilatura's byline search. A name
    that is no person's (the site, a label, a company: "The Earthtimes", "Updated Dec")
    is dropped; one in capitals is written as names are.
    """
    separator = rules.AUTHOR_SEPARATOR
    authors, agency = _people([*page.byline, *layer.authors], page.site_keys)
    if not authors:
        meta = [*(page.author or "").split(separator), *layer.authors]
        authors, meta_agency = _people(meta, page.site_keys)
        agency = agency or meta_agency
    if not authors and not page.byline and not layer.authors:
        # byline_author prunes the tree in place: the last use of it.
        found = (byline_author(tree) or "").split(separator)
        authors, found_agency = _people(found, page.site_keys)
        agency = agency or found_agency
    return authors, agency


def _people(names: list[str], site_keys: frozenset[str]) -> tuple[list[str], str | None]:
    agencies = news_patterns().agency_names
    authors: list[str] = []
    agency: str | None = None
    for name in (_clean(n) for n in names):
        if not name:
            continue
        known = agencies.get(name.casefold())
        if known is not None:
            agency = agency or known
            continue
        name = person_name(name)
        # A person's own site may bear their name: only the site's very name goes.
        if not is_person_name(name) or names_site(name, site_keys, exact=True):
            continue
        if name.casefold() not in {a.casefold() for a in authors}:
            authors.append(name)
    return authors, agency
