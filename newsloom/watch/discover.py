"""What a source's response links to: feed items, sitemap URLs, a front page's articles.

`sniff_kind` tells a feed (RSS, Atom, JSON Feed), a sitemap (urlset or sitemap index)
and an HTML page apart by content type and first bytes. `discover` turns a response
into `Link`s to fetch (a feed entry with its full content carries its `Document` and
needs no fetch) and the child sitemaps of a sitemap index. URLs are normalised
(`normalize_url`: tracking parameters and fragments removed, courlan).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import courlan
from lxml import etree
from lxml import html as lxml_html

from newsloom.ingest.feeds import read_feed
from newsloom.record import Document, PendingFetch

log = logging.getLogger(__name__)

_FEED_TYPES = ("rss", "atom", "feed+json", "rdf")
_HEAD = 2048
_XML_ROOT = re.compile(rb"<(?:[A-Za-z0-9_-]+:)?(rss|feed|RDF|urlset|sitemapindex)[\s>]")


def normalize_url(url: str, base: str | None = None) -> str | None:
    """The URL as newsloom keys it (absolute, tracking parameters and fragment removed);
    None when it is no http(s) URL."""
    try:
        absolute = urljoin(base, url.strip()) if base else url.strip()
        parts = urlsplit(absolute)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return None
        return courlan.normalize_url(absolute, strict=True)
    except (ValueError, TypeError):
        return None


@dataclass(slots=True)
class Link:
    url: str
    title: str | None = None
    published: str | None = None
    document: Document | None = None  # a feed entry with its whole article


@dataclass(slots=True)
class Discovered:
    kind: str
    links: list[Link] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    dropped: int = 0  # entries that were neither an article nor a link


def sniff_kind(content_type: str, body: bytes) -> str | None:
    """feed, sitemap or page; None for anything else (an image, garbage)."""
    content_type = content_type.lower()
    head = body[:_HEAD].lstrip()
    if any(marker in content_type for marker in _FEED_TYPES):
        return "feed"
    if "json" in content_type or head.startswith(b"{"):
        return "feed" if b"jsonfeed.org" in head else None
    root = _XML_ROOT.search(head)
    if root:
        return "sitemap" if root.group(1) in (b"urlset", b"sitemapindex") else "feed"
    if "html" in content_type or re.search(rb"<html|<!doctype html", head, re.IGNORECASE):
        return "page"
    return None


def discover(kind: str, url: str, body: bytes, same_host_only: bool = True) -> Discovered:
    if kind == "feed":
        return _feed(url, body)
    if kind == "sitemap":
        return _sitemap(url, body)
    return _page(url, body, same_host_only)


def _feed(url: str, body: bytes) -> Discovered:
    found = Discovered("feed")
    for item in read_feed(url, body):
        if isinstance(item, Document) and item.url:
            link = normalize_url(item.url, url)
            if link:
                item.url = link
                found.links.append(Link(link, item.title, item.published, item))
                continue
        elif isinstance(item, PendingFetch):
            link = normalize_url(item.url, url)
            if link:
                found.links.append(Link(link, item.title, item.published))
                continue
        found.dropped += 1
    return found


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1] if isinstance(tag, str) else ""


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)


def _sitemap(url: str, body: bytes) -> Discovered:
    found = Discovered("sitemap")
    try:
        root = etree.fromstring(body, _PARSER)
    except (etree.XMLSyntaxError, ValueError):
        root = None
    if root is None:
        found.dropped += 1
        return found
    index = _local(root.tag) == "sitemapindex"
    for entry in root:
        fields: dict[str, str] = {}
        for node in entry.iter():
            name = _local(node.tag)
            if name in ("loc", "publication_date", "title", "lastmod") and node.text:
                fields.setdefault(name, node.text.strip())
        link = normalize_url(fields.get("loc", ""), url)
        if not link:
            continue
        if index:
            found.sitemaps.append(link)
        else:
            published = fields.get("publication_date") or fields.get("lastmod")
            found.links.append(Link(link, fields.get("title"), published))
    return found


def _article_like(url: str) -> bool:
    path = urlsplit(url).path.strip("/")
    if not path or courlan.is_navigation_page(url) or courlan.is_not_crawlable(url):
        return False
    segments = path.split("/")
    return len(segments) >= 2 or "-" in segments[-1]


def _page(url: str, body: bytes, same_host_only: bool) -> Discovered:
    found = Discovered("page")
    try:
        tree = lxml_html.fromstring(body)
    except (etree.ParserError, ValueError):
        found.dropped += 1
        return found
    host = urlsplit(url).hostname
    seen: set[str] = set()
    for anchor in tree.iter("a"):
        href = anchor.get("href")
        link = normalize_url(href, url) if href else None
        if not link or link in seen or link == normalize_url(url):
            continue
        if same_host_only and urlsplit(link).hostname != host:
            continue
        if _article_like(link):
            seen.add(link)
            title = " ".join(anchor.text_content().split()) or None
            found.links.append(Link(link, title))
    return found
