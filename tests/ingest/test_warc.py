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


def _summary(items: list[object]) -> list[str]:
    return [i.reason if isinstance(i, Dropped) else "doc" for i in items]  # type: ignore[union-attr]


def test_long_line_between_records_is_dropped_and_the_records_around_it_kept(
    make_warc: MakeWarc,
) -> None:
    """A line of a few megabytes where a record should start: warcio read it in time
    quadratic in its length; it is a `malformed_warc` drop and reading goes on."""
    first = make_warc("first.warc", _pages(1)).read_bytes()
    second = make_warc("second.warc", _pages(2)[1:], with_request=False).read_bytes()
    path = make_warc("long.warc", [])
    path.write_bytes(first + b"x" * (3 << 20) + b"\r\n\r\n" + second)
    items = list(read_inputs([str(path)]))
    assert _summary(items) == ["doc", "malformed_warc", "doc"]
    assert items[1].provenance.locator == items[0].provenance.locator.replace(
        "offset", "after-offset"
    )
    assert isinstance(items[2], Document) and "Story 1" in str(items[2].data)
    assert items[2].provenance.locator == f"offset:{len(first) + (3 << 20) + 4}"


def test_record_with_an_over_long_header_line_is_dropped_alone(make_warc: MakeWarc) -> None:
    long_url = "https://bulletin.example/" + "a" * (2 << 20)
    page = article_html("Story long").encode()
    responses = [*_pages(1), (long_url, page, HTML, OK), *_pages(3)[2:]]
    for name in ("header.warc", "header.warc.gz"):
        items = list(read_inputs([str(make_warc(name, responses, with_request=False))]))
        assert _summary(items) == ["doc", "malformed_warc", "doc"], name
        assert isinstance(items[2], Document) and items[2].url == "https://bulletin.example/story-2"


def test_warc_of_one_long_line_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "line.warc"
    path.write_bytes(b"x" * (3 << 20))
    (item,) = list(read_inputs([str(path)]))
    assert isinstance(item, Dropped) and item.reason == "unreadable"


def test_blank_lines_between_records_are_skipped(make_warc: MakeWarc) -> None:
    first = make_warc("first.warc", _pages(1)).read_bytes()
    second = make_warc("second.warc", _pages(2)[1:], with_request=False).read_bytes()
    path = make_warc("blank.warc", [])
    path.write_bytes(first + b"\r\n" * (2 << 20) + b" \t\n" * 1000 + second)
    items = list(read_inputs([str(path)]))
    assert _summary(items) == ["doc", "doc"]
    assert items[1].provenance.locator == f"offset:{len(first) + (4 << 20) + 3000}"


def test_text_between_records_is_one_drop(make_warc: MakeWarc) -> None:
    first = make_warc("first.warc", _pages(1)).read_bytes()
    second = make_warc("second.warc", _pages(2)[1:], with_request=False).read_bytes()
    path = make_warc("junk.warc", [])
    path.write_bytes(first + b"left over from a copy\nand more of it\n\n" + second)
    items = list(read_inputs([str(path)]))
    assert _summary(items) == ["doc", "malformed_warc", "doc"]


def test_record_header_without_a_length_mid_file_loses_only_that_record(
    make_warc: MakeWarc,
) -> None:
    first = make_warc("first.warc", _pages(1)).read_bytes()
    second = make_warc("second.warc", _pages(2)[1:], with_request=False).read_bytes()
    broken = b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://b.example/\r\n\r\n"
    path = make_warc("nolength.warc", [])
    path.write_bytes(first + broken + b"<p>no length</p>\r\n\r\n" + second)
    items = list(read_inputs([str(path)]))
    assert _summary(items) == ["doc", "malformed_warc", "doc"]
    assert isinstance(items[2], Document) and items[2].url == "https://bulletin.example/story-1"


def test_unexpected_error_in_one_record_drops_that_record_only(
    make_warc: MakeWarc, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsloom.ingest.warc as warc

    real = warc._response_item

    def failing(input_name: str, locator: str, record: object, options: Options) -> object:
        url = record.rec_headers.get_header("WARC-Target-URI")  # type: ignore[attr-defined]
        if url.endswith("story-1"):
            raise LookupError("a fault in one record")
        return real(input_name, locator, record, options)

    monkeypatch.setattr(warc, "_response_item", failing)
    for name in ("three.warc", "three.warc.gz"):
        items = list(read_inputs([str(make_warc(name, _pages(3)))]))
        assert _summary(items) == ["doc", "unreadable", "doc"], name
        assert "LookupError" in items[1].message  # type: ignore[union-attr]
