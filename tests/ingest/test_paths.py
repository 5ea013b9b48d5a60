"""Path expansion: files, folders, globs, standard input, missing names."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

import pytest

from newsloom.ingest import read_inputs
from newsloom.ingest.paths import expand, walk_folder
from newsloom.record import Document, Dropped
from tests.ingest.conftest import article_html, write_warc


def _tree(root: Path) -> None:
    (root / "b").mkdir()
    (root / "b" / "two.html").write_text(article_html(), encoding="utf-8")
    (root / "a.txt").write_text("The pier closed on Thursday.", encoding="utf-8")
    (root / "c.html").write_text(article_html(), encoding="utf-8")
    (root / ".hidden.html").write_text(article_html(), encoding="utf-8")
    (root / ".cache").mkdir()
    (root / ".cache" / "x.html").write_text(article_html(), encoding="utf-8")
    (root / "notes.md").write_text("# notes", encoding="utf-8")
    (root / "build.py").write_text("print(1)", encoding="utf-8")


def test_folder_walk_is_recursive_sorted_and_skips_hidden_and_tooling(tmp_path: Path) -> None:
    _tree(tmp_path)
    names = [Path(p).relative_to(tmp_path).as_posix() for p in walk_folder(str(tmp_path))]
    assert names == ["a.txt", "b/two.html", "c.html"]


def test_glob_pattern_expands_recursively(tmp_path: Path) -> None:
    _tree(tmp_path)
    sources = list(expand(str(tmp_path / "**" / "*.html")))
    assert [Path(s.path).name for s in sources] == ["two.html", "c.html"]


def test_missing_path_and_empty_glob_are_not_found(tmp_path: Path) -> None:
    items = list(read_inputs([str(tmp_path / "nope.html"), str(tmp_path / "*.xyz")]))
    assert [(type(i), i.reason) for i in items if isinstance(i, Dropped)] == [
        (Dropped, "not_found"),
        (Dropped, "not_found"),
    ]


def test_run_goes_on_after_a_missing_path(tmp_path: Path) -> None:
    (tmp_path / "c.html").write_text(article_html(), encoding="utf-8")
    items = list(read_inputs([str(tmp_path / "nope.html"), str(tmp_path / "c.html")]))
    assert isinstance(items[0], Dropped) and isinstance(items[1], Document)


def test_dash_reads_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    data = article_html().encode("utf-8")
    fake = io.TextIOWrapper(io.BufferedReader(io.BytesIO(data)))
    monkeypatch.setattr(sys, "stdin", fake)
    items = list(read_inputs(["-"]))
    assert len(items) == 1 and isinstance(items[0], Document)
    assert items[0].kind == "html" and items[0].provenance.input == "-"


def test_explicitly_named_file_is_read_whatever_its_extension(tmp_path: Path) -> None:
    path = tmp_path / "page.py"
    path.write_text(article_html(), encoding="utf-8")
    assert isinstance(next(read_inputs([str(path)])), Document)


class _Pipe(io.RawIOBase):
    """A non-seekable byte source, like a shell pipe."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        chunk = self._data.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_piped_to_standard_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    path = write_warc(
        tmp_path / name, [("https://a.example/p", article_html().encode(), "text/html", "200 OK")]
    )
    fake = io.TextIOWrapper(io.BufferedReader(_Pipe(path.read_bytes())))
    monkeypatch.setattr(sys, "stdin", fake)
    items = list(read_inputs(["-"]))
    assert len(items) == 1 and isinstance(items[0], Document)
    assert items[0].url == "https://a.example/p"
