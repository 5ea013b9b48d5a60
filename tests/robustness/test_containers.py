"""Hostile feeds, JSONL and WARC files: what came before the damage is kept, each
damaged part is one counted drop, and the run goes on to the good article."""

from __future__ import annotations

import gzip
import random
import time
from pathlib import Path

from tests.robustness import hostile as h
from tests.robustness.harness import (
    assert_drops_match_counts,
    assert_good_stored,
    balanced,
    ingest,
    write_good,
)

MEGABYTE = 1 << 20


def test_feed_of_ten_thousand_links_records_pending_fetches_fast(tmp_path: Path) -> None:
    feed = h.write(tmp_path / "in", "links.rss", h.feed([h.link_item(i) for i in range(10_000)]))
    good = write_good(tmp_path / "in")
    started = time.perf_counter()
    outcome = ingest(tmp_path / "s.db", [feed, good])
    assert time.perf_counter() - started < 15.0
    assert outcome.counts.pending == 10_000
    assert outcome.drops == []
    assert_good_stored(outcome, good)
    assert balanced(outcome.counts)


def test_jsonl_line_of_twenty_megabytes_is_skipped_and_the_next_line_read(tmp_path: Path) -> None:
    huge = b'{"url": "https://j.example/huge", "text": "' + b"a" * (20 * MEGABYTE) + b'"}\n'
    after = h.jsonl_line({"url": "https://j.example/after", "html": h.article_html(tag="after")})
    path = h.write(tmp_path, "big.jsonl", huge + after)
    outcome = ingest(tmp_path / "s.db", [path])
    assert [(d.locator, d.reason) for d in outcome.drops_for(path)] == [("line:1", "too_large")]
    [article] = outcome.articles
    assert article.url == "https://j.example/after" and "after" in article.text
    assert_drops_match_counts(outcome)


def _records(count: int) -> list[bytes]:
    return [
        h.warc_record(f"https://w.example/{i}", h.article_html(tag=f"rec{i}").encode())
        for i in range(count)
    ]


def test_warc_cut_at_random_offsets_keeps_the_records_before_the_break(tmp_path: Path) -> None:
    records = _records(3)
    whole = b"".join(records)
    ends = [sum(len(r) for r in records[: i + 1]) for i in range(len(records))]
    rng = random.Random(20240611)
    cuts = sorted(rng.sample([c for c in range(1, len(whole)) if c not in ends], 10))
    folder = tmp_path / "cuts"
    paths = {cut: h.write(folder, f"cut{cut:06d}.warc.gz", whole[:cut]) for cut in cuts}
    good = write_good(tmp_path / "in")
    outcome = ingest(tmp_path / "s.db", [folder, good])
    assert outcome.counts.failed == {}
    by_url = {a.url: {p.input for p in a.provenance} for a in outcome.articles}
    for cut, path in paths.items():
        complete = [i for i, end in enumerate(ends) if end <= cut]
        for i in complete:
            assert str(path) in by_url.get(f"https://w.example/{i}", set()), (cut, i)
        drops = outcome.drops_for(path)
        assert [d.reason for d in drops] == ["truncated"], (cut, [d.to_dict() for d in drops])
        assert drops[0].locator.startswith("after-offset:")
    assert_good_stored(outcome, good)
    assert_drops_match_counts(outcome)


def _with_length(delta: int, gzipped: bool) -> bytes:
    """A WARC of four records whose second declares `delta` bytes more (or fewer)
    than it holds; gzip record by record when `gzipped`."""
    records = []
    for i in range(4):
        raw = h.warc_file([(f"https://w.example/{i}", h.article_html(tag=f"len{i}"))], False)
        if i == 1:
            before, after = raw.split(b"Content-Length: ", 1)
            number, rest = after.split(b"\r\n", 1)
            raw = b"%sContent-Length: %d\r\n%s" % (before, int(number) + delta, rest)
        records.append(gzip.compress(raw, mtime=0) if gzipped else raw)
    return b"".join(records)


def test_record_with_a_wrong_content_length_does_not_end_the_run(tmp_path: Path) -> None:
    """A Content-Length too short cuts that record's page. One too long, in a WARC
    gzipped record by record, loses that record (`truncated`) and reading goes on with
    the next member; in a plain WARC it swallows the start of the next record, which is
    lost (`malformed_warc`), and reading goes on at the next `WARC/` line."""
    cases = {
        "longer.warc": (_with_length(40, False), {0, 1, 3}, ["malformed_warc"]),
        "longer.warc.gz": (_with_length(40, True), {0, 2, 3}, ["truncated"]),
        "shorter.warc": (_with_length(-40, False), {0, 1, 2, 3}, []),
        "shorter.warc.gz": (_with_length(-40, True), {0, 1, 2, 3}, []),
    }
    paths = {name: h.write(tmp_path / "in", name, data) for name, (data, _, _) in cases.items()}
    good = write_good(tmp_path / "in")
    outcome = ingest(tmp_path / "s.db", [*paths.values(), good])
    assert outcome.counts.failed == {}
    for name, (_, kept, dropped) in cases.items():
        urls = {a.url for a in outcome.articles_from(paths[name])}
        assert urls == {f"https://w.example/{i}" for i in kept}, name
        reasons = [d.reason for d in outcome.drops_for(paths[name])]
        assert reasons == dropped, (name, reasons)
    assert_good_stored(outcome, good)
    assert_drops_match_counts(outcome)


def test_uncompressed_warc_named_gz_and_plain_warc_are_read(tmp_path: Path) -> None:
    page = h.article_html(tag="plainwarc")
    plain = h.write(
        tmp_path / "in", "plain.warc", h.warc_file([("https://w.example/p", page)], gzipped=False)
    )
    fake_gz = h.write(tmp_path / "in", "fake.warc.gz", plain.read_bytes())
    outcome = ingest(tmp_path / "s.db", [plain, fake_gz])
    [article] = outcome.articles
    assert {p.input for p in article.provenance} == {str(plain), str(fake_gz)}
    assert outcome.drops == []


def test_large_feed_that_is_not_well_formed_is_dropped_without_the_slow_parser(
    tmp_path: Path,
) -> None:
    """feedparser's lenient parser took 31 s on this 9 MB feed."""
    broken = b"<rss version='2.0'><channel>" + b"<item><title>x & y <b>" * (9 * MEGABYTE // 24)
    path = h.write(tmp_path / "in", "broken.xml", broken)
    small = h.write(tmp_path / "in", "small.xml", broken[:4000])  # small: parsed leniently
    good = write_good(tmp_path / "in")
    started = time.perf_counter()
    outcome = ingest(tmp_path / "s.db", [path, small, good])
    assert time.perf_counter() - started < 5.0
    assert [d.reason for d in outcome.drops_for(path)] == ["malformed_feed"]
    assert [d.reason for d in outcome.drops_for(small)] == ["no_link"]
    assert_good_stored(outcome, good)
    assert_drops_match_counts(outcome)
