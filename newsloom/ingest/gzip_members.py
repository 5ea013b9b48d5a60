"""A pass-through reader that counts its position and notices a gzip stream cut off
inside a member.

warcio needs `tell()` (which a pipe such as standard input lacks) and reads a
truncated gzip WARC without complaint, simply stopping; this wrapper counts the
bytes read and, for gzip input, inflates them as they go by (discarding the
output) to tell whether the last gzip member ended properly.
"""

from __future__ import annotations

import zlib
from typing import BinaryIO

_GZIP_WINDOW = 16 + zlib.MAX_WBITS


class GzipMemberTracker:
    """Wraps a binary stream; `complete` is False while a gzip member is unfinished
    (always True when `gzipped` is False)."""

    def __init__(self, stream: BinaryIO, gzipped: bool = True) -> None:
        self._stream = stream
        self._gzipped = gzipped
        self._position = 0
        self._member: zlib._Decompress | None = None
        self.corrupt = False

    @property
    def complete(self) -> bool:
        return self._member is None and not self.corrupt

    def _track(self, data: bytes) -> None:
        while data and not self.corrupt:
            if self._member is None:
                self._member = zlib.decompressobj(_GZIP_WINDOW)
            try:
                self._member.decompress(data)
            except zlib.error:
                self.corrupt = True
                return
            if not self._member.eof:
                return
            data = self._member.unused_data
            self._member = None

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self._position += len(data)
        if self._gzipped:
            self._track(data)
        return data

    def tell(self) -> int:
        return self._position
