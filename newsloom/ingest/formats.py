"""Which reader a file needs: by extension, and by sniffing the first bytes where
the extension is missing or wrong. Patterns and magic numbers live here."""

from __future__ import annotations

import json
import re
import zlib
from typing import Literal

Format = Literal["html", "text", "warc", "feed", "jsonl", "binary"]

SNIFF_BYTES = 8192
GZIP_MAGIC = b"\x1f\x8b"
COMPRESSED_SUFFIX = ".gz"

EXTENSIONS: dict[str, Format] = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".text": "text",
    ".warc": "warc",
    ".arc": "warc",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".feed": "feed",
    ".rdf": "feed",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}

# Files a folder walk passes over: tooling and notes kept beside inputs. A file
# named explicitly is always read.
FOLDER_SKIPPED_EXTENSIONS = frozenset(
    {".py", ".pyc", ".md", ".rst", ".toml", ".cfg", ".ini", ".yaml", ".yml", ".sh", ".lock"}
)

# File signatures of common non-text formats.
BINARY_MAGIC: tuple[bytes, ...] = (
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF87a",
    b"GIF89a",
    b"%PDF",
    b"PK\x03\x04",
    b"\x7fELF",
    b"RIFF",
    b"OggS",
    b"ID3",
    b"BZh",
    b"7z\xbc\xaf",
    b"\xfd7zXZ",
    b"wOFF",
    b"wOF2",
    b"\x00\x00\x01\x00",
)
UNICODE_BOMS: tuple[bytes, ...] = (b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")
# Share of control bytes, NUL included (other than tab, newline, form feed, carriage
# return, escape), above which content is not text. A few stray NULs in a page do not
# make it binary (readers remove them, `sanitize.py`); UTF-16 without a BOM does.
MAX_CONTROL_SHARE = 0.05
_TEXT_CONTROLS = frozenset(b"\t\n\x0c\r\x1b")

_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
# What may come before the root element of an XML document, and where each ends.
_PROLOG_PARTS: tuple[tuple[bytes, bytes], ...] = ((b"<?", b"?>"), (b"<!--", b"-->"), (b"<!", b">"))
# A doctype with an internal subset (`<!DOCTYPE rss [<!ENTITY nbsp "&#160;">]>`) ends at
# the `]>` after its declarations, not at the first `>`.
_DOCTYPE_SUBSET = re.compile(rb"<!DOCTYPE[^\[>]*\[.*?\]\s*>", re.IGNORECASE | re.DOTALL)
_HTML_MARKUP = re.compile(
    rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<(?:div|p|article|meta|title|h1|h2)[\s>]",
    re.IGNORECASE,
)


def _skip_prolog(head: bytes) -> bytes:
    """`head` after the XML declaration, processing instructions, comments and doctype."""
    while True:
        head = head.lstrip()
        subset = _DOCTYPE_SUBSET.match(head)
        if subset:
            head = head[subset.end() :]
            continue
        for opener, closer in _PROLOG_PARTS:
            if head.startswith(opener):
                end = head.find(closer)
                if end < 0:
                    return b""
                head = head[end + len(closer) :]
                break
        else:
            return head


def suffix_format(name: str) -> Format | None:
    """The format an extension names (`.gz` looked through), or None."""
    lowered = name.lower()
    if lowered.endswith(COMPRESSED_SUFFIX):
        lowered = lowered[: -len(COMPRESSED_SUFFIX)]
    dot = lowered.rfind(".")
    slash = max(lowered.rfind("/"), lowered.rfind("\\"))
    return EXTENSIONS.get(lowered[dot:]) if dot > slash else None


def gunzip_head(head: bytes) -> bytes | None:
    """As much of a gzip stream's start as `head` holds, decompressed (None if corrupt)."""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, SNIFF_BYTES)
    except zlib.error:
        return None


def looks_binary(head: bytes) -> bool:
    if head.startswith(UNICODE_BOMS):
        return False
    if head.startswith(BINARY_MAGIC):
        return True
    controls = sum(1 for byte in head if byte < 32 and byte not in _TEXT_CONTROLS)
    return controls > MAX_CONTROL_SHARE * max(len(head), 1)


def _looks_jsonl(head: bytes) -> bool:
    first = head.lstrip().split(b"\n", 1)[0]
    if not first.startswith(b"{"):
        return False
    try:
        record = json.loads(first)
    except (ValueError, RecursionError):  # a line nested too deep for the parser
        return False
    return isinstance(record, dict) and "url" in record and ("html" in record or "text" in record)


def sniff(head: bytes) -> Format:
    """The format the first bytes (decompressed) look like."""
    if looks_binary(head):
        return "binary"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"WARC/"):
        return "warc"
    if _FEED_ROOT.match(_skip_prolog(stripped)):
        return "feed"
    if _looks_jsonl(stripped):
        return "jsonl"
    return "html" if _HTML_MARKUP.search(head) else "text"


def choose_format(name: str, head: bytes) -> Format:
    """Content that is clearly binary, WARC, a feed or JSONL wins over the name; then
    a WARC/JSONL/feed extension; HTML versus text is decided by the content (by the
    name when the start is only whitespace)."""
    if not head.strip():
        return suffix_format(name) or "text"
    sniffed = sniff(head)
    if sniffed in ("binary", "warc", "feed", "jsonl"):
        return sniffed
    named = suffix_format(name)
    if named in ("warc", "jsonl") or (named == "feed" and sniffed != "html"):
        return named
    return sniffed
