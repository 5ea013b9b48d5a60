"""JSONL reader: one document per line, bad lines dropped with their number."""

from __future__ import annotations

import io
import json
from pathlib import Path

from newsloom.ingest import read_inputs
from newsloom.ingest.jsonl import read_jsonl
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
