"""The bundled sample corpus reads cleanly and holds what samples/README.md says."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

from newsloom.ingest import read_inputs
from newsloom.record import Document, Dropped, PendingFetch
from tests.conftest import SAMPLES


def _items() -> list[object]:
    return list(read_inputs([str(SAMPLES)]))


def test_samples_folder_yields_documents_and_one_pending_fetch() -> None:
    items = _items()
    assert not [i for i in items if isinstance(i, Dropped)]
    readers = Counter(i.provenance.reader for i in items if isinstance(i, Document))
    assert readers == {"html": 6, "text": 3, "feed": 3, "warc": 2, "jsonl": 7}
    assert sum(isinstance(i, PendingFetch) for i in items) == 1


def test_samples_cover_at_least_twelve_articles() -> None:
    titles = set()
    for item in _items():
        if isinstance(item, Document):
            titles.add(item.title or str(item.data)[:80])
    assert len(titles) >= 12


def test_cp1251_sample_decodes() -> None:
    (item,) = list(read_inputs([str(SAMPLES / "html" / "verbohrad-bridge-cp1251.html")]))
    assert isinstance(item, Document) and item.encoding == "cp1251"
    assert "Вербоград" in str(item.data)


def test_syndicated_pair_carries_the_same_paragraphs() -> None:
    html, text = (
        next(read_inputs([str(SAMPLES / kind / f"marrowport-port-strike.{ext}")]))
        for kind, ext in (("html", "html"), ("text", "txt"))
    )
    assert isinstance(html, Document) and isinstance(text, Document)
    last_paragraph = "could delay spring deliveries to inland retailers"
    assert last_paragraph in str(html.data) and last_paragraph in str(text.data)


def test_warc_script_is_reproducible() -> None:
    script = SAMPLES / "make_warc.py"
    spec = importlib.util.spec_from_file_location("make_warc", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_warc"] = module  # dataclasses look their module up
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules["make_warc"]
    assert module.build() == Path(module.OUTPUT).read_bytes()
