"""WARC reader (warcio), plain or gzip; CC-NEWS files are the reference layout.

Each HTTP `response` record with an HTML content type (or, without one, a payload
that looks like HTML) becomes one `Document`: url = WARC-Target-URI, the HTTP
charset passed to decoding, locator `offset:<byte offset of the record>`.
`published` stays None: WARC-Date is when the page was crawled, not published.
Request, metadata, warcinfo and revisit records are skipped silently. Responses
are dropped as `not_html`, `http_status` (not 2xx), `too_large` (Content-Length
over the limit; the payload is skipped, not read), `empty` or `binary`. A file
that breaks off (truncated gzip or record) yields the records before the break,
then one `truncated` (in a WARC gzipped record by record, a record whose payload
breaks off at its member's end is `truncated` and reading goes on with the next
member: a wrong Content-Length loses one record); a file without a WARC record at
its start is `unreadable`.
A gzip member that inflates past `MEMBER_LIMIT_FACTOR` times the size limit and
past `MEMBER_LIMIT_FLOOR_BYTES` (a gzip bomb) is `too_large`, and the rest of the
file is skipped: the records before it are kept. A WARC gzipped as a whole (not
record by record) is `unreadable` after its first record: `warcio recompress`
fixes such files.
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
# A gzip member may inflate to this many times `Options.max_document_bytes`, and at
# least to the floor (a record over the limit is skipped, and the next one read);
# past that it is a bomb. warcio holds up to about this much while it looks for the
# next record, so it bounds the memory a hostile WARC can claim.
MEMBER_LIMIT_FACTOR = 2
MEMBER_LIMIT_FLOOR_BYTES = 16 * 1024 * 1024
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
    member_limit = max(MEMBER_LIMIT_FACTOR * options.max_document_bytes, MEMBER_LIMIT_FLOOR_BYTES)
    tracker = GzipMemberTracker(stream, gzipped=compressed, member_limit=member_limit)
    records = ArchiveIterator(tracker)
    locator = "offset:0"

    started = False  # a WARC record began: a later break is a truncation

    cut_after = ""  # the record whose payload broke off, already reported

    def truncated(message: str) -> list[ReaderItem]:
        """The drop for a break after the current record (none if reported already)."""
        if cut_after == locator:
            return []
        if not started and tracker.complete:  # a gzip stream cut short is a truncation
            return [drop(input_name, READER, UNREADABLE, f"not a WARC file: {message}")]
        return [drop(input_name, READER, TRUNCATED, message, f"after-{locator}")]

    def bomb(where: str) -> ReaderItem:
        message = f"a gzip member inflates past {member_limit} bytes; the rest is skipped"
        return drop(input_name, READER, TOO_LARGE, message, where)

    try:
        for record in records:
            # The start offset of the current record; get_record_offset() would read
            # the payload to its end first.
            locator = f"offset:{records.offset}"
            # warcio reads text that is no WARC as a broken ARC record
            started = started or getattr(record, "format", "") == "warc"
            if _is_broken_header(record):
                yield from truncated("record header breaks off")
                return
            started = True
            item = None
            if record.rec_type == "response" and record.http_headers is not None:
                item = _response_item(input_name, locator, record, options)
            remaining = _remaining(record)
            if tracker.oversized:
                yield bomb(locator)
                return
            if remaining > 0:
                yield from truncated("record payload breaks off")
                if not compressed:
                    return
                # gzip record by record: the next member starts the next record (a
                # wrong Content-Length loses one record, not the rest of the file)
                cut_after = locator
                continue
            if item is not None:
                yield item
    except ArchiveLoadFailed as error:
        if tracker.oversized:
            yield bomb(f"after-{locator}")
        elif WHOLE_FILE_GZIP_HINT in str(error):
            message = "several records share one gzip member; run `warcio recompress`"
            yield drop(input_name, READER, UNREADABLE, message, f"after-{locator}")
        else:
            yield from truncated(f"ArchiveLoadFailed: {error}")
        return
    except Exception as error:  # warcio and zlib raise many types on a broken stream
        if tracker.oversized:
            yield bomb(f"after-{locator}")
        else:
            yield from truncated(f"{type(error).__name__}: {error}")
        return
    if tracker.oversized:
        yield bomb(f"after-{locator}")
    elif not tracker.complete:
        yield from truncated("gzip stream breaks off")
