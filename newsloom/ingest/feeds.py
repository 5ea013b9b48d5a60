"""RSS/Atom reader (feedparser).

An entry whose content (RSS `content:encoded`, Atom `content`, or a long
summary) holds at least `FULL_CONTENT_MIN_CHARS` characters of text becomes a
`Document` of kind `html` with the entry's link, title and publication date. An
entry with only a link and a short summary becomes a `PendingFetch`; one with
neither content nor link is dropped (`no_link`). A feed feedparser cannot read
and that has no entries is `malformed_feed`; a damaged feed with some good
entries yields them. Locators are `entry:<id>` (else the link, else the index). An
unexpected error in one entry drops that entry (`unreadable`); an invalid date is
left out (warned) and the entry kept.

feedparser reads XML that is not well-formed with a lenient pure-Python parser at
about 3 s per megabyte (a 9 MB broken feed took 31 s): such a feed over
`LENIENT_FEED_MAX_BYTES` is `malformed_feed` without being parsed. Well-formedness
is checked first with expat, which takes milliseconds.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import html
import logging
import re
import time
import xml.parsers.expat
from collections.abc import Iterator
from typing import Any

import feedparser

from newsloom.ingest.items import ReaderItem, drop
from newsloom.ingest.reasons import EMPTY, MALFORMED_FEED, NO_LINK, UNREADABLE
from newsloom.record import Document, PendingFetch, Provenance, parse_iso

READER = "feed"
log = logging.getLogger(__name__)
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Entries with at least this much text (tags stripped) count as full articles.
FULL_CONTENT_MIN_CHARS = 400
# Only links with these schemes can be fetched later (feedparser turns a bare guid
# into a link).
FETCHABLE_SCHEMES = ("http://", "https://")
_TAG = re.compile(r"<[^>]*>")
# Feeds that are not well-formed XML and larger than this are not parsed leniently.
LENIENT_FEED_MAX_BYTES = 3 * 1024 * 1024


def _text_length(fragment: str) -> int:
    return len(" ".join(html.unescape(_TAG.sub(" ", fragment)).split()))


def _content(entry: Any) -> str:
    """The longest of the entry's content values and its summary."""
    values = [part.get("value", "") for part in entry.get("content", []) or []]
    values.append(entry.get("summary", "") or "")
    return max(values, key=_text_length)


def _iso_date(raw: str | None, parsed: time.struct_time | None) -> str | None:
    """An ISO 8601 string for a feed date, keeping its UTC offset where it has one.

    An impossible ISO date (2025-02-30) is None, with a warning: feedparser's own
    parse rolls it over into March."""
    if raw:
        try:
            return email.utils.parsedate_to_datetime(raw).isoformat()
        except (TypeError, ValueError, IndexError, OverflowError):
            pass
        if parse_iso(raw) is not None:
            return raw.strip()
        if _ISO_DAY.match(raw.strip()):
            log.warning("ignoring the feed date %r: not a valid date", raw[:200])
            return None
    if parsed is not None:
        try:
            return dt.datetime(*parsed[:6], tzinfo=dt.UTC).isoformat()
        except (TypeError, ValueError, OverflowError):
            return None
    return None


def _published(entry: Any) -> str | None:
    for key in ("published", "updated", "created"):
        date = _iso_date(entry.get(key), entry.get(f"{key}_parsed"))
        if date:
            return date
    return None


def _as_page(title: str | None, fragment: str) -> str:
    heading = f"<title>{html.escape(title)}</title>" if title else ""
    return f"<html><head>{heading}</head><body><article>{fragment}</article></body></html>"


def _isolated_entry_item(input_name: str, index: int, entry: Any) -> ReaderItem:
    """`_entry_item`, with an unexpected error in one entry kept to that entry."""
    try:
        return _entry_item(input_name, index, entry)
    except Exception as error:
        locator = f"entry:{entry.get('id') or entry.get('link') or index}"
        log.exception("reading %s %s failed", input_name, locator)
        message = f"{type(error).__name__}: {error}"
        return drop(input_name, READER, UNREADABLE, message, locator)


def _entry_item(input_name: str, index: int, entry: Any) -> ReaderItem:
    raw_link = entry.get("link") or ""
    link = raw_link if raw_link.lower().startswith(FETCHABLE_SCHEMES) else None
    locator = f"entry:{entry.get('id') or raw_link or index}"
    provenance = Provenance(input=input_name, reader=READER, locator=locator)
    title = entry.get("title") or None
    published = _published(entry)
    content = _content(entry)
    if _text_length(content) >= FULL_CONTENT_MIN_CHARS:
        return Document(
            data=_as_page(title, content),
            kind="html",
            provenance=provenance,
            url=link,
            published=published,
            title=title,
        )
    if link:
        return PendingFetch(url=link, provenance=provenance, title=title, published=published)
    return drop(input_name, READER, NO_LINK, "entry has no content and no link", locator)


def _xml_error(data: bytes) -> str | None:
    """Why `data` is not well-formed XML, or None when it is."""
    try:
        xml.parsers.expat.ParserCreate().Parse(data, True)
    except (xml.parsers.expat.ExpatError, ValueError) as error:
        return str(error)
    return None


def read_feed(input_name: str, data: bytes) -> Iterator[ReaderItem]:
    if len(data) > LENIENT_FEED_MAX_BYTES:
        error = _xml_error(data)
        if error is not None:
            message = f"not well-formed XML ({error}) and too large to parse leniently"
            yield drop(input_name, READER, MALFORMED_FEED, message)
            return
    try:
        parsed = feedparser.parse(data)
    except Exception as error:  # feedparser raises on some labels (`encoding="\x00"`)
        yield drop(input_name, READER, MALFORMED_FEED, f"{type(error).__name__}: {error}")
        return
    entries = parsed.get("entries", [])
    if not entries:
        if parsed.get("bozo"):
            message = str(parsed.get("bozo_exception", "unreadable feed"))
            yield drop(input_name, READER, MALFORMED_FEED, message)
        else:
            yield drop(input_name, READER, EMPTY, "feed has no entries")
        return
    for index, entry in enumerate(entries):
        yield _isolated_entry_item(input_name, index, entry)
