"""JSONL reader: one object per line with `url` and `html` or `text`, optionally
`published` and `title`. Each good line is a `Document` (kind `html` when it has
`html`); a bad line is a `Dropped` whose locator is `line:<n>`, and reading goes on.
Lines are read one at a time and a line longer than the size limit is skipped
without holding it in memory. A line that is not UTF-8 (a scraper that wrote
Latin-1) is decoded like a page (`encoding.decode_bytes`) rather than lost.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from newsloom.ingest.encoding import decode_bytes
from newsloom.ingest.items import ReaderItem, drop
from newsloom.ingest.reasons import MALFORMED_JSON, MISSING_FIELDS, TOO_LARGE
from newsloom.options import Options
from newsloom.record import Document, Provenance

READER = "jsonl"


def _lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) pairs; the line is None when it is longer than `limit`."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # skip the rest of the long line
                line = stream.readline(limit + 1)
            yield number, None
        else:
            yield number, line


def _optional_str(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    return value if isinstance(value, str) and value.strip() else None


def _document(input_name: str, locator: str, record: dict[str, Any]) -> ReaderItem:
    url = _optional_str(record, "url")
    html, text = _optional_str(record, "html"), _optional_str(record, "text")
    body = html or text
    if url is None or body is None:
        return drop(input_name, READER, MISSING_FIELDS, "needs url and html or text", locator)
    return Document(
        data=body,
        kind="html" if html else "text",
        provenance=Provenance(input=input_name, reader=READER, locator=locator),
        url=url,
        published=_optional_str(record, "published"),
        title=_optional_str(record, "title"),
        encoding="utf-8",
    )


def _text(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return decode_bytes(line).text


def read_jsonl(input_name: str, stream: BinaryIO, options: Options) -> Iterator[ReaderItem]:
    for number, line in _lines(stream, options.max_document_bytes):
        locator = f"line:{number}"
        if line is None:
            yield drop(input_name, READER, TOO_LARGE, "line over the size limit", locator)
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(_text(line))
        except ValueError as error:
            yield drop(input_name, READER, MALFORMED_JSON, str(error), locator)
            continue
        if not isinstance(record, dict):
            yield drop(input_name, READER, MALFORMED_JSON, "not a JSON object", locator)
            continue
        yield _document(input_name, locator, record)
