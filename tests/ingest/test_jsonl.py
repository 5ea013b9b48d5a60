"""JSONL reader: one document per line, bad lines dropped with their number."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from newsloom.ingest import read_inputs
from newsloom.ingest.jsonl import MAX_JSON_DEPTH, read_jsonl
from newsloom.options import Options
from newsloom.record import Document, Dropped


def _line(**fields: object) -> str:
    return json.dumps(fields)


def test_lines_become_documents_and_bad_lines_are_dropped(tmp_path: Path) -> None:
    lines = [
        _line(
            url="https://a.example/1",
            html="<p>Pier closes</p>",
            title="Pier",
            published="2024-11-07",
        ),
        "{not json",
        "",
        _line(url="https://a.example/2", text="The ferry keeps running."),
        _line(title="no url or body"),
        "[1, 2]",
    ]
    path = tmp_path / "items.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_inputs([str(path)]))
    summary = [
        (i.provenance.locator, i.kind if isinstance(i, Document) else i.reason)  # type: ignore[union-attr]
        for i in items
    ]
    assert summary == [
        ("line:1", "html"),
        ("line:2", "malformed_json"),
        ("line:4", "text"),
        ("line:5", "missing_fields"),
        ("line:6", "malformed_json"),
    ]
    first = items[0]
    assert isinstance(first, Document)
    assert first.url == "https://a.example/1" and first.title == "Pier"
    assert first.published == "2024-11-07"


def test_line_over_the_limit_is_skipped_and_reading_goes_on() -> None:
    big = _line(url="https://a.example/big", text="x" * 5000)
    small = _line(url="https://a.example/small", text="The pier closed.")
    stream = io.BytesIO(f"{big}\n{small}\n".encode())
    items = list(read_jsonl("mem.jsonl", stream, Options(max_document_bytes=1000)))
    assert isinstance(items[0], Dropped) and items[0].reason == "too_large"
    assert isinstance(items[1], Document) and items[1].provenance.locator == "line:2"


def test_jsonl_reads_one_line_at_a_time() -> None:
    class CountingStream(io.BytesIO):
        lines_read = 0

        def readline(self, size: int | None = -1) -> bytes:
            CountingStream.lines_read += 1
            return super().readline(size)

    body = "".join(_line(url=f"https://a.example/{n}", text="Pier.") + "\n" for n in range(50))
    stream = CountingStream(body.encode())
    items = read_jsonl("mem.jsonl", stream, Options())
    next(items)
    assert CountingStream.lines_read == 1


def _after_bad(bad: str) -> list[tuple[str, str]]:
    good = _line(url="https://a.example/after", text="The ferry keeps running.")
    stream = io.BytesIO(f"{good}\n{bad}\n{good}\n".encode())
    return [
        (i.provenance.locator, i.kind if isinstance(i, Document) else i.reason)
        for i in read_jsonl("mem.jsonl", stream, Options())
    ]


def test_line_nested_far_too_deep_is_one_drop() -> None:
    """200,000 levels raised RecursionError out of the reader: the file was lost."""
    deep = '{"url": "https://a.example/deep", "text": "x", "extra": ' + "[" * 200_000
    deep += "]" * 200_000 + "}"
    assert _after_bad(deep) == [
        ("line:1", "text"),
        ("line:2", "malformed_json"),
        ("line:3", "text"),
    ]


def test_nesting_over_the_limit_is_malformed_and_at_the_limit_is_read() -> None:
    def nested(levels: int) -> str:
        # the record object itself is the first level
        inner = "[" * (levels - 1) + "]" * (levels - 1)
        return '{"url": "https://a.example/n", "text": "Pier.", "extra": ' + inner + "}"

    assert _after_bad(nested(MAX_JSON_DEPTH))[1] == ("line:2", "text")
    assert _after_bad(nested(MAX_JSON_DEPTH + 1))[1] == ("line:2", "malformed_json")
    deep_object = '{"url": "https://a.example/n", "text": "Pier.", "x": ' + '{"a": ' * 150
    assert _after_bad(deep_object + "1" + "}" * 151)[1] == ("line:2", "malformed_json")


def test_unexpected_error_in_one_line_drops_that_line_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import newsloom.ingest.jsonl as jsonl

    real = jsonl._document

    def failing(input_name: str, locator: str, record: dict[str, object]) -> object:
        if record.get("url") == "https://a.example/bad":
            raise KeyError("boom")
        return real(input_name, locator, record)

    monkeypatch.setattr(jsonl, "_document", failing)
    bad = _line(url="https://a.example/bad", text="x")
    assert _after_bad(bad) == [("line:1", "text"), ("line:2", "unreadable"), ("line:3", "text")]
