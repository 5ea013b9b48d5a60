"""A pass-through reader that counts its position, notices a gzip stream cut off
inside a member, and stops a gzip bomb.

warcio needs `tell()` (which a pipe such as standard input lacks) and reads a
truncated gzip WARC without complaint, simply stopping; this wrapper counts the
bytes read and, for gzip input, inflates them as they go by (in bounded pieces,
discarding the output) to tell whether the last gzip member ended properly.

A member that inflates past `member_limit` bytes (a record far over the size limit,
or a gzip bomb: megabytes of zeros packed into kilobytes) sets `oversized` and ends
the stream there: warcio reads blank lines between records without a length
limit, so it must never be handed such a member in full.
"""

from __future__ import annotations

import zlib
from typing import BinaryIO

_GZIP_WINDOW = 16 + zlib.MAX_WBITS
# Output of one inflate step while tracking; bounds the memory a bomb can claim.
INFLATE_STEP_BYTES = 1 << 20


class GzipMemberTracker:
    """Wraps a binary stream; `complete` is False while a gzip member is unfinished
    (always True when `gzipped` is False)."""

    def __init__(
        self, stream: BinaryIO, gzipped: bool = True, member_limit: int | None = None
    ) -> None:
        self._stream = stream
        self._gzipped = gzipped
        self._limit = member_limit
        self._position = 0
        self._member: zlib._Decompress | None = None
        self._inflated = 0
        self.corrupt = False
        self.oversized = False

    @property
    def complete(self) -> bool:
        return self._member is None and not self.corrupt and not self.oversized

    def _inflate(self, member: zlib._Decompress, data: bytes) -> None:
        """Inflate `data` into the current member, a bounded step at a time."""
        while data:
            self._inflated += len(member.decompress(data, INFLATE_STEP_BYTES))
            if self._limit is not None and self._inflated > self._limit:
                self.oversized = True
                return
            if member.eof:
                return
            data = member.unconsumed_tail

    def _track(self, data: bytes) -> None:
        while data and not self.corrupt and not self.oversized:
            if self._member is None:
                self._member = zlib.decompressobj(_GZIP_WINDOW)
                self._inflated = 0
            try:
                self._inflate(self._member, data)
            except zlib.error:
                self.corrupt = True
                return
            if self.oversized or not self._member.eof:
                return
            data = self._member.unused_data
            self._member = None

    def read(self, size: int = -1) -> bytes:
        if self.oversized:
            return b""
        data = self._stream.read(size)
        self._position += len(data)
        if self._gzipped:
            self._track(data)
            if self.oversized:
                return b""
        return data

    def tell(self) -> int:
        return self._position
