"""Odd file-system shapes through the pipeline: very deep folders, named pipes."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from tests.robustness import hostile as h
from tests.robustness.harness import assert_drops_match_counts, assert_good_stored, ingest

DEPTH = 1500  # deeper than Python's recursion limit


def _remove_chain(root: Path) -> None:
    """Remove a chain of folders named `d` bottom up: pytest's own clean-up of old
    temporary folders recurses and would fail on it (in every later session)."""
    os.chdir(root)
    depth = 0
    while os.path.isdir("d"):
        os.chdir("d")
        depth += 1
    for _ in range(depth):
        for name in os.listdir("."):
            os.unlink(name)
        os.chdir("..")
        os.rmdir("d")
    os.chdir(root.parent)
    root.rmdir()


def test_folder_nested_deeper_than_the_recursion_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "deep"
    root.mkdir()
    monkeypatch.chdir(root)
    try:
        for _ in range(DEPTH):  # relative steps: the absolute path outgrows one call
            os.mkdir("d")
            os.chdir("d")
        Path("good.html").write_text(h.article_html(tag="deep"), encoding="utf-8")
        os.chdir(tmp_path)
        outcome = ingest(tmp_path / "s.db", ["deep"])
    finally:
        _remove_chain(root)
    [article] = outcome.articles
    assert "deep" in article.text and article.provenance[0].input.count("/d") == DEPTH
    assert_drops_match_counts(outcome)


def test_named_pipe_given_by_name_is_read_as_a_stream(tmp_path: Path) -> None:
    """A pipe named on the command line (`<(zcat page.html.gz)`) is read, not dropped;
    one that never ends is cut at the size limit."""
    pipes = {"page.html": h.article_html(tag="piped").encode(), "endless.txt": b"y\n" * (6 << 20)}
    writers = []
    for name, data in pipes.items():
        os.mkfifo(tmp_path / name)

        def write(path: Path = tmp_path / name, data: bytes = data) -> None:
            try:
                with open(path, "wb") as pipe:
                    pipe.write(data)
            except BrokenPipeError:  # the reader stopped at the size limit
                pass

        writers.append(threading.Thread(target=write, daemon=True))
    for writer in writers:
        writer.start()
    outcome = ingest(tmp_path / "s.db", [tmp_path / "page.html", tmp_path / "endless.txt"])
    for writer in writers:
        writer.join(timeout=10)
    assert_good_stored(outcome, tmp_path / "page.html", tag="piped")
    assert [d.reason for d in outcome.drops_for(tmp_path / "endless.txt")] == ["too_large"]
    assert_drops_match_counts(outcome)


def test_named_pipe_nobody_writes_to_is_dropped_not_waited_on_forever(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A FIFO named on the command line with no writer blocked the run forever (in a
    folder it was skipped); after a bounded wait it is `unreadable` and the run goes on."""
    import newsloom.ingest as ingest_package

    monkeypatch.setattr(ingest_package, "PIPE_WAIT_SECONDS", 0.2)
    os.mkfifo(tmp_path / "silent.html")
    good = h.write(tmp_path / "in", "good.html", h.article_html(tag="good").encode())
    outcome = ingest(tmp_path / "s.db", [tmp_path / "silent.html", good])
    [drop] = outcome.drops_for(tmp_path / "silent.html")
    assert drop.reason == "unreadable" and "pipe" in drop.message
    assert_good_stored(outcome, good)
    assert_drops_match_counts(outcome)


def test_device_given_by_name_is_refused() -> None:
    """A character device (a terminal would wait for typing) is no input file."""
    from newsloom.ingest import read_inputs
    from newsloom.record import Dropped

    (item,) = list(read_inputs(["/dev/null"]))
    assert isinstance(item, Dropped) and item.reason == "unreadable"
    assert "not a regular file" in item.message
