"""Parsing a decoded page: trafilatura's loader, made cheaper on clean pages.

`trafilatura.load_html` repairs the markup (drops characters XML forbids, fixes
a doctype or `<html/>` tag that libxml2 misreads), then hands lxml the `str`.
Here the same repair and the same parser run, but lxml gets UTF-8 bytes (it
parses them about a third faster than a `str`, to the same tree), and the
whole-page regex for forbidden characters is skipped when a byte-level test
finds none (most pages): then the repair can only touch the opening of the page.
Anything the fast path cannot parse goes to `trafilatura.load_html` itself.
"""

from __future__ import annotations

import re

import lxml.html
import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.utils import HTML_PARSER, repair_faulty_html

# Left by decoding with `surrogateescape`; lxml stops parsing at the first one.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# The characters of trafilatura's INVALID_XML_CHARS: the control characters looked
# for in the UTF-8 bytes (they never occur inside a multi-byte sequence), U+FFFE and
# U+FFFF in the `str`. One `in` test each (memchr in C) takes a tenth of the time
# of one regex scan.
_CONTROL_BYTES = tuple(
    bytes([code]) for code in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20))
)
_NONCHARACTERS = ("\ufffe", "\uffff")
# On a page without forbidden characters trafilatura's repair reads no further
# than the first line (doctype; it also adds a newline after the first line, at
# the end of a page without one) and the first 4,096 characters after that fix
# (`<html/>` in the first four lines).
_REPAIR_SPAN = 4096


def load_html(html: str) -> HtmlElement | None:
    """The page's tree, as `trafilatura.load_html(html)` gives it; None if not HTML."""
    data = _utf8(html)
    if data is None:  # a lone surrogate
        html = _LONE_SURROGATE.sub("\ufffd", html)
        data = html.encode("utf-8")
    beginning = html[:50].lower()
    if _has_invalid_xml_chars(html, data):
        html = repair_faulty_html(html, beginning)
        data = html.encode("utf-8")
    else:
        first_line_end = html.find("\n") + 1
        span = first_line_end + _REPAIR_SPAN if first_line_end else len(html)
        head = html[:span]
        repaired = repair_faulty_html(head, beginning)
        if repaired != head:
            html = repaired + html[span:]
            data = html.encode("utf-8")
    try:
        tree: HtmlElement | None = lxml.html.fromstring(data, parser=HTML_PARSER)
    except (ValueError, etree.LxmlError):
        tree = None
    dubious = "html" not in beginning  # trafilatura's test for a fragment
    if tree is None or len(tree) < (2 if dubious else 1):
        return trafilatura.load_html(html)
    return tree


def _utf8(html: str) -> bytes | None:
    """`html` as UTF-8; None when it holds a lone surrogate (the only failure)."""
    try:
        return html.encode("utf-8")
    except UnicodeEncodeError:
        return None


def _has_invalid_xml_chars(html: str, data: bytes) -> bool:
    """Whether `html` (`data` in UTF-8) has a character trafilatura's repair removes."""
    return any(char in html for char in _NONCHARACTERS) or any(
        byte in data for byte in _CONTROL_BYTES
    )
