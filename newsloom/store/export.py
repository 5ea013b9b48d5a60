"""Streaming export of every stored article to JSONL, CSV or Parquet.

Rows are read from the store in batches (`Store.iter_articles`) and written as
they come, so memory stays flat however large the store is.

- jsonl: one `Article.to_dict()` object per line (UTF-8).
- csv: one row per article, columns `CSV_COLUMNS`; list and object values
  (authors, credits, paragraphs, related, removed, provenance) are JSON-encoded
  so they read back exactly; `text` is the paragraphs joined by a blank line.
- parquet: the `to_dict()` fields as typed columns (lists of strings, lists of
  structs), written `PARQUET_BATCH_ROWS` rows per row group.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO, Literal

import pyarrow as pa
import pyarrow.parquet as pq

from newsloom.record import Article
from newsloom.store.base import Store

ExportFormat = Literal["jsonl", "csv", "parquet"]
EXPORT_FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet")
PARQUET_BATCH_ROWS = 500

CSV_COLUMNS: tuple[str, ...] = (
    "id",
    "url",
    "canonical_url",
    "title",
    "published",
    "updated",
    "source",
    "site",
    "language",
    "authors",
    "credits",
    "text",
    "paragraphs",
    "related",
    "removed",
    "provenance",
    "content_hash",
)

_STRINGS = pa.list_(pa.string())


def _list_of_string_structs(*names: str) -> pa.DataType:
    return pa.list_(pa.struct([(name, pa.string()) for name in names]))


PARQUET_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("url", pa.string()),
        ("canonical_url", pa.string()),
        ("title", pa.string()),
        ("published", pa.string()),
        ("updated", pa.string()),
        ("source", pa.string()),
        ("site", pa.string()),
        ("authors", _STRINGS),
        ("credits", _STRINGS),
        ("language", pa.string()),
        ("paragraphs", _STRINGS),
        ("text", pa.string()),
        ("related", _list_of_string_structs("title", "url")),
        ("removed", _list_of_string_structs("text", "reason")),
        ("provenance", _list_of_string_structs("input", "reader", "locator")),
        ("content_hash", pa.string()),
    ]
)


def export_articles(store: Store, fmt: ExportFormat | str, out: BinaryIO | Path) -> int:
    """Write every article in `store` to `out` (a binary stream or a file path).

    Returns the number of articles written. A stream passed in is flushed, not closed.
    """
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {EXPORT_FORMATS}")
    with _binary_output(out) as stream:
        if fmt == "jsonl":
            count = _write_jsonl(store.iter_articles(), stream)
        elif fmt == "csv":
            count = _write_csv(store.iter_articles(), stream)
        else:
            count = _write_parquet(store.iter_articles(), stream)
        stream.flush()
    return count


@contextlib.contextmanager
def _binary_output(out: BinaryIO | Path) -> Iterator[BinaryIO]:
    if isinstance(out, Path):
        with out.open("wb") as handle:
            yield handle
    else:
        yield out


def _write_jsonl(articles: Iterator[Article], stream: BinaryIO) -> int:
    count = 0
    for article in articles:
        line = json.dumps(article.to_dict(), ensure_ascii=False) + "\n"
        stream.write(line.encode("utf-8"))
        count += 1
    return count


def csv_row(record: dict[str, Any]) -> list[str]:
    """The CSV cells of one `to_dict()` record: None as empty, lists as JSON."""
    cells = []
    for column in CSV_COLUMNS:
        value = record.get(column)
        if value is None:
            cells.append("")
        elif isinstance(value, list | dict):
            cells.append(json.dumps(value, ensure_ascii=False))
        else:
            cells.append(str(value))
    return cells


def _write_csv(articles: Iterator[Article], stream: BinaryIO) -> int:
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)
    try:
        writer = csv.writer(text)
        writer.writerow(CSV_COLUMNS)
        count = 0
        for article in articles:
            writer.writerow(csv_row(article.to_dict()))
            count += 1
        text.flush()
    finally:
        text.detach()  # leave the caller's stream open
    return count


def _write_parquet(articles: Iterator[Article], stream: BinaryIO) -> int:
    count = 0
    batch: list[dict[str, Any]] = []
    with pq.ParquetWriter(stream, PARQUET_SCHEMA) as writer:
        for article in articles:
            batch.append(article.to_dict())
            if len(batch) >= PARQUET_BATCH_ROWS:
                writer.write_table(_table(batch))
                count += len(batch)
                batch = []
        if batch or count == 0:
            writer.write_table(_table(batch))
            count += len(batch)
    return count


def _table(records: list[dict[str, Any]]) -> pa.Table:
    columns = {name: [record.get(name) for record in records] for name in PARQUET_SCHEMA.names}
    return pa.Table.from_pydict(columns, schema=PARQUET_SCHEMA)
