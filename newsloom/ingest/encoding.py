"""Bytes to text: BOM, then declared charset, then detection.

NOTE: first cut; Cyrillic legacy encodings are being tuned.
"""

from __future__ import annotations

from dataclasses import dataclass

from charset_normalizer import from_bytes


@dataclass(slots=True, frozen=True)
class Decoded:
    text: str
    encoding: str


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is not None:
        return Decoded(str(best), best.encoding)
    return Decoded(data.decode("utf-8", errors="replace"), "utf-8")
