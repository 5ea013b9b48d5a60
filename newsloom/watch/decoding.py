"""Content-Encoding decoded a bounded amount at a time: a gzip bomb is refused.

`BoundedDecoder.feed(chunk)` returns the decoded bytes of one raw chunk and raises
`TooLarge` as soon as the decoded total passes the limit; each decompression step
produces at most `STEP_BYTES`, so memory stays small however well a stream compresses
(a 1 GB stream of zeros is about 1 MB of gzip).
"""

from __future__ import annotations

import zlib

STEP_BYTES = 256 * 1024
ENCODINGS = ("identity", "gzip", "x-gzip", "deflate")


class TooLarge(Exception):
    """A response (raw or decoded) over the size limit."""


class UnsupportedEncoding(Exception):
    """A Content-Encoding the fetcher did not ask for and cannot decode."""


class BoundedDecoder:
    def __init__(self, encoding: str, limit: int) -> None:
        codings = [c.strip().lower() for c in encoding.split(",") if c.strip()]
        codings = [c for c in codings if c != "identity"]
        if len(codings) > 1 or any(c not in ENCODINGS for c in codings):
            raise UnsupportedEncoding(f"content encoding {encoding!r}")
        self.coding = codings[0] if codings else "identity"
        self.limit = limit
        self.total = 0
        self._deflate_raw = False
        self._buffered = b""
        self._inflater: zlib._Decompress | None = None
        if self.coding in ("gzip", "x-gzip"):
            self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)

    def _count(self, data: bytes) -> bytes:
        self.total += len(data)
        if self.total > self.limit:
            raise TooLarge(f"decoded body over {self.limit} bytes")
        return data

    def _start_deflate(self, chunk: bytes) -> None:
        # "deflate" is zlib-wrapped by the standard and raw deflate by some servers.
        self._buffered += chunk
        if len(self._buffered) < 2:
            return
        header = self._buffered[:2]
        zlib_wrapped = header[0] & 0x0F == 8 and int.from_bytes(header, "big") % 31 == 0
        self._inflater = zlib.decompressobj(zlib.MAX_WBITS if zlib_wrapped else -zlib.MAX_WBITS)

    def feed(self, chunk: bytes) -> bytes:
        if self.coding == "identity":
            return self._count(chunk)
        if self._inflater is None:
            self._start_deflate(chunk)
            if self._inflater is None:
                return b""
            chunk, self._buffered = self._buffered, b""
        out = []
        data = chunk
        try:
            while not self._inflater.eof:
                piece = self._inflater.decompress(data, STEP_BYTES)
                out.append(self._count(piece))
                data = self._inflater.unconsumed_tail
                if not data and len(piece) < STEP_BYTES:
                    break  # all input taken and no output left waiting
        except zlib.error as error:
            raise UnsupportedEncoding(f"broken {self.coding} stream: {error}") from error
        return b"".join(out)

    def flush(self) -> bytes:
        if self._inflater is None:
            return b""
        try:
            return self._count(self._inflater.flush(STEP_BYTES))
        except zlib.error as error:
            raise UnsupportedEncoding(f"broken {self.coding} stream: {error}") from error
