"""Executors: batches processed in input order, in this process or on a pool."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import ClassVar

from newsloom.options import Options
from newsloom.pipeline import Executor, InProcessExecutor, Pipeline, PoolExecutor
from newsloom.pipeline.process import Item, Processed
from newsloom.pipeline.stages import ArticleStage
from newsloom.record import Article, Document, Provenance
from tests.pipeline.corpus import article_html, write_corpus
from tests.pipeline.test_pipeline import store_contents


def _document(index: int) -> Document:
    return Document(article_html(index), "html", Provenance(f"doc{index}", "test"))


def _batches(count: int, size: int) -> list[list[Item]]:
    items: list[Item] = [_document(i) for i in range(count)]
    return [items[i : i + size] for i in range(0, count, size)]


def _inputs(results: Iterable[list[Processed]]) -> list[str]:
    names = []
    for batch in results:
        for processed in batch:
            assert isinstance(processed, Article)
            names.append(processed.provenance[0].input)
    return names


class _SlowOnEarlyDays:
    """Earlier articles take longer, so a pool finishes the batches out of order."""

    name: ClassVar[str] = "slow"
    requires: ClassVar[frozenset[str]] = frozenset({"text"})
    assigns: ClassVar[frozenset[str]] = frozenset()

    def __call__(self, article: Article) -> Article:
        day = int(article.provenance[0].input.removeprefix("doc"))
        time.sleep(0.02 * (8 - day))
        return article


def test_in_process_executor_gives_each_batch_in_input_order() -> None:
    results = InProcessExecutor().map_batches(_batches(5, 2), Options(), [])
    assert _inputs(results) == [f"doc{i}" for i in range(5)]


def test_pool_executor_gives_results_in_input_order_when_batches_finish_out_of_order() -> None:
    with ThreadPoolExecutor(max_workers=4) as pool:
        executor = PoolExecutor(pool, max_in_flight=4)
        results = executor.map_batches(_batches(8, 1), Options(), [_SlowOnEarlyDays()])
        assert _inputs(results) == [f"doc{i}" for i in range(8)]


def test_pool_executor_keeps_at_most_max_in_flight_batches_submitted() -> None:
    pulled = 0
    lock = threading.Lock()

    def batches() -> Iterator[list[Item]]:
        nonlocal pulled
        for batch in _batches(10, 1):
            with lock:
                pulled += 1
            yield batch

    with ThreadPoolExecutor(max_workers=2) as pool:
        consumed = 0
        for _ in PoolExecutor(pool, max_in_flight=3).map_batches(batches(), Options(), []):
            consumed += 1
            assert pulled - consumed <= 2  # the one just yielded plus two still in flight
        assert consumed == 10


def test_stopping_early_cancels_the_batches_not_started() -> None:
    with ThreadPoolExecutor(max_workers=1) as pool:
        results = PoolExecutor(pool, max_in_flight=4).map_batches(
            _batches(8, 1), Options(), [_SlowOnEarlyDays()]
        )
        first = next(results)
        results.close()
    assert _inputs([first]) == ["doc0"]


class _RecordingExecutor:
    """Runs in process and counts the batches it was given."""

    def __init__(self) -> None:
        self.batches = 0

    def map_batches(
        self,
        batches: Iterable[Sequence[Item]],
        options: Options,
        stages: Sequence[ArticleStage],
    ) -> Iterator[list[Processed]]:
        for results in InProcessExecutor().map_batches(batches, options, stages):
            self.batches += 1
            yield results


def test_pipeline_uses_the_executor_it_is_given_and_stores_the_same(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 4)
    (corpus / "empty.html").write_bytes(b"")
    with Pipeline(tmp_path / "default.db") as pipeline:
        expected = pipeline.ingest([corpus]).counts
    recording = _RecordingExecutor()
    executor: Executor = recording
    with Pipeline(tmp_path / "custom.db", executor=executor) as pipeline:
        counts = pipeline.ingest([corpus]).counts
    assert recording.batches == 5  # no stages: one input per batch
    with (
        ThreadPoolExecutor(max_workers=2) as pool,
        Pipeline(tmp_path / "pool.db", executor=PoolExecutor(pool)) as pipeline,
    ):
        pooled = pipeline.ingest([corpus]).counts
    assert counts.to_dict() == pooled.to_dict() == expected.to_dict()
    reference = store_contents(tmp_path / "default.db")
    assert store_contents(tmp_path / "custom.db") == reference
    assert store_contents(tmp_path / "pool.db") == reference
