"""Whole-file readers: one HTML page or one scraped-text file becomes one `Document`.

The bytes are decoded here (`encoding.decode_bytes`) because extraction needs
text. Broken or truncated HTML is still a document: the HTML parser copes.
"""

from __future__ import annotations

from typing import Literal

from newsloom.ingest.encoding import decode_bytes
from newsloom.ingest.items import ReaderItem, drop
from newsloom.ingest.reasons import EMPTY
from newsloom.record import Document, Provenance


def read_document(input_name: str, data: bytes, kind: Literal["html", "text"]) -> ReaderItem:
    if not data.strip():
        return drop(input_name, kind, EMPTY, "nothing but whitespace")
    decoded = decode_bytes(data)
    if not decoded.text.strip():
        return drop(input_name, kind, EMPTY, "nothing but whitespace")
    return Document(
        data=decoded.text,
        kind=kind,
        provenance=Provenance(input=input_name, reader=kind),
        encoding=decoded.encoding,
    )
