"""Property: random bytes, and random mutations of a small page, feed, JSONL file or
WARC, under any name, go
through the readers and extraction without raising, and whatever comes out is text the
store can hold."""

from __future__ import annotations

import gzip
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newsloom.ingest import read_inputs
from newsloom.options import DEFAULT_OPTIONS
from newsloom.pipeline.process import Failed, process_item
from newsloom.record import Article, Document, Dropped, PendingFetch
from tests.robustness import hostile as h

hypothesis = pytest.importorskip("hypothesis")
st = pytest.importorskip("hypothesis.strategies")

SUFFIXES = ["", ".html", ".txt", ".xml", ".jsonl", ".warc", ".warc.gz", ".html.gz"]
PAGE = h.article_html(tag="prop").encode("utf-8")
FULL_ITEM = (
    "<item><title>Tide gauge</title><link>https://courier.example/t</link><description>"
    + "".join(f"&lt;p&gt;{p}&lt;/p&gt;" for p in h.GOOD_PARAGRAPHS)
    + "</description></item>"
)
# Small valid inputs of each container format, to mutate.
BASES = [
    PAGE,
    h.feed([FULL_ITEM, h.link_item(1)]).encode(),
    h.jsonl_line({"url": "https://j.example/p", "html": PAGE.decode()}) * 2,
    h.warc_file([("https://w.example/p", PAGE.decode())], gzipped=False),
]
SETTINGS = hypothesis.settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[hypothesis.HealthCheck.too_slow],
    derandomize=True,
)


def _through(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(gzip.compress(data, mtime=0) if suffix.endswith(".gz") else data)
        for item in read_inputs([str(path)]):
            assert isinstance(item, Document | PendingFetch | Dropped)
            processed = process_item(item, DEFAULT_OPTIONS)
            assert not isinstance(processed, Failed), (processed.reason, processed.message)
            if isinstance(processed, Article):
                assert "\x00" not in processed.text
                processed.text.encode("utf-8")
                (processed.title or "").encode("utf-8")


@st.composite
def mutated_page(draw: Callable[..., Any]) -> bytes:
    page = bytearray(draw(st.sampled_from(BASES)))
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(page)))
        op = draw(st.sampled_from(["insert", "delete", "replace"]))
        chunk = draw(
            st.one_of(
                st.binary(min_size=1, max_size=16),
                st.sampled_from(
                    [b"<", b">", b"</p>", b"<div>" * 40, b"\x00", b"\xff\xfe", b"&#0;"]
                ),
                st.text(max_size=8).map(lambda t: t.encode("utf-8", "surrogatepass")),
            )
        )
        if op == "insert":
            page[at:at] = chunk
        elif op == "delete":
            del page[at : at + len(chunk)]
        else:
            page[at : at + len(chunk)] = chunk
    return bytes(page)


@SETTINGS
@hypothesis.given(data=st.binary(max_size=4096), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_never_raise(data: bytes, suffix: str) -> None:
    _through(data, suffix)


@SETTINGS
@hypothesis.given(data=mutated_page(), suffix=st.sampled_from(SUFFIXES))
def test_mutated_pages_never_raise(data: bytes, suffix: str) -> None:
    _through(data, suffix)
