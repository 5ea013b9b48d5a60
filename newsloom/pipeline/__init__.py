"""The ingest pipeline: readers -> extraction -> article stages -> store, with counts.

Reading inputs and writing the store happen here; extraction and the stages run in
batches on an `Executor` (in this process by default; see `executor.py`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from newsloom.ingest import read_inputs
from newsloom.options import DEFAULT_OPTIONS, Options
from newsloom.pipeline.executor import Executor, InProcessExecutor, PoolExecutor
from newsloom.pipeline.process import Failed, Item, Processed
from newsloom.pipeline.stages import ArticleStage, check_stage_order, default_stages
from newsloom.record import Article, Dropped, PendingFetch, RunCounts
from newsloom.store import Store, open_store

__all__ = [
    "ArticleStage",
    "Executor",
    "InProcessExecutor",
    "Pipeline",
    "PoolExecutor",
    "RunResult",
    "default_stages",
]

log = logging.getLogger(__name__)

ProgressCallback = Callable[[RunCounts], None]
BATCH_SIZE = 16


class RunResult:
    def __init__(self, run_id: int, counts: RunCounts) -> None:
        self.run_id = run_id
        self.counts = counts


class Pipeline:
    """Ingest inputs into a store. `store` is a Store or a location for `open_store`;
    `stages` default to `default_stages(options)`; `executor` processes the batches
    (`InProcessExecutor` by default)."""

    def __init__(
        self,
        store: Store | str | Path = "newsloom.db",
        options: Options = DEFAULT_OPTIONS,
        stages: Sequence[ArticleStage] | None = None,
        executor: Executor | None = None,
    ) -> None:
        stages = default_stages(options) if stages is None else stages
        check_stage_order(stages)
        self.store = store if not isinstance(store, str | Path) else open_store(store)
        self.options = options
        self.stages = list(stages)
        self.executor: Executor = executor if executor is not None else InProcessExecutor()
        # Articles go through the stages in batches (spaCy parses a batch at once); each
        # is still saved in its own transaction.
        self.batch_size = BATCH_SIZE if self.stages else 1

    def ingest(
        self, paths: Iterable[str | Path], progress: ProgressCallback | None = None
    ) -> RunResult:
        inputs = [str(p) for p in paths]
        run_id = self.store.start_run(inputs)
        counts = RunCounts()
        status = "interrupted"
        try:
            batches = _batches(read_inputs(inputs, self.options), self.batch_size)
            for results in self.executor.map_batches(batches, self.options, self.stages):
                for processed in results:
                    self._record(run_id, processed, counts)
                    if progress is not None:
                        progress(counts)
            status = "finished"
        finally:
            self.store.finish_run(run_id, counts, status=status)
        return RunResult(run_id, counts)

    def _record(self, run_id: int, processed: Processed, counts: RunCounts) -> None:
        counts.read += 1
        if isinstance(processed, Article):
            outcome = self.store.save(processed)
            if outcome == "stored":
                counts.stored += 1
            elif outcome == "merged":
                counts.merged += 1
            elif outcome == "updated":
                counts.updated += 1
            else:
                counts.unchanged += 1
        elif isinstance(processed, PendingFetch):
            counts.pending += 1
            self.store.save_pending(processed)
        elif isinstance(processed, Dropped):
            log.warning(
                "dropped %s: %s %s", processed.provenance.key(), processed.reason, processed.message
            )
            counts.drop(processed.reason)
            self.store.record_drop(run_id, processed)
        elif isinstance(processed, Failed):
            log.error("failed %s: %s", processed.document.provenance.key(), processed.reason)
            counts.fail(processed.reason)
            failure = Dropped(
                processed.document.provenance, f"failed:{processed.reason}", processed.message
            )
            self.store.record_drop(run_id, failure)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Pipeline:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
