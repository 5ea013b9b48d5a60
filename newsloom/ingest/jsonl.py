"""JSONL reader: one object per line with `url` and `html` or `text`, optionally
`published` and `title`. Each good line is a `Document` (kind `html` when it has
`html`); a bad line is a `Dropped` whose locator is `line:<n>`, and reading goes on.
Lines are read one at a time and a line longer than the size limit is skipped
without holding it in memory. A line that is not UTF-8 (a scraper that wrote
Latin-1) is decoded like a page (`encoding.decode_bytes`) rather than lost.

A line nested deeper than `MAX_JSON_DEPTH` arrays and objects (the line's own object
is the first level) is `malformed_json`: a record needs none, and Python's parser
gives up somewhere past 900 levels with RecursionError, which once ended the whole
file. An unexpected error in one line drops that line (`unreadable`), never the file.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any, BinaryIO

from newsloom.ingest.encoding import decode_bytes
from newsloom.ingest.items import ReaderItem, drop
from newsloom.ingest.reasons import MALFORMED_JSON, MISSING_FIELDS, TOO_LARGE, UNREADABLE
from newsloom.options import Options
from newsloom.record import Document, Provenance

READER = "jsonl"
# Arrays and objects inside one another a line may hold, the record object included.
MAX_JSON_DEPTH = 100

log = logging.getLogger(__name__)


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


def _too_deep(value: object, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether `value` nests arrays and objects more than `limit` levels deep."""
    level: list[object] = [value]
    depth = 0
    while level:
        containers = [v for v in level if isinstance(v, dict | list)]
        if not containers:
            return False
        depth += 1
        if depth > limit:
            return True
        level = [inner for v in containers for inner in (v.values() if isinstance(v, dict) else v)]
    return False


def _line_item(input_name: str, locator: str, line: bytes) -> ReaderItem | None:
    """The item one non-empty line stands for (None for a blank line)."""
    if not line.strip():
        return None
    try:
        record = json.loads(_text(line))
    except (ValueError, RecursionError) as error:
        message = "nested too deeply" if isinstance(error, RecursionError) else str(error)
        return drop(input_name, READER, MALFORMED_JSON, message, locator)
    if not isinstance(record, dict):
        return drop(input_name, READER, MALFORMED_JSON, "not a JSON object", locator)
    if _too_deep(record):
        message = f"nested more than {MAX_JSON_DEPTH} levels deep"
        return drop(input_name, READER, MALFORMED_JSON, message, locator)
    return _document(input_name, locator, record)


def read_jsonl(input_name: str, stream: BinaryIO, options: Options) -> Iterator[ReaderItem]:
    for number, line in _lines(stream, options.max_document_bytes):
        locator = f"line:{number}"
        if line is None:
            yield drop(input_name, READER, TOO_LARGE, "line over the size limit", locator)
            continue
        try:
            item = _line_item(input_name, locator, line)
        except Exception as error:  # one line's fault stays with that line
            log.exception("reading %s %s failed", input_name, locator)
            item = drop(input_name, READER, UNREADABLE, f"{type(error).__name__}: {error}", locator)
        if item is not None:
            yield item
