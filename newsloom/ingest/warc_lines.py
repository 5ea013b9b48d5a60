"""Reading WARC lines in time and memory linear in the input.

warcio's `BufferedReader.readline` grows a line by concatenating 16 KB pieces, so a
line of n bytes costs time quadratic in n (one 16 MB line took 2.7 s, 64 MB 62 s and
390 MB of memory), and warcio reads the blank lines between records one call at a
time (300 MB of them took 111 s). `LineReader` is warcio's reader with a line read
in pieces and joined once, a line over `MAX_WARC_LINE_BYTES` refused (`LineTooLong`),
and whitespace skipped a buffer at a time; `Records` is warcio's iterator reading
through it. After a broken stretch, `LineReader.next_record_line` finds the next
line that starts a WARC record (`WARC/`), and `next_member` the next gzip member, so
that reading can go on with the records after it.
"""

from __future__ import annotations

import re
from io import BytesIO
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader
from warcio.utils import BUFF_SIZE

# No WARC or HTTP header line is this long (servers refuse headers over 8-64 KB); a
# longer line is no header, and reading it whole would hold it in memory.
MAX_WARC_LINE_BYTES = 1 << 20
RECORD_START = b"WARC/"
_NEW_RECORD = b"\n" + RECORD_START
_NOT_BLANK = re.compile(rb"[^ \t\n\r\x0b\x0c]")


class LineTooLong(Exception):
    """A line over `MAX_WARC_LINE_BYTES` where warcio expected a header line."""


class LineReader(DecompressingBufferedReader):
    """warcio's decompressing reader with bounded, linear-time lines (see the module)."""

    def readline(self, length: int | None = None) -> bytes:
        if length is not None and length < 0:
            length = None
        limit = MAX_WARC_LINE_BYTES + 1
        limit = limit if length is None else min(length, limit)
        pieces: list[bytes] = []
        size = 0
        while size < limit:
            self._fillbuff()
            if self.empty():
                break
            piece = self.buff.readline(limit - size)
            pieces.append(piece)
            size += len(piece)
            if piece.endswith(b"\n"):
                break
        if size > MAX_WARC_LINE_BYTES:
            raise LineTooLong(f"a line over {MAX_WARC_LINE_BYTES} bytes")
        return b"".join(pieces)

    def skip_blank(self) -> int:
        """Skip whitespace (blank lines) up to the next other byte; the bytes skipped."""
        skipped = 0
        while True:
            self._fillbuff()
            if self.empty():
                return skipped
            start = self.buff.tell()
            found = _NOT_BLANK.search(self.buff.getvalue(), start)
            end = found.start() if found else self.buff_size
            self.buff.seek(end)
            skipped += end - start
            if found:
                return skipped

    def _rest_of_buffer(self) -> bytes:
        self._fillbuff()
        return b"" if self.empty() else bytes(self.buff.read())

    def _unread(self, data: bytes) -> None:
        buffer: BytesIO | None = getattr(self, "buff", None)
        rest = buffer.read() if buffer is not None else b""
        self.buff = BytesIO(data + rest)
        self.buff_size = len(data) + len(rest)

    def next_record_line(self) -> bytes | None:
        """Skip to the next line that starts with `WARC/` and return it (None at the
        end). The current position counts as a line start."""
        window = b"\n"
        while True:
            piece = self._rest_of_buffer()
            if not piece:
                return None
            window += piece
            found = window.find(_NEW_RECORD)
            if found < 0:
                # keep a line start whose `WARC/` may go on in the next piece
                cut = window.rfind(b"\n", max(0, len(window) - len(RECORD_START)))
                window = window[cut:] if cut >= 0 else b""
                continue
            self._unread(window[found + 1 :])
            try:
                return self.readline()
            except LineTooLong:
                window = b""

    def next_member(self) -> bool:
        """Skip the rest of this gzip member; whether another member follows."""
        while self.read(BUFF_SIZE):
            pass
        return bool(self.read_next_member())


class Records(ArchiveIterator):
    """warcio's record iterator reading through `reader`, from `next_line` (a record's
    first line already read) at byte `offset`; blank runs between records are skipped
    a buffer at a time."""

    def __init__(
        self, stream: Any, reader: LineReader, next_line: bytes | None = None, offset: int = 0
    ) -> None:
        super().__init__(stream)
        self.reader = reader
        self.next_line = next_line
        self.offset = offset

    def _consume_blanklines(self) -> tuple[bytes | None, int]:
        """warcio's rule, in linear time: the line that ends a record is passed over
        (blank, or the tail of a payload longer than its Content-Length), then blank
        lines; the first other line starts the next record."""
        line = self.reader.readline()
        if not line:
            return None, 0
        skipped = len(line)
        while True:
            skipped += self.reader.skip_blank()
            line = self.reader.readline()
            if not line:
                return None, skipped
            if line.strip():
                return line, skipped
            skipped += len(line)
