from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newsloom.record import Article, Provenance
from newsloom.store import Store
from newsloom.store.export import csv_columns, export_articles, parquet_schema
from tests.store.articles import make_article


@pytest.fixture
def filled(store: Store) -> Store:
    store.save(make_article("Ferry story.\n\nWith a second paragraph, and a comma."))
    store.save(make_article("Bridge story.", url="https://b.example/1", input="b", locator=""))
    store.save(Article(paragraphs=["Bare note, “quoted”."], provenance=[Provenance("n", "t")]))
    return store


def _expected(store: Store) -> list[dict[str, object]]:
    return [article.to_dict() for article in store.iter_articles()]


def test_jsonl_round_trips_to_dict(filled: Store) -> None:
    buffer = io.BytesIO()
    assert export_articles(filled, "jsonl", buffer) == 3
    lines = buffer.getvalue().decode("utf-8").splitlines()
    assert [json.loads(line) for line in lines] == _expected(filled)
    assert not buffer.closed


def test_csv_has_flat_columns_and_json_lists(filled: Store, tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    assert export_articles(filled, "csv", path) == 3
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == csv_columns()
    for row, expected in zip(rows, _expected(filled), strict=True):
        assert row["id"] == expected["id"]
        assert row["text"] == expected["text"]
        assert json.loads(row["paragraphs"]) == expected["paragraphs"]
        assert json.loads(row["provenance"]) == expected["provenance"]
        assert row["url"] == (expected["url"] or "")


def test_csv_to_a_stream_leaves_it_open(filled: Store) -> None:
    buffer = io.BytesIO()
    export_articles(filled, "csv", buffer)
    assert not buffer.closed
    assert buffer.getvalue().startswith(b"id,url,")


def test_parquet_reads_back_with_pyarrow(
    filled: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("newsloom.store.export.PARQUET_BATCH_ROWS", 2)
    path = tmp_path / "out.parquet"
    assert export_articles(filled, "parquet", path) == 3
    parquet = pq.ParquetFile(path)
    assert parquet.metadata.num_row_groups == 2
    columns = parquet_schema().names
    expected = [{name: record[name] for name in columns} for record in _expected(filled)]
    assert parquet.read().to_pylist() == expected


def test_parquet_of_empty_store_has_schema(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "empty.parquet"
    assert export_articles(store, "parquet", path) == 0
    table = pq.read_table(path)
    assert table.num_rows == 0 and "paragraphs" in table.column_names


def test_unknown_format_raises(store: Store) -> None:
    with pytest.raises(ValueError):
        export_articles(store, "xml", io.BytesIO())
