"""WARC reader: responses to documents, skips and drops, truncation."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path

import pytest

from newsloom.ingest import read_inputs
from newsloom.options import Options
from newsloom.record import Document, Dropped
from tests.ingest.conftest import article_html

HTML = "text/html; charset=utf-8"
OK = "200 OK"
MakeWarc = Callable[..., Path]


def _pages(count: int) -> list[tuple[str, bytes, str, str]]:
    return [
        (f"https://bulletin.example/story-{n}", article_html(f"Story {n}").encode(), HTML, OK)
        for n in range(count)
    ]


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_html_responses_become_documents_and_requests_are_skipped(
    make_warc: MakeWarc, name: str
) -> None:
    path = make_warc(name, _pages(2))
    items = list(read_inputs([str(path)]))
    assert all(isinstance(i, Document) for i in items) and len(items) == 2
    first = items[0]
    assert isinstance(first, Document)
    assert first.url == "https://bulletin.example/story-0"
    assert first.kind == "html" and first.published is None
    assert "Story 0" in str(first.data)
    assert first.provenance.reader == "warc"
    assert first.provenance.locator.startswith("offset:")
    assert len({i.provenance.locator for i in items}) == 2


def test_charset_from_http_header_is_used(make_warc: MakeWarc) -> None:
    page = "<html><body><p>Суд у Житнівці відхилив позов компанії.</p></body></html>"
    path = make_warc(
        "uk.warc.gz",
        [("https://a.example/uk", page.encode("koi8-u"), "text/html; charset=koi8-u", OK)],
    )
    (item,) = list(read_inputs([str(path)]))
    assert isinstance(item, Document) and "Житнівці" in str(item.data)


def test_non_html_and_error_responses_are_counted(make_warc: MakeWarc) -> None:
    responses = [
        ("https://a.example/logo.png", b"\x89PNG\r\n\x1a\n", "image/png", OK),
        ("https://a.example/gone", b"<html>gone</html>", HTML, "404 Not Found"),
        ("https://a.example/moved", b"", HTML, "301 Moved Permanently"),
        *_pages(1),
    ]
    items = list(read_inputs([str(make_warc("mixed.warc.gz", responses))]))
    reasons = [i.reason if isinstance(i, Dropped) else "doc" for i in items]
    assert reasons == ["not_html", "http_status", "http_status", "doc"]


def test_record_over_the_limit_is_skipped_not_read(make_warc: MakeWarc) -> None:
    big = b"<html><body>" + b"<p>long</p>" * 2000 + b"</body></html>"
    responses = [("https://a.example/big", big, HTML, OK), *_pages(1)]
    path = make_warc("big.warc.gz", responses)
    items = list(read_inputs([str(path)], Options(max_document_bytes=5000)))
    assert isinstance(items[0], Dropped) and items[0].reason == "too_large"
    assert isinstance(items[1], Document)


def test_truncated_gzip_warc_keeps_records_before_the_break(make_warc: MakeWarc) -> None:
    path = make_warc("cut.warc.gz", _pages(3))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 300])
    items = list(read_inputs([str(path)]))
    assert [type(i) for i in items] == [Document, Document, Dropped]
    assert isinstance(items[-1], Dropped) and items[-1].reason == "truncated"


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.9, 0.99])
def test_warc_cut_anywhere_never_raises_and_ends_truncated(
    make_warc: MakeWarc, keep: float
) -> None:
    path = make_warc("cut.warc.gz", _pages(3))
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    items = list(read_inputs([str(path)]))
    assert isinstance(items[-1], Dropped) and items[-1].reason == "truncated"
    assert all(isinstance(i, Document) for i in items[:-1])


def test_truncated_uncompressed_warc(make_warc: MakeWarc) -> None:
    path = make_warc("cut.warc", _pages(2))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 200])
    items = list(read_inputs([str(path)]))
    assert [type(i) for i in items] == [Document, Dropped]


def test_warc_larger_than_the_document_limit_is_still_read(make_warc: MakeWarc) -> None:
    path = make_warc("many.warc", _pages(4))
    limit = path.stat().st_size // 2
    items = list(read_inputs([str(path)], Options(max_document_bytes=limit)))
    assert len(items) == 4 and all(isinstance(i, Document) for i in items)


def test_provenance_is_stable_between_runs(make_warc: MakeWarc) -> None:
    path = str(make_warc("crawl.warc.gz", _pages(2)))
    first = [i.provenance for i in read_inputs([path])]
    second = [i.provenance for i in read_inputs([path])]
    assert first == second


def test_warc_named_without_extension_is_sniffed(make_warc: MakeWarc, tmp_path: Path) -> None:
    path = make_warc("crawl.warc.gz", _pages(1))
    renamed = tmp_path / "download.bin"
    renamed.write_bytes(path.read_bytes())
    (item,) = list(read_inputs([str(renamed)]))
    assert isinstance(item, Document)


def test_warc_gzipped_as_a_whole_is_unreadable_not_a_crash(
    make_warc: MakeWarc, tmp_path: Path
) -> None:
    path = make_warc("crawl.warc", _pages(2))
    whole = tmp_path / "whole.warc.gz"
    whole.write_bytes(gzip.compress(path.read_bytes()))
    items = list(read_inputs([str(whole)]))
    assert isinstance(items[-1], Dropped) and items[-1].reason == "unreadable"
    assert "recompress" in items[-1].message
