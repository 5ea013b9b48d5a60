"""Whole-file readers (HTML and scraped text) and the file-level drops."""

from __future__ import annotations

import gzip
import random
import time
from pathlib import Path

from newsloom.ingest import read_inputs
from newsloom.options import Options
from newsloom.record import Document, Dropped
from tests.ingest.conftest import article_html

SEED_STYLE_TEXT = (
    "date 2024-11-02 The Brindlemoor council voted to close the ferry pier.\n"
    "Brindlemoor closes ferry pier\n"
    "Image: WIREPIX/Tamsin Orrell\n"
    "The Brindlemoor council voted to close the ferry pier.\n"
    "Reuters\n"
)


def _only(paths: list[str], options: Options | None = None) -> Document | Dropped:
    items = list(read_inputs(paths, options) if options else read_inputs(paths))
    assert len(items) == 1
    item = items[0]
    assert isinstance(item, Document | Dropped)
    return item


def test_html_file_becomes_decoded_html_document(tmp_path: Path) -> None:
    path = tmp_path / "pier.html"
    path.write_text(article_html(), encoding="utf-8")
    item = _only([str(path)])
    assert isinstance(item, Document)
    assert item.kind == "html"
    assert isinstance(item.data, str) and "Brindlemoor" in item.data
    assert item.provenance.input == str(path)
    assert item.provenance.reader == "html"
    assert item.provenance.locator == ""


def test_text_file_in_seed_format_is_a_text_document(tmp_path: Path) -> None:
    path = tmp_path / "pier.txt"
    path.write_text(SEED_STYLE_TEXT, encoding="utf-8")
    item = _only([str(path)])
    assert isinstance(item, Document)
    assert item.kind == "text"
    assert item.data == SEED_STYLE_TEXT


def test_broken_truncated_html_still_yields_a_document(tmp_path: Path) -> None:
    path = tmp_path / "broken.html"
    path.write_text(article_html()[:180], encoding="utf-8")
    item = _only([str(path)])
    assert isinstance(item, Document) and item.kind == "html"


def test_random_bytes_named_html_are_binary(tmp_path: Path) -> None:
    path = tmp_path / "junk.html"
    path.write_bytes(random.Random(7).randbytes(4096))
    item = _only([str(path)])
    assert isinstance(item, Dropped) and item.reason == "binary"


def test_png_named_html_is_binary(tmp_path: Path) -> None:
    path = tmp_path / "photo.html"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"IHDR" + bytes(200))
    assert _only([str(path)]).reason == "binary"  # type: ignore[union-attr]


def test_empty_and_whitespace_files_are_empty(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(b"")
    (tmp_path / "b.txt").write_bytes(b" \n\t\n")
    items = list(read_inputs([str(tmp_path / "a.html"), str(tmp_path / "b.txt")]))
    assert [item.reason for item in items if isinstance(item, Dropped)] == ["empty", "empty"]


def test_50_megabyte_page_is_dropped_from_its_size_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    with open(path, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: no data written
    started = time.perf_counter()
    item = _only([str(path)])
    assert isinstance(item, Dropped) and item.reason == "too_large"
    assert time.perf_counter() - started < 1.0


def test_gzip_that_inflates_over_the_limit_is_too_large(tmp_path: Path) -> None:
    path = tmp_path / "bomb.html.gz"
    path.write_bytes(gzip.compress(b"<html><body>" + b"<p>pier</p>" * 5000))
    item = _only([str(path)], Options(max_document_bytes=10_000))
    assert isinstance(item, Dropped) and item.reason == "too_large"


def test_html_gz_is_read_through(tmp_path: Path) -> None:
    path = tmp_path / "pier.html.gz"
    path.write_bytes(gzip.compress(article_html().encode("utf-8")))
    item = _only([str(path)])
    assert isinstance(item, Document) and "Caddow Island" in str(item.data)


def test_truncated_gzip_page_is_truncated(tmp_path: Path) -> None:
    data = gzip.compress(article_html().encode("utf-8") * 20)
    path = tmp_path / "cut.html.gz"
    path.write_bytes(data[: len(data) // 2])
    item = _only([str(path)])
    assert isinstance(item, Dropped) and item.reason == "truncated"


def test_corrupt_gzip_is_unreadable_not_an_exception(tmp_path: Path) -> None:
    path = tmp_path / "bad.html.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00" + b"\xff" * 64)
    item = _only([str(path)])
    assert isinstance(item, Dropped) and item.reason in {"unreadable", "truncated"}


def test_cp1251_page_is_decoded(tmp_path: Path) -> None:
    page = article_html(title="Суд у Житнівці відхилив позов", charset="windows-1251")
    path = tmp_path / "uk.html"
    path.write_bytes(page.encode("cp1251"))
    item = _only([str(path)])
    assert isinstance(item, Document)
    assert item.encoding == "cp1251"
    assert "Житнівці" in str(item.data)


def test_empty_gzip_is_empty_and_leading_whitespace_is_not(tmp_path: Path) -> None:
    (tmp_path / "a.html.gz").write_bytes(gzip.compress(b""))
    (tmp_path / "b.html").write_text(" " * 20_000 + article_html(), encoding="utf-8")
    items = list(read_inputs([str(tmp_path / "a.html.gz"), str(tmp_path / "b.html")]))
    assert isinstance(items[0], Dropped) and items[0].reason == "empty"
    assert isinstance(items[1], Document) and items[1].kind == "html"
