"""Streaming export of every stored article to JSONL, CSV or Parquet.

Rows are read from the store in batches (`Store.iter_articles`) and written as
they come, so memory stays flat however large the store is.

- jsonl: one `Article.to_dict()` object per line (UTF-8).
- csv: one row per article, columns `csv_columns()`: the article's `CSV_COLUMNS`, then
  one per fact kind (`newsloom.fact_kinds`); list and object values (authors, credits,
  paragraphs, related, removed, provenance, facts) are JSON-encoded so they read back
  exactly; `text` is the paragraphs joined by a blank line.
- parquet: the `to_dict()` fields as typed columns (lists of strings, lists of
  structs; each fact kind a list of structs typed from its record's fields), written
  `PARQUET_BATCH_ROWS` rows per row group.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import io
import json
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO, Literal

import pyarrow as pa
import pyarrow.parquet as pq

from newsloom.fact_kinds import fact_keys, fact_kinds
from newsloom.fact_shape import json_types, non_optional
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


ARTICLE_PARQUET_FIELDS: list[tuple[str, pa.DataType]] = [
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


def csv_columns() -> tuple[str, ...]:
    """The article's columns, then one per declared fact kind."""
    return (*CSV_COLUMNS, *fact_keys())


def parquet_schema() -> pa.Schema:
    """The article's typed columns, then one list of structs per declared fact kind."""
    facts = [(kind.key, pa.list_(arrow_type(kind.record))) for kind in fact_kinds()]
    return pa.schema([*ARTICLE_PARQUET_FIELDS, *facts])


def arrow_type(hint: Any) -> pa.DataType:
    """The Arrow type of a fact field's type (a record becomes a struct of its fields)."""
    hint = non_optional(hint)
    origin = typing.get_origin(hint)
    if origin in (list, tuple):
        args = typing.get_args(hint)
        return pa.list_(arrow_type(args[0]))
    if origin is Literal:
        return pa.string()
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return pa.struct([(key, arrow_type(value)) for key, value in json_types(hint).items()])
    return _ARROW_SCALARS[hint]


_ARROW_SCALARS: dict[Any, pa.DataType] = {
    str: pa.string(),
    int: pa.int64(),
    float: pa.float64(),
    bool: pa.bool_(),
}


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


def csv_row(record: dict[str, Any], columns: tuple[str, ...] | None = None) -> list[str]:
    """The CSV cells of one `to_dict()` record: None as empty, lists as JSON."""
    cells = []
    for column in columns or csv_columns():
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
        columns = csv_columns()
        writer.writerow(columns)
        count = 0
        for article in articles:
            writer.writerow(csv_row(article.to_dict(), columns))
            count += 1
        text.flush()
    finally:
        text.detach()  # leave the caller's stream open
    return count


def _write_parquet(articles: Iterator[Article], stream: BinaryIO) -> int:
    count = 0
    batch: list[dict[str, Any]] = []
    schema = parquet_schema()
    with pq.ParquetWriter(stream, schema) as writer:
        for article in articles:
            batch.append(article.to_dict())
            if len(batch) >= PARQUET_BATCH_ROWS:
                writer.write_table(_table(batch, schema))
                count += len(batch)
                batch = []
        if batch or count == 0:
            writer.write_table(_table(batch, schema))
            count += len(batch)
    return count


def _table(records: list[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    columns = {name: [record.get(name) for record in records] for name in schema.names}
    return pa.Table.from_pydict(columns, schema=schema)
