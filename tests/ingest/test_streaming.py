"""Readers stream: nothing is read before it is needed, and bad input never raises."""

from __future__ import annotations

import builtins
import random
from pathlib import Path
from typing import Any

import pytest

from newsloom.ingest import read_inputs
from newsloom.ingest.reasons import ALL_REASONS
from newsloom.record import Document, Dropped
from tests.ingest.conftest import article_html, write_warc


def test_folder_is_read_lazily_a_file_created_after_the_first_item_is_seen(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.html").write_text(article_html("First"), encoding="utf-8")
    later = tmp_path / "z"
    later.mkdir()
    items = read_inputs([str(tmp_path)])
    first = next(items)
    assert isinstance(first, Document) and "First" in str(first.data)
    (later / "b.html").write_text(article_html("Second"), encoding="utf-8")
    rest = list(items)
    assert len(rest) == 1 and "Second" in str(rest[0].data)  # type: ignore[union-attr]


def test_only_one_file_is_opened_per_item(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.html").write_text(article_html(name), encoding="utf-8")
    opened: list[str] = []
    real_open = builtins.open

    def counting_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file).startswith(str(tmp_path)):
            opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", counting_open)
    items = read_inputs([str(tmp_path)])
    next(items)
    assert len(opened) == 1
    next(items)
    assert len(opened) == 2


def test_a_folder_of_junk_never_raises_and_every_drop_has_a_known_reason(tmp_path: Path) -> None:
    rng = random.Random(3)
    (tmp_path / "junk.html").write_bytes(rng.randbytes(2000))
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bad.jsonl").write_text("{oops\n", encoding="utf-8")
    (tmp_path / "bad.rss").write_text("<rss><channel><item>", encoding="utf-8")
    (tmp_path / "junk.warc.gz").write_bytes(b"\x1f\x8b" + rng.randbytes(500))
    (tmp_path / "junk.warc").write_bytes(b"WARC/1.0\r\nnonsense")
    warc = write_warc(
        tmp_path / "ok.warc.gz",
        [("https://a.example/", article_html().encode(), "text/html", "200 OK")],
    )
    warc.write_bytes(warc.read_bytes()[:-40])
    items = list(read_inputs([str(tmp_path), str(tmp_path / "missing")]))
    drops = [i for i in items if isinstance(i, Dropped)]
    assert len(drops) >= 7
    assert {d.reason for d in drops} <= ALL_REASONS


def test_every_reason_is_documented() -> None:
    import newsloom.ingest.reasons as reasons

    for reason in ALL_REASONS:
        assert f"`{reason}`" in (reasons.__doc__ or "")


def test_every_reason_and_limit_is_in_the_readme() -> None:
    from newsloom.ingest.jsonl import MAX_JSON_DEPTH
    from newsloom.ingest.warc_lines import MAX_WARC_LINE_BYTES
    from newsloom.options import Options

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Bad input") :]
    section = section[: section.index("\n#", 1)]
    for reason in ALL_REASONS:
        assert f"`{reason}`" in section, reason
    options = Options()
    assert f"{options.max_document_bytes >> 20} MB" in section
    assert f"{options.max_article_chars:,}" in section
    assert f"{MAX_JSON_DEPTH} levels" in section
    assert f"{MAX_WARC_LINE_BYTES >> 20} MiB" in section
