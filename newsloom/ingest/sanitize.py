"""Text every later stage can hold: no NUL characters, no lone surrogates.

Decoded pages, JSON strings (`"\\ud800"`, `"\\u0000"`) and file names (bytes that are
not UTF-8 come back from the OS as lone surrogates) can carry characters that
lxml rejects or that cannot be encoded as UTF-8 for the store. Readers pass every
string they yield through here: NUL is removed, a lone surrogate becomes U+FFFD,
and a file name keeps its undecodable bytes as `\\xNN` escapes so that it stays
the same key from run to run.

In HTML, a numeric character reference to a C0 control (`&#1;`, `&#x1f;`) is
removed too: lxml turns it into a character it then refuses, and trafilatura
gives up on the whole page (a good article with one `&#8;` was dropped `no_text`).
"""

from __future__ import annotations

import re

from newsloom.record import Document, Dropped, PendingFetch, Provenance

REPLACEMENT = "\ufffd"
_SURROGATE = re.compile("[\ud800-\udfff]")
# References to C0 controls other than tab, newline and carriage return (and NUL,
# which parsers already turn into U+FFFD).
_CONTROL_REFERENCE = re.compile(
    r"&#(?:0*(?:[1-8]|1[124-9]|2[0-9]|3[01])(?![0-9])"
    r"|[xX]0*(?:[1-8bBcCeEfF]|1[0-9a-fA-F])(?![0-9a-fA-F]));?"
)


def clean_text(text: str) -> str:
    if "\x00" in text:
        text = text.replace("\x00", "")
    return replace_surrogates(text)


def replace_surrogates(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD, one character for one (so
    offsets into it still hold); NUL is kept."""
    if not text.isascii() and _SURROGATE.search(text):
        return _SURROGATE.sub(REPLACEMENT, text)
    return text


def clean_html(text: str) -> str:
    text = clean_text(text)
    return _CONTROL_REFERENCE.sub("", text) if "&#" in text else text


def clean_optional(text: str | None) -> str | None:
    return None if text is None else clean_text(text)


def clean_name(name: str) -> str:
    """A file name or locator as UTF-8-safe text: bytes the OS could not decode become
    `\\xNN` escapes, other lone surrogates U+FFFD."""
    if name.isascii():
        return name.replace("\x00", "")
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return clean_text(name)
    return raw.decode("utf-8", "backslashreplace")


def _provenance(provenance: Provenance) -> Provenance:
    name, locator = clean_name(provenance.input), clean_name(provenance.locator)
    if name == provenance.input and locator == provenance.locator:
        return provenance
    return Provenance(input=name, reader=provenance.reader, locator=locator)


def clean_item(item: Document | PendingFetch | Dropped) -> Document | PendingFetch | Dropped:
    """The same item with every string field cleaned (in place; returned for chaining)."""
    item.provenance = _provenance(item.provenance)
    if isinstance(item, Document):
        if isinstance(item.data, str):
            item.data = clean_html(item.data) if item.kind == "html" else clean_text(item.data)
        item.url = clean_optional(item.url)
        item.title = clean_optional(item.title)
        item.published = clean_optional(item.published)
    elif isinstance(item, PendingFetch):
        item.url = clean_text(item.url)
        item.title = clean_optional(item.title)
        item.published = clean_optional(item.published)
    else:
        item.message = clean_text(item.message)
    return item
