"""Small helpers shared by the readers: the item type, drops, bounded reads."""

from __future__ import annotations

from typing import BinaryIO

from newsloom.record import Document, Dropped, PendingFetch, Provenance

ReaderItem = Document | PendingFetch | Dropped

READ_CHUNK_BYTES = 1 << 20


def drop(
    input_name: str, reader: str, reason: str, message: str = "", locator: str = ""
) -> Dropped:
    return Dropped(Provenance(input=input_name, reader=reader, locator=locator), reason, message)


def read_at_most(stream: BinaryIO, limit: int) -> bytes | None:
    """All of `stream` if it holds at most `limit` bytes, else None (reading stops
    one byte past the limit, so a huge stream is never held in memory)."""
    chunks: list[bytes] = []
    total = 0
    while total <= limit:
        chunk = stream.read(min(READ_CHUNK_BYTES, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
    return None
