"""Page metadata read from the markup: meta tags, link rel=canonical, JSON-LD, htmldate.

Title, author and site name come from trafilatura's meta-tag and JSON-LD readers
and the publication day from htmldate, the same calls `trafilatura.extract_metadata`
makes, minus its categories, tags and licence passes (a quarter of the cost of a
page, for fields an article does not keep). This module adds the canonical URL
as the page states it, a language hint, the modification time and full
timestamps from structured data. Nothing here raises: a broken JSON-LD block or
a missing tag is just absent.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from htmldate import find_date
from lxml.etree import Comment, XPath, strip_elements
from lxml.html import HtmlElement
from trafilatura.htmlprocessing import prune_unwanted_nodes
from trafilatura.json_metadata import normalize_authors
from trafilatura.metadata import (
    examine_meta,
    extract_meta_json,
    extract_metainfo,
    extract_sitename,
    extract_title,
)
from trafilatura.settings import Document, set_date_params
from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS

from newsloom.extract import html_rules as rules
from newsloom.extract.html_dates import (
    ShownDate,
    headline_line,
    numeric_order,
    other_dates,
    shown_date,
    visible_lines,
)
from newsloom.record import parse_iso

_WORDS = re.compile(r"\w+")


_LANGUAGE_TAG = re.compile(rf"({rules.LANGUAGE_TAG_PATTERN})(?:[-_][A-Za-z0-9]+)*")

# One XPath per attribute: a union of them costs half as much again (document-order sort).
_BYLINE_ATTRIBUTE_VALUES = tuple(
    XPath(f"//@{name}", smart_strings=False) for name in rules.BYLINE_ATTRIBUTES
)
_BYLINE_WORDS = re.compile("|".join(re.escape(word) for word in rules.BYLINE_ATTRIBUTE_WORDS))
_BYLINE_PREFILTER_VALID = (
    hashlib.sha256("\n".join(x.path for x in AUTHOR_XPATHS).encode()).hexdigest()
    == rules.AUTHOR_XPATHS_FINGERPRINT
)


@dataclass(slots=True, frozen=True)
class PageMetadata:
    title: str | None = None
    author: str | None = None
    canonical_url: str | None = None
    site: str | None = None
    language: str | None = None
    # htmldate's original publication day (YYYY-MM-DD), found without scripts,
    # comments and expiry headers.
    published_day: str | None = None
    # The date the page shows next to its headline.
    shown_day: ShownDate | None = None
    # The page's own structured timestamps (JSON-LD, then meta tags).
    published: dt.date | dt.datetime | None = None
    updated: dt.date | dt.datetime | None = None


def read_page_metadata(
    tree: HtmlElement, url: str | None, article: dict[str, Any] | None = None
) -> PageMetadata:
    """What the page says about itself; `tree` is left unchanged.

    `article` is the page's JSON-LD article object when the caller already has it.
    """
    metas = _meta_values(tree)
    article = json_ld_article(tree) if article is None else article
    found = examine_meta(tree)
    if found.author and " " not in found.author:
        found.author = None  # trafilatura's rule: a one-word meta author is a handle
    found = _with_json_ld(tree, found)
    canonical_url = _canonical_url(tree, metas, url)
    date_params = set_date_params(True)
    # Only the URL the page was fetched from: htmldate looks up the canonical
    # link itself, and handing it our canonical URL (og:url included) lost a
    # page on the htmldate set and gained none.
    date_params["url"] = url
    language = _language(tree, metas, article)
    lines = visible_lines(tree)
    site = _site_name(
        found.sitename or extract_sitename(tree) or _first(metas, rules.SITE_NAME_META)
    )
    title = found.title or extract_title(tree)
    order = numeric_order(lines, language, urlsplit(url or canonical_url or "").hostname)
    at = headline_line(lines, _headlines(tree, title, article))
    found_day = find_date(_without_plumbing(tree), **date_params)
    if found_day and (day := parse_iso(found_day)) is not None:
        # htmldate's day is no publication when the page shows it as another date.
        found_day = None if day in other_dates(lines, at, order) else found_day
    return PageMetadata(
        title=title,
        author=found.author,
        canonical_url=canonical_url,
        site=site,
        language=language,
        published_day=found_day,
        shown_day=shown_date(lines, at, order),
        published=_date(article.get("datePublished"), metas, rules.PUBLISHED_META)
        or _itemprop_date(tree, "datePublished"),
        updated=_date(article.get("dateModified"), metas, rules.MODIFIED_META),
    )


# Markup that is no part of the article's own dating: scripts other than JSON-LD and
# http-equiv headers (an expiry or cache date); comments and styles go by tag.
_PLUMBING = XPath(
    "//script[not(contains(translate(@type, 'LDJSON', 'ldjson'), 'ld+json'))]|//meta[@http-equiv]"
)


def _without_plumbing(tree: HtmlElement) -> HtmlElement:
    """A copy of `tree` for htmldate, which reads dates in scripts, comments and
    every header: a script comment or an expiry date is no publication date."""
    copied = copy.deepcopy(tree)
    strip_elements(copied, Comment, "style", with_tail=False)
    for node in _PLUMBING(copied):
        _drop(node)
    return copied


def _drop(node: HtmlElement) -> None:
    """Remove `node`, keeping the text that follows it."""
    parent = node.getparent()
    if parent is None:
        return
    if node.tail:
        previous = node.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)


def _headlines(tree: HtmlElement, title: str | None, article: dict[str, Any]) -> list[str]:
    """What the page calls its headline: the title, the JSON-LD headline, the <title>."""
    candidates = [title, article.get("headline")]
    element = tree.find(".//title")
    candidates.append(element.text_content() if element is not None else None)
    return [c for c in candidates if isinstance(c, str) and c.strip()]


def _itemprop_date(tree: HtmlElement, name: str) -> dt.date | dt.datetime | None:
    """The first element marked `itemprop=name` (not a meta tag) with a readable date."""
    for element in tree.iterfind(f".//*[@itemprop='{name}']"):
        if element.tag == "meta":
            continue
        for value in (element.get("datetime"), element.get("content")):
            parsed = parse_iso(value.strip()) if value and value.strip() else None
            if parsed is not None:
                return parsed
    return None


def byline_author(tree: HtmlElement) -> str | None:
    """trafilatura's search for a byline in the page body, done in place.

    Like `trafilatura.metadata.extract_author` without its copy of the whole
    tree: comment sections, figures and dates are pruned from `tree` itself, so
    call this last, when nothing else needs the tree.
    """
    if not _may_have_byline(tree):
        return None
    pruned = prune_unwanted_nodes(tree, AUTHOR_DISCARD_XPATHS)
    author = extract_metainfo(pruned, AUTHOR_XPATHS, len_limit=rules.BYLINE_MAX_CHARS)
    return normalize_authors(None, author) if author else None


def _may_have_byline(tree: HtmlElement) -> bool:
    """False when no element can match trafilatura's `AUTHOR_XPATHS`, whose regex
    tests (a Python call per element) cost most of a byline search that finds nothing.

    A cheap superset: every literal or regex branch of those XPaths contains one of
    `BYLINE_ATTRIBUTE_WORDS` in one of `BYLINE_ATTRIBUTES`, or is an `author` or
    `rel` element. Should trafilatura change the XPaths, the check is off until the
    words are reviewed and the fingerprint updated.
    """
    if not _BYLINE_PREFILTER_VALID:
        return True
    if next(tree.iter(*rules.BYLINE_TAGS), None) is not None:
        return True
    return any(
        _BYLINE_WORDS.search("\n".join(values(tree))) is not None
        for values in _BYLINE_ATTRIBUTE_VALUES
    )


def _with_json_ld(tree: HtmlElement, found: Document) -> Document:
    try:
        return extract_meta_json(tree, found)
    except (ValueError, TypeError, AttributeError, KeyError):
        # trafilatura's JSON-LD reader trips on some malformed blocks; keep the meta tags.
        return found


def _site_name(name: str | None) -> str | None:
    """trafilatura's tidying: no Twitter `@`, a capital on one-word names without a dot."""
    name = (name or "").strip().lstrip("@")
    if name and "." not in name and not name[0].isupper():
        name = name.title()
    return name or None


def _meta_values(tree: HtmlElement) -> dict[str, str]:
    """Lower-cased meta name (`property`, `name`, `itemprop`, `http-equiv`) -> first content."""
    values: dict[str, str] = {}
    for meta in tree.iter("meta"):
        content = (meta.get("content") or "").strip()
        if not content:
            continue
        for attribute in ("property", "name", "itemprop", "http-equiv"):
            key = (meta.get(attribute) or "").strip().lower()
            if key:
                values.setdefault(key, content)
    return values


def _first(metas: dict[str, str], keys: tuple[str, ...]) -> str | None:
    return next((metas[key] for key in keys if metas.get(key)), None)


def _canonical_url(tree: HtmlElement, metas: dict[str, str], url: str | None) -> str | None:
    candidates = [
        link.get("href") or ""
        for link in tree.iter("link")
        if "canonical" in (link.get("rel") or "").lower().split()
    ]
    candidates += [metas[key] for key in rules.CANONICAL_META if metas.get(key)]
    for candidate in candidates:
        absolute = urljoin(url or "", candidate.strip())
        parts = urlsplit(absolute)
        if parts.scheme in ("http", "https") and parts.netloc:
            return absolute
    return None


def _language(tree: HtmlElement, metas: dict[str, str], article: dict[str, Any]) -> str | None:
    root = tree.getroottree().getroot()
    in_language = article.get("inLanguage")
    candidates = [root.get("lang"), root.get("xml:lang"), _first(metas, rules.LANGUAGE_META)]
    candidates.append(in_language if isinstance(in_language, str) else None)
    for candidate in candidates:
        match = _LANGUAGE_TAG.fullmatch((candidate or "").strip().lower())
        if match:
            return match.group(1)
    return None


def _date(
    structured: object, metas: dict[str, str], keys: tuple[str, ...]
) -> dt.date | dt.datetime | None:
    for value in (structured, *(metas.get(key) for key in keys)):
        if isinstance(value, str) and value.strip():
            parsed = parse_iso(value.strip())
            if parsed is not None:
                return parsed
    return None


def json_ld_article(tree: HtmlElement) -> dict[str, Any]:
    """The JSON-LD object describing the article itself, else the first with a date."""
    fallback: dict[str, Any] = {}
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        text = script.text or ""
        if len(text) > rules.JSON_LD_MAX_CHARS:
            continue
        try:
            data = json.loads(text)
        except ValueError:
            continue
        for item in _objects(data, 0):
            if _types(item) & rules.ARTICLE_TYPES:
                return item
            if not fallback and "datePublished" in item:
                fallback = item
    return fallback


def _objects(data: object, depth: int) -> Iterator[dict[str, Any]]:
    if depth > rules.JSON_LD_MAX_DEPTH:
        return
    if isinstance(data, list):
        for item in data:
            yield from _objects(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if key in data:
                yield from _objects(data[key], depth + 1)


def _types(item: dict[str, Any]) -> set[str]:
    kind = item.get("@type")
    if isinstance(kind, str):
        return {kind}
    if isinstance(kind, list):
        return {k for k in kind if isinstance(k, str)}
    return set()
