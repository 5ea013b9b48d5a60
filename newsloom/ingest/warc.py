"""WARC reader (warcio), plain or gzip; CC-NEWS files are the reference layout.

Each HTTP `response` record with an HTML content type (or, without one, a payload
that looks like HTML) becomes one `Document`: url = WARC-Target-URI, the HTTP
charset passed to decoding, locator `offset:<byte offset of the record>`.
`published` stays None: WARC-Date is when the page was crawled, not published.
Request, metadata, warcinfo and revisit records are skipped silently. Responses
are dropped as `not_html`, `http_status` (not 2xx), `too_large` (Content-Length
over the limit; the payload is skipped, not read), `empty` or `binary`; an
unexpected error in one record drops that record as `unreadable`.

A bad stretch between good records is one `malformed_warc` drop (locator
`after-offset:<the record before>`) and reading goes on with the next record: the
next line starting `WARC/` in a plain WARC, the next gzip member in a gzipped one.
That covers text between records, a record header without a Content-Length, a
header line over `warc_lines.MAX_WARC_LINE_BYTES` (1 MiB) and the start of a record
swallowed by the one before (a Content-Length too long). Lines are read in time
and memory linear in their length, and blank runs a buffer at a time
(`warc_lines.py`).

A file that breaks off (truncated gzip or record) yields the records before the
break, then one `truncated` (in a WARC gzipped record by record, a record whose
payload breaks off at its member's end is `truncated` and reading goes on with the
next member: a wrong Content-Length loses one record); a file without a WARC record
at its start is `unreadable`.
A gzip member that inflates past `MEMBER_LIMIT_FACTOR` times the size limit and
past `MEMBER_LIMIT_FLOOR_BYTES` (a gzip bomb) is `too_large`, and the rest of the
file is skipped: the records before it are kept. A WARC gzipped as a whole (not
record by record) is `unreadable` after its first record: `warcio recompress`
fixes such files.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any, BinaryIO

from warcio.exceptions import ArchiveLoadFailed
from warcio.utils import BUFF_SIZE

from newsloom.ingest.encoding import decode_bytes
from newsloom.ingest.formats import looks_binary, sniff
from newsloom.ingest.gzip_members import GzipMemberTracker
from newsloom.ingest.items import READ_CHUNK_BYTES, ReaderItem, drop, read_at_most
from newsloom.ingest.reasons import (
    BINARY,
    EMPTY,
    HTTP_STATUS,
    MALFORMED_WARC,
    NOT_HTML,
    TOO_LARGE,
    TRUNCATED,
    UNREADABLE,
)
from newsloom.ingest.warc_lines import LineReader, LineTooLong, Records
from newsloom.options import Options
from newsloom.record import Document, Provenance

log = logging.getLogger(__name__)

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


def _isolated_item(input_name: str, locator: str, record: Any, options: Options) -> ReaderItem:
    """`_response_item`, with an unexpected error in one record kept to that record."""
    try:
        return _response_item(input_name, locator, record, options)
    except Exception as error:
        log.exception("reading the WARC record at %s of %s failed", locator, input_name)
        message = f"{type(error).__name__}: {error}"
        return drop(input_name, READER, UNREADABLE, message, locator)


def _remaining(record: Any) -> int:
    """Bytes the record declared but the file did not hold (after reading it all)."""
    while record.raw_stream.read(READ_CHUNK_BYTES):
        pass
    return int(getattr(record.raw_stream, "limit", 0) or 0)


def _is_broken_header(record: Any) -> bool:
    return record.rec_type is None or record.rec_headers.get_header("Content-Length") is None


class _BrokenHeader(Exception):
    """A record header without a type or a Content-Length."""


class _WarcReading:
    """One WARC file being read: the records iterator, where it is, what was reported."""

    def __init__(
        self, input_name: str, stream: BinaryIO, options: Options, compressed: bool
    ) -> None:
        self.input_name = input_name
        self.options = options
        self.compressed = compressed
        self.member_limit = max(
            MEMBER_LIMIT_FACTOR * options.max_document_bytes, MEMBER_LIMIT_FLOOR_BYTES
        )
        self.tracker = GzipMemberTracker(stream, gzipped=compressed, member_limit=self.member_limit)
        self.reader = LineReader(self.tracker, block_size=BUFF_SIZE)
        self.locator = "offset:0"
        self.started = False  # a WARC record began: a later break is a truncation
        self.cut_after = ""  # the record whose payload broke off, already reported
        self.broken = False  # in a broken stretch, already reported
        self.bombed = False  # a gzip bomb was reported: the stream ends there

    def _drop(self, reason: str, message: str, locator: str = "") -> ReaderItem:
        return drop(self.input_name, READER, reason, message, locator)

    def _truncated(self, message: str) -> list[ReaderItem]:
        """The drop for a break after the current record (none if reported already)."""
        if self.cut_after == self.locator or self.broken:
            return []
        if not self.started and self.tracker.complete:  # a gzip stream cut short is truncated
            return [self._drop(UNREADABLE, f"not a WARC file: {message}")]
        return [self._drop(TRUNCATED, message, f"after-{self.locator}")]

    def _bomb(self, where: str) -> ReaderItem:
        self.bombed = True
        message = f"a gzip member inflates past {self.member_limit} bytes; the rest is skipped"
        return self._drop(TOO_LARGE, message, where)

    def _resume(self) -> Records | None:
        """Records from the next record after a broken stretch; None when none follows."""
        if not self.started:
            return None
        if self.compressed:
            if not self.reader.next_member():
                return None
            line = b""
        else:
            found = self.reader.next_record_line()
            if found is None:
                return None
            line = found
        offset = self.tracker.tell() - self.reader.rem_length() - len(line)
        return Records(self.tracker, self.reader, line or None, offset)

    def _records(self, records: Records) -> Iterator[ReaderItem]:
        """The items of `records`; a broken stream raises (see `_after_break`)."""
        for record in records:
            # The start offset of the current record; get_record_offset() would read
            # the payload to its end first.
            self.locator = f"offset:{records.offset}"
            # warcio reads text that is no WARC as a broken ARC record
            self.started = self.started or getattr(record, "format", "") == "warc"
            if _is_broken_header(record):
                raise _BrokenHeader("record header breaks off")
            self.started = True
            self.broken = False
            item = None
            if record.rec_type == "response" and record.http_headers is not None:
                item = _isolated_item(self.input_name, self.locator, record, self.options)
            remaining = _remaining(record)
            if self.tracker.oversized:
                yield self._bomb(self.locator)
                return
            if remaining > 0:
                yield from self._truncated("record payload breaks off")
                if not self.compressed:
                    self.broken = True  # the rest of the file was read into this record
                    return
                # gzip record by record: the next member starts the next record (a
                # wrong Content-Length loses one record, not the rest of the file)
                self.cut_after = self.locator
                continue
            if item is not None:
                yield item

    def _after_break(self, error: Exception) -> tuple[list[ReaderItem], Records | None]:
        """What a break in the stream yields, and the records after it (None: stop)."""
        message = (
            str(error) if isinstance(error, _BrokenHeader) else f"{type(error).__name__}: {error}"
        )
        where = f"after-{self.locator}"
        if self.tracker.oversized:
            return [self._bomb(where)], None
        if isinstance(error, ArchiveLoadFailed) and WHOLE_FILE_GZIP_HINT in str(error):
            message = "several records share one gzip member; run `warcio recompress`"
            return [self._drop(UNREADABLE, message, where)], None
        records = self._resume()
        if self.tracker.oversized:
            return [self._bomb(where)], None
        if self.broken:
            items: list[ReaderItem] = []  # one drop for a broken stretch
        elif records is not None or (self.started and isinstance(error, LineTooLong)):
            items = [self._drop(MALFORMED_WARC, message, where)]
        elif isinstance(error, LineTooLong):
            items = [self._drop(UNREADABLE, f"not a WARC file: {message}")]
        else:
            items = self._truncated(message)
        self.broken = True
        return items, records

    def items(self) -> Iterator[ReaderItem]:
        records: Records | None = Records(self.tracker, self.reader)
        while records is not None:
            try:
                yield from self._records(records)
                records = None
            except Exception as error:  # warcio and zlib raise many types on a broken stream
                items, records = self._after_break(error)
                yield from items
        if self.bombed:
            return
        if self.tracker.oversized:
            yield self._bomb(f"after-{self.locator}")
        elif not self.tracker.complete:
            yield from self._truncated("gzip stream breaks off")


def read_warc(
    input_name: str, stream: BinaryIO, options: Options, compressed: bool = False
) -> Iterator[ReaderItem]:
    return _WarcReading(input_name, stream, options, compressed).items()
