"""Gzip bombs: ~200 KB on disk, 200 MB inflated. Dropped as too_large, quickly, without
inflating them into memory; the good article beside them is stored."""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.robustness import hostile as h
from tests.robustness.harness import (
    assert_drops_match_counts,
    assert_good_stored,
    ingest,
    write_good,
)

BOMB_MEGABYTES = 200
# The other formats' readers share the bounded read; a smaller bomb (still 4x the
# limit) keeps the suite fast.
SMALL_BOMB_MEGABYTES = 40
MAX_SECONDS = 5.0
MAX_PEAK_BYTES = 80 * 1024 * 1024


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("bomb.html.gz", lambda: h.html_bomb(BOMB_MEGABYTES)),
        ("bomb.txt.gz", lambda: h.gzip_member(b"Headline\n\n", b"\n", SMALL_BOMB_MEGABYTES)),
        ("bomb.xml.gz", lambda: h.gzip_member(b"<rss><channel>", b" ", SMALL_BOMB_MEGABYTES)),
        ("bomb.warc.gz", lambda: h.warc_bomb(BOMB_MEGABYTES)),
        ("liar.warc.gz", lambda: h.warc_bomb_lying(BOMB_MEGABYTES)),
        (
            "bomb.jsonl.gz",
            lambda: h.gzip_member(
                b'{"url": "https://b.example/", "text": "', b"a", SMALL_BOMB_MEGABYTES
            ),
        ),
    ],
)
def test_gzip_bomb_is_too_large_fast_and_small(
    name: str, make: Callable[[], bytes], tmp_path: Path
) -> None:
    data = make()
    assert len(data) < 1024 * 1024
    bomb = h.write(tmp_path / "in", name, data)
    good = write_good(tmp_path / "in")
    ingest(tmp_path / "warm.db", [good])  # load extraction models outside the measurement
    tracemalloc.start()
    started = time.perf_counter()
    try:
        outcome = ingest(tmp_path / "s.db", [bomb, good])
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert elapsed < MAX_SECONDS
    assert peak < MAX_PEAK_BYTES, f"peak {peak >> 20} MB"
    reasons = {d.reason for d in outcome.drops_for(bomb)}
    assert "too_large" in reasons
    # the lying WARC's first record is small and read; the rest of its member is the bomb
    assert reasons <= {"too_large", "no_text", "empty"}
    assert_good_stored(outcome, good)
    assert_drops_match_counts(outcome)


def test_records_before_a_warc_bomb_are_kept(tmp_path: Path) -> None:
    pages = [(f"https://w.example/{i}", h.article_html(tag=f"before{i}")) for i in range(2)]
    data = (
        h.warc_file(pages)
        + h.warc_bomb(BOMB_MEGABYTES)
        + h.warc_file([("https://w.example/after", h.article_html(tag="after"))])
    )
    path = h.write(tmp_path, "mixed.warc.gz", data)
    outcome = ingest(tmp_path / "s.db", [path])
    stored = sorted(a.url or "" for a in outcome.articles)
    assert stored == ["https://w.example/0", "https://w.example/1"]
    assert [d.reason for d in outcome.drops_for(path)] == ["too_large"]
    assert_drops_match_counts(outcome)
