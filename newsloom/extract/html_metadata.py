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
import html
import json
import logging
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
)
from trafilatura.settings import Document, set_date_params
from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS

from newsloom.extract import dateparser_cache
from newsloom.extract import html_rules as rules
from newsloom.extract.checked import checked_url
from newsloom.extract.html_dates import (
    Line,
    ShownDate,
    dates_in,
    headline_line,
    normal_words,
    numeric_order,
    other_dates,
    shown_date,
    url_stamp_day,
    visible_lines,
)
from newsloom.extract.news_lines import (
    agency_credit,
    agency_name,
    byline_of,
    credit_of,
    is_chrome,
    shown_byline,
)
from newsloom.record import parse_iso

log = logging.getLogger(__name__)

# htmldate's dateparser calls reuse the patterns an earlier process compiled (2.8 s).
dateparser_cache.install()

_TITLE_META = ("og:title", "twitter:title", "dc.title", "title")
_TITLE_MAX_CHARS = 300
# A byline next to the headline: this many lines after it, or above it, at most; a line
# this long is body text.
_BYLINE_REACH_AFTER = 10
_BYLINE_REACH_ABOVE = 3
_BODY_LINE_CHARS = 200
# A headline above the body: this many lines up at most, this many words.
_HEADLINE_REACH = 6
_HEADLINE_MIN_WORDS = 3
_HEADLINE_MAX_WORDS = 25
# A line of at least this many words ending like a sentence is body text.
_SENTENCE_MIN_WORDS = 12
_SENTENCE_ENDS = frozenset('.!?"”’')
# A title part is the site's name when its letters are one of the site's names or
# domain label, are part of one ("Herald" of theherald.co.uk), or hold one with a few
# more letters ("The Times Leader" of timesleader.com, "Noticias Example" of example.es);
# only names this long match a part of a longer one.
_SITE_MIN_CHARS = 5
_SITE_EXTRA_CHARS = 12
_LINK_MAX_WORDS = 5
_SPACES = re.compile(r"\s+")


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
    # The people of the byline shown next to the headline ("By ...", "Author: ...").
    byline: tuple[str, ...] = ()
    # The wire agency a line next to the headline credits.
    wire: str | None = None
    # The site's names and domain labels (letters and digits): see `names_site`.
    site_keys: frozenset[str] = frozenset()
    # The page's own structured timestamps (JSON-LD, then meta tags), and a day
    # stamped in its URL ("/story/20310412085406x.nb/").
    published: dt.date | dt.datetime | None = None
    url_day: dt.date | None = None
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
    # The site's name as the page states it (meta tags, JSON-LD), for the title;
    # trafilatura's guess from the <title> parts would make the headline a site name.
    stated_site = _site_name(found.sitename or _first(metas, rules.SITE_NAME_META))
    site = stated_site or _site_name(extract_sitename(tree))
    candidates = _title_candidates(tree, metas, article)
    evidence = _title_evidence(
        tree, metas, article, lines, [url, canonical_url], stated_site, candidates
    )
    title = _title(lines, candidates, evidence)
    order = numeric_order(lines, language, urlsplit(url or canonical_url or "").hostname)
    at = headline_line(lines, _headlines(tree, title, article))
    byline, wire = _byline_near(lines, at)
    # A day stamped in the URL ("/story/20310412085406tsop.nb/") comes first, as
    # htmldate's own URL dates do; htmldate reads only "/2031/04/12/"-style paths.
    url_day = url_stamp_day(url)
    found_day = url_day or _found_day(tree, date_params)
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
        byline=tuple(byline),
        wire=wire,
        site_keys=evidence.sites,
        published=_date(article.get("datePublished"), metas, rules.PUBLISHED_META)
        or _itemprop_date(tree, "datePublished"),
        url_day=dt.date.fromisoformat(url_day) if url_day else None,
        updated=_date(article.get("dateModified"), metas, rules.MODIFIED_META),
    )


def _found_day(tree: HtmlElement, date_params: dict[str, Any]) -> str | None:
    """htmldate's publication day; None (warned) when htmldate fails on the page (an
    offset such as `+99:99` raised ValueError, some markup AssertionError in lxml)."""
    try:
        found: str | None = find_date(_without_plumbing(tree), **date_params)
    except Exception as error:
        log.warning("htmldate failed on the page: %s: %s", type(error).__name__, error)
        return None
    return found


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


# --- the headline -------------------------------------------------------------------

# Where a page title joins its parts: "Headline | Site", "Site - Section - Headline",
# "Site :: Headline", "Section > Headline". A colon joins parts too, but a headline may
# hold one ("The Latest: ..."), so a part before a colon goes only on evidence.
_TITLE_SEPARATOR = re.compile(
    r"\s+(?:[|\-–—~•·»«>/]{1,3}|::)\s+|\s*\|\s*|\s+-(?=[A-Z])|(?<=\w)-\s+"
    r"|\s+(?:on|at)\s+(?=[\w.-]+\.[a-z]{2,6}$)"
)
_TITLE_COLON = re.compile(r"\s*:\s+")
# "(from The Herald)": a credit to the site, written after the headline.
_TITLE_SOURCE = re.compile(r"\s*\(\s*from\s+([^()]{2,60}?)\s*\)\s*$", re.IGNORECASE)
_MARKUP = re.compile(r"<\s*/?\s*[a-z!]", re.IGNORECASE)
_ALNUM = re.compile(r"[^0-9a-z]+")
# The domain label before these is the site's name (news.example.co.uk -> example).
_SECOND_LEVEL = frozenset({"co", "com", "net", "org", "gov", "ac", "edu", "ne", "or", "go"})
_DOMAIN_NAME = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}$", re.IGNORECASE)
_DATE_PART = re.compile(r"^[\d\s/.,:-]+$|^\w+\.? \d{1,2},? \d{4}$")


@dataclass(slots=True, frozen=True)
class _TitleEvidence:
    """What the page says besides its title: the lines it shows, its links, its name."""

    shown: tuple[frozenset[str], ...]  # normalised h1 lines, h2 lines, any visible line
    links: frozenset[str]  # normalised short link texts
    sites: frozenset[str]  # the site's names and domain labels, letters and digits only

    def is_site(self, part: str) -> bool:
        return names_site(part, self.sites)

    def is_affix(self, part: str) -> bool:
        """A site or section name, a date: no part of a headline."""
        words = normal_words(part)
        return (
            not words
            or self.is_site(part)
            or words in self.links
            or bool(_DATE_PART.match(part.strip()))
        )


def names_site(text: str, sites: frozenset[str], *, exact: bool = False) -> bool:
    """Whether `text` is the site's name: written as a domain, or its letters those of
    one of `sites` (names and domain labels, letters and digits only), or (unless
    `exact`) part of one or one with a few more letters."""
    if _DOMAIN_NAME.match(text.strip()):
        return True
    key = _ALNUM.sub("", text.casefold())
    if not key:
        return False
    return any(
        key == site
        or (
            not exact
            and min(len(key), len(site)) >= _SITE_MIN_CHARS
            and (key in site or (site in key and len(key) - len(site) <= _SITE_EXTRA_CHARS))
        )
        for site in sites
    )


def _title(lines: list[Line], candidates: list[str], evidence: _TitleEvidence) -> str | None:
    """The article's headline, without the site or section names a page title adds.

    The `candidates` are the JSON-LD headline, og:title, twitter:title and the <title>.
    A candidate, or a run of its parts, that the page also shows as an h1 or h2 is the
    headline (the longest such); else one shown as any line of its own; else the
    page's only h1; else a line marked as a headline just above the body. Otherwise
    the parts of the first candidate that are a site name (og:site_name, the
    publisher, the domain, a part written as a domain), a link of the page (a
    section) or a date are cut from its ends.
    """
    h1s = [line.text for line in lines if line.heading == 1]
    only_h1 = h1s[0] if len({normal_words(h) for h in h1s}) == 1 else None
    if only_h1 and (len(only_h1.split()) < 2 or evidence.is_affix(only_h1)):
        only_h1 = None
    ranked: list[tuple[int, int, int, str]] = []
    for index, candidate in enumerate(candidates):
        for tier, run in _agreeing_runs(candidate, evidence):
            ranked.append((0 if tier < 2 else 1, -len(run), index, run))
    if only_h1:
        ranked.append((2, 0, 0, only_h1))
    if ranked:
        return min(ranked)[3]
    above = _headline_above_body(lines, evidence)
    if above:
        return above
    for candidate in candidates:
        stripped = _strip_affixes(candidate, evidence)
        if stripped and (len(stripped.split()) >= 2 or stripped == candidate):
            return stripped
    return None


def _headline_above_body(lines: list[Line], evidence: _TitleEvidence) -> str | None:
    """The line that heads the body: the first headline-like line, marked as a heading
    or a headline by its markup, above the first two sentences in a row, past the
    byline, the date and the credits between them."""
    start = next(
        (i for i in range(len(lines) - 1) if _is_sentence(lines[i]) and _is_sentence(lines[i + 1])),
        None,
    )
    if start is None:
        return None
    for line in reversed(lines[max(0, start - _HEADLINE_REACH) : start]):
        if line.marked and _is_headline_like(line.text, evidence):
            return line.text
    return None


def _is_sentence(line: Line) -> bool:
    words = line.text.split()
    return len(words) >= _SENTENCE_MIN_WORDS and line.text.rstrip()[-1:] in _SENTENCE_ENDS


def _is_headline_like(text: str, evidence: _TitleEvidence) -> bool:
    words = text.split()
    if not _HEADLINE_MIN_WORDS <= len(words) <= _HEADLINE_MAX_WORDS:
        return False
    if text.rstrip()[-1:] in _SENTENCE_ENDS and len(words) >= _SENTENCE_MIN_WORDS:
        return False
    if (
        text.rstrip().endswith(":")
        or text.isupper()
        or (not text[:1].isalnum() and text[:1] not in "'\"‘“")
    ):
        return False
    if byline_of(text) is not None or is_chrome(text) or credit_of(text) is not None:
        return False
    if any(True for _ in dates_in(text, "mdy")):
        return False
    return not evidence.is_affix(text)


def _title_candidates(
    tree: HtmlElement, metas: dict[str, str], article: dict[str, Any]
) -> list[str]:
    values = [article.get("headline"), *(metas.get(k) for k in _TITLE_META)]
    element = tree.find(".//title")
    values.append(element.text_content() if element is not None else None)
    found: list[str] = []
    for value in values:
        if not isinstance(value, str):
            continue
        text = _SPACES.sub(" ", html.unescape(value)).strip()
        fits = text and len(text) <= _TITLE_MAX_CHARS and not _MARKUP.search(text)
        if fits and text not in found:
            found.append(text)
    return found


def _title_evidence(
    tree: HtmlElement,
    metas: dict[str, str],
    article: dict[str, Any],
    lines: list[Line],
    urls: list[str | None],
    site: str | None,
    candidates: list[str],
) -> _TitleEvidence:
    names = [site, *(metas.get(k) for k in rules.SITE_NAME_META)]
    publisher = article.get("publisher")
    if isinstance(publisher, dict):
        names.append(publisher.get("name"))
    base = tree.find(".//base")
    for url in (*urls, base.get("href") if base is not None else None):
        names.append(_domain_label(url))
    # A title part written as a domain ("Example.com") names the site.
    names += [
        _domain_label("http://" + part.strip())
        for candidate in candidates
        for part in _parts(candidate)
        if _DOMAIN_NAME.match(part.strip())
    ]
    sites = frozenset(
        key
        for name in names
        if isinstance(name, str) and (key := _ALNUM.sub("", name.casefold().lstrip("@")))
    )
    links = frozenset(
        words
        for a in tree.iter("a")
        if (words := normal_words(a.text_content())) and len(words.split()) <= _LINK_MAX_WORDS
    )
    shown = [line for line in lines if len(line.text) <= _TITLE_MAX_CHARS]
    return _TitleEvidence(
        shown=(
            frozenset(normal_words(line.text) for line in shown if line.heading == 1),
            frozenset(normal_words(line.text) for line in shown if line.heading == 2),
            frozenset(normal_words(line.text) for line in shown),
        ),
        links=links,
        sites=sites,
    )


def _domain_label(url: str | None) -> str | None:
    """The site's own label of a URL's host: example of news.example.co.uk."""
    try:
        host = (urlsplit(url or "").hostname or "").lower()
    except ValueError:  # a page's own <base href="http://[..."> is no URL
        return None
    labels = [label for label in host.split(".") if label]
    if len(labels) < 2:
        return None
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return labels[-3]
    return labels[-2]


def _parts(title: str) -> list[str]:
    """The title's parts, split at its separators, a "(from Site)" credit apart."""
    credit = _TITLE_SOURCE.search(title)
    head = title[: credit.start()] if credit else title
    parts = [p.strip() for p in _TITLE_SEPARATOR.split(head) if p.strip()]
    return parts + ([credit.group(1).strip()] if credit else [])


def _agreeing_runs(title: str, evidence: _TitleEvidence) -> list[tuple[int, str]]:
    """(tier, run) for each run of the title's parts the page shows as a line of its own:
    tier 0 as an h1, 1 as an h2, 2 as any line. Site names and links do not count."""
    parts = _parts(title)
    pieces = [q for p in parts for q in _colon_parts(p)]
    found = []
    for group in (parts, pieces) if len(pieces) > len(parts) else (parts,):
        for start in range(len(group)):
            for end in range(start + 1, len(group) + 1):
                run = _join_run(title, group[start:end])
                words = normal_words(run)
                if len(words.split()) < 2 or evidence.is_affix(run):
                    continue
                tier = next((t for t, seen in enumerate(evidence.shown) if words in seen), None)
                if tier is not None:
                    found.append((tier, run))
    return found


def _colon_parts(part: str) -> list[str]:
    return [p for p in _TITLE_COLON.split(part) if p]


def _join_run(title: str, run: list[str]) -> str:
    """The title's own text from the run's first part to its last."""
    start = title.find(run[0])
    end = title.find(run[-1], max(start, 0)) + len(run[-1])
    if start < 0 or end < start:
        return " ".join(run)
    return title[start:end].strip()


def _strip_affixes(title: str, evidence: _TitleEvidence) -> str | None:
    """The title without the site and section parts at its ends; None if all are such."""
    parts = _parts(title)
    credit = _TITLE_SOURCE.search(title)
    if credit and len(parts) > 1 and credit.group(1)[:1].isupper():
        parts.pop()  # "(from The Gazette)": the credit of a site, whichever
    dated = [i for i, part in enumerate(parts) if _DATE_PART.match(part)]
    if dated and len(parts) > 1:
        # A date stands between the headline and the site's parts: keep the longer side.
        before, after = parts[: dated[0]], parts[dated[-1] + 1 :]
        parts = before if len(" ".join(before)) >= len(" ".join(after)) else after
    if len(parts) > 1 or (parts and evidence.is_site(parts[0])):
        while parts and evidence.is_affix(parts[0]):
            parts.pop(0)
        while parts and evidence.is_affix(parts[-1]):
            parts.pop()
        if not parts:
            return None
    if parts:
        pieces = _colon_parts(parts[0])
        while len(pieces) > 1 and evidence.is_affix(pieces[0]):
            pieces.pop(0)
        parts[0] = pieces[0] if len(pieces) == 1 else parts[0]
    return _join_run(title, parts) if parts else None


def _byline_near(lines: list[Line], at: int | None) -> tuple[list[str], str | None]:
    """The people of the first byline within a few lines after the headline (before
    the body's second long line), or just above it; and the wire agency a line there
    credits ("Associated Press", "AP Business Writer", "By The Associated Press")."""
    if at is None:
        return [], None
    after, long_lines = [], 0
    for line in lines[at + 1 : at + 1 + _BYLINE_REACH_AFTER]:
        if line.heading == 1:
            break
        after.append(line)
        long_lines += len(line.text) >= _BODY_LINE_CHARS
        if long_lines >= 2:
            break
    above = []
    for line in reversed(lines[max(0, at - _BYLINE_REACH_ABOVE) : at]):
        if line.heading or len(line.text) >= _BODY_LINE_CHARS:
            break
        above.append(line)
    names: list[str] = []
    wire: str | None = None
    for line in after + above:
        if len(line.text) >= _BODY_LINE_CHARS:
            continue
        wire = wire or agency_credit(line.text)
        names = names or shown_byline(line.text) or []
    agencies = [n for n in names if agency_name(n) is not None]
    people = [n for n in names if agency_name(n) is None]
    return people, wire or (agency_name(agencies[0]) if agencies else None)


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
        try:
            absolute = urljoin(url or "", candidate.strip())
            parts = urlsplit(absolute)
        except ValueError:  # a bad IPv6 host: no URL
            continue
        if parts.scheme in ("http", "https") and parts.netloc:
            valid = checked_url(absolute, "canonical URL")
            if valid is not None:
                return valid
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
