"""WARC reader (warcio), plain or gzip; CC-NEWS files are the reference layout.

Each HTTP `response` record with an HTML content type (or, without one, a payload
that looks like HTML) becomes one `Document`: url = WARC-Target-URI, the HTTP
charset passed to decoding, locator `offset:<byte offset of the record>`.
`published` stays None: WARC-Date is when the page was crawled, not published.
Request, metadata, warcinfo and revisit records are skipped silently. Responses
are dropped as `not_html`, `http_status` (not 2xx), `too_large` (Content-Length
over the limit; the payload is skipped, not read), `empty` or `binary`. A file
that breaks off (truncated gzip or record) yields the records before the break,
then one `truncated`. A WARC gzipped as a whole (not record by record) is
`unreadable` after its first record: `warcio recompress` fixes such files.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsloom.ingest.encoding import decode_bytes
from newsloom.ingest.formats import looks_binary, sniff
from newsloom.ingest.gzip_members import GzipMemberTracker
from newsloom.ingest.items import READ_CHUNK_BYTES, ReaderItem, drop, read_at_most
from newsloom.ingest.reasons import (
    BINARY,
    EMPTY,
    HTTP_STATUS,
    NOT_HTML,
    TOO_LARGE,
    TRUNCATED,
    UNREADABLE,
)
from newsloom.options import Options
from newsloom.record import Document, Provenance

READER = "warc"
HTML_CONTENT_TYPES = ("text/html", "application/xhtml+xml")
# warcio's message for a WARC gzipped as a whole instead of record by record.
WHOLE_FILE_GZIP_HINT = "recompress"
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


def _content_length(record: Any) -> int:
    try:
        return int(record.rec_headers.get_header("Content-Length") or 0)
    except ValueError:
        return 0


def _response_item(input_name: str, locator: str, record: Any, options: Options) -> ReaderItem:
    def dropped(reason: str, message: str) -> ReaderItem:
        return drop(input_name, READER, reason, message, locator)

    status = record.http_headers.get_statuscode() or ""
    if not status.startswith("2"):
        return dropped(HTTP_STATUS, f"HTTP status {status}")
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if content_type and not content_type.startswith(HTML_CONTENT_TYPES):
        return dropped(NOT_HTML, content_type)
    if _content_length(record) > options.max_document_bytes:
        return dropped(TOO_LARGE, "record over the size limit")
    payload = read_at_most(record.content_stream(), options.max_document_bytes)
    if payload is None:
        return dropped(TOO_LARGE, "payload over the size limit")
    if not payload.strip():
        return dropped(EMPTY, "empty payload")
    if looks_binary(payload[:8192]):
        return dropped(BINARY, "payload is not text")
    if not content_type and sniff(payload[:8192]) != "html":
        return dropped(NOT_HTML, "no content type and no HTML markup")
    charset = _CHARSET.search(content_type)
    decoded = decode_bytes(payload, charset.group(1) if charset else None)
    return Document(
        data=decoded.text,
        kind="html",
        provenance=Provenance(input=input_name, reader=READER, locator=locator),
        url=record.rec_headers.get_header("WARC-Target-URI"),
        encoding=decoded.encoding,
    )


def _remaining(record: Any) -> int:
    """Bytes the record declared but the file did not hold (after reading it all)."""
    while record.raw_stream.read(READ_CHUNK_BYTES):
        pass
    return int(getattr(record.raw_stream, "limit", 0) or 0)


def _is_broken_header(record: Any) -> bool:
    return record.rec_type is None or record.rec_headers.get_header("Content-Length") is None


def read_warc(
    input_name: str, stream: BinaryIO, options: Options, compressed: bool = False
) -> Iterator[ReaderItem]:
    tracker = GzipMemberTracker(stream, gzipped=compressed)
    records = ArchiveIterator(tracker)
    locator = "offset:0"

    def truncated(message: str) -> ReaderItem:
        return drop(input_name, READER, TRUNCATED, message, f"after-{locator}")

    try:
        for record in records:
            # The start offset of the current record; get_record_offset() would read
            # the payload to its end first.
            locator = f"offset:{records.offset}"
            if _is_broken_header(record):
                yield truncated("record header breaks off")
                return
            item = None
            if record.rec_type == "response" and record.http_headers is not None:
                item = _response_item(input_name, locator, record, options)
            if _remaining(record) > 0:
                yield truncated("record payload breaks off")
                return
            if item is not None:
                yield item
    except ArchiveLoadFailed as error:
        if WHOLE_FILE_GZIP_HINT in str(error):
            message = "several records share one gzip member; run `warcio recompress`"
            yield drop(input_name, READER, UNREADABLE, message, f"after-{locator}")
        else:
            yield truncated(f"ArchiveLoadFailed: {error}")
        return
    except Exception as error:  # warcio and zlib raise many types on a broken stream
        yield truncated(f"{type(error).__name__}: {error}")
        return
    if not tracker.complete:
        yield truncated("gzip stream breaks off")
