"""Generators of hostile inputs for robustness tests: everything is invented here.

Each builder writes one file (or folder entry) under a given folder and returns its
path; the text is made-up filler, never real news.
"""

from __future__ import annotations

import io
import json
import struct
import zlib
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

GOOD_TITLE = "Harbour board in Vellinmoor approves a new tide gauge"
GOOD_PARAGRAPHS = (
    "The harbour board of Vellinmoor approved on Tuesday the purchase of a tide gauge "
    "for the north quay, after two winters in which the old float gauge froze solid.",
    "Board chair Idris Penhallow said the gauge would be installed before the autumn "
    "storms and that its readings would be published every ten minutes.",
    "Fishing crews had asked for the readings for years, the board's minutes show.",
)


def article_html(
    title: str = GOOD_TITLE, paragraphs: tuple[str, ...] = GOOD_PARAGRAPHS, tag: str = ""
) -> str:
    """An invented news page; `tag` makes copies distinct (it goes into every paragraph)."""
    body = "".join(f"<p>{p} {tag}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title} {tag}</title>'
        f"</head><body><nav><a href='/'>Home</a> <a href='/sport'>Sport</a></nav>"
        f"<article><h1>{title} {tag}</h1>{body}</article>"
        "<footer>Vellinmoor Courier</footer></body></html>"
    )


MEGABYTE = 1 << 20


def gzip_member(prefix: bytes, filler: bytes, megabytes: int, suffix: bytes = b"") -> bytes:
    """One gzip member holding `prefix`, `megabytes` MB of the byte `filler`, then `suffix`.

    Built without holding the inflated data: after a full flush deflate output does
    not depend on what came before, so one compressed megabyte is repeated.
    """
    chunk = filler * MEGABYTE
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    head = compressor.compress(prefix) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.compress(suffix) + compressor.flush(zlib.Z_FINISH)
    crc = zlib.crc32(prefix)
    for _ in range(megabytes):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(suffix, crc)
    size = len(prefix) + megabytes * MEGABYTE + len(suffix)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    trailer = struct.pack("<II", crc, size & 0xFFFFFFFF)
    return header + head + block * megabytes + tail + trailer


def html_bomb(megabytes: int, filler: bytes = b" ") -> bytes:
    """A gzip HTML page: a real-looking start, then `megabytes` MB of `filler`."""
    head = b"<!DOCTYPE html><html><head><title>bomb</title></head><body><p>"
    return gzip_member(head, filler, megabytes)


def warc_record(url: str, payload: bytes, content_type: str = "text/html; charset=utf-8") -> bytes:
    """One gzip WARC response record."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url, "response", payload=io.BytesIO(payload), http_headers=headers
    )
    writer.write_record(record)
    return buffer.getvalue()


def warc_file(pages: list[tuple[str, str]], gzipped: bool = True) -> bytes:
    """A WARC (record-by-record gzip, or plain) of HTML responses (url, html)."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzipped)
    for url, page in pages:
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        writer.write_record(
            writer.create_warc_record(
                url, "response", payload=io.BytesIO(page.encode()), http_headers=headers
            )
        )
    return buffer.getvalue()


def _warc_header(url: str, length: int) -> bytes:
    return (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
        f"WARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Target-URI: {url}\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {length}\r\n\r\n"
    ).encode()


_HTTP_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>"


def warc_bomb(megabytes: int) -> bytes:
    """A gzip WARC record that declares and holds `megabytes` MB of spaces after an HTML
    start: small on disk, huge once inflated."""
    length = len(_HTTP_HEAD) + megabytes * MEGABYTE
    prefix = _warc_header("https://bomb.example/", length) + _HTTP_HEAD
    return gzip_member(prefix, b" ", megabytes, b"\r\n\r\n")


def warc_bomb_lying(megabytes: int) -> bytes:
    """Like `warc_bomb`, but the header declares a small Content-Length (so a size check
    on the header passes) while the gzip member goes on for `megabytes` MB of spaces."""
    prefix = _warc_header("https://liar.example/", 1000) + _HTTP_HEAD
    return gzip_member(prefix, b" ", megabytes)


def feed(items: list[str]) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        "<title>Vellinmoor Courier</title><link>https://courier.example/</link>"
        + "".join(items)
        + "</channel></rss>"
    )


def link_item(index: int) -> str:
    return (
        f"<item><title>Short item {index}</title>"
        f"<link>https://courier.example/n/{index}</link><guid>n-{index}</guid></item>"
    )


def jsonl_line(record: object) -> bytes:
    return json.dumps(record).encode() + b"\n"


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path
