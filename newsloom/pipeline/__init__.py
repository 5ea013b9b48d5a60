"""The ingest pipeline: readers -> extraction -> article stages -> store, with counts.

Reading inputs and writing the store happen here; extraction and the stages run in
batches on an `Executor` (in this process by default; see `executor.py`).

Nothing but the end of its inputs ends a run once it has started: an input whose write
finds the store locked by another writer past the store's lock wait (`StoreBusy`) is
counted as a `store_busy` drop and the run goes on; drop rows that could not be written
then are written at the end of the run, when the lock may be free again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from newsloom.ingest import read_inputs
from newsloom.ingest.reasons import STORE_BUSY
from newsloom.options import DEFAULT_OPTIONS, Options
from newsloom.pipeline.executor import Executor, InProcessExecutor, PoolExecutor
from newsloom.pipeline.process import Failed, Item, Processed
from newsloom.pipeline.stages import ArticleStage, check_stage_order, default_stages
from newsloom.printable import printable
from newsloom.record import Article, Dropped, PendingFetch, Provenance, RunCounts
from newsloom.store import Store, StoreBusy, open_store

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
# Seconds between writes of a running run's counts to its row, so a run that is killed
# shows how far it got (it is marked `interrupted` when the store is next opened).
COUNTS_INTERVAL_SECONDS = 2.0


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
        # Drops the store was too busy to record when they happened, written at run end.
        self._unrecorded: list[tuple[int, Dropped]] = []
        self.counts_interval = COUNTS_INTERVAL_SECONDS

    def ingest(
        self, paths: Iterable[str | Path], progress: ProgressCallback | None = None
    ) -> RunResult:
        inputs = [str(p) for p in paths]
        run_id = self.store.start_run(inputs)
        counts = RunCounts()
        status = "interrupted"
        counts_written = time.monotonic()
        try:
            batches = _batches(read_inputs(inputs, self.options), self.batch_size)
            for results in self.executor.map_batches(batches, self.options, self.stages):
                for processed in results:
                    self._record(run_id, processed, counts)
                    if time.monotonic() - counts_written >= self.counts_interval:
                        self.store.record_progress(run_id, counts)
                        counts_written = time.monotonic()
                    if progress is not None:
                        progress(counts)
            status = "finished"
        finally:
            self._finish(run_id, counts, status)
        return RunResult(run_id, counts)

    def _finish(self, run_id: int, counts: RunCounts, status: str) -> None:
        """Record the drops kept back and the run's end; a store still busy only logs."""
        unrecorded, self._unrecorded = self._unrecorded, []
        try:
            for dropped_run, dropped in unrecorded:
                self.store.record_drop(dropped_run, dropped)
            self.store.finish_run(run_id, counts, status=status)
        except StoreBusy as error:
            log.error("run %d: not recorded as %s (%s)", run_id, status, error)

    def _record(self, run_id: int, processed: Processed, counts: RunCounts) -> None:
        counts.read += 1
        if isinstance(processed, Article | PendingFetch):
            try:
                self._save(processed, counts)
            except StoreBusy as error:
                provenance = (
                    processed.provenance
                    if isinstance(processed, Article)
                    else [processed.provenance]
                )
                self._store_busy(run_id, provenance, str(error), counts)
        elif isinstance(processed, Dropped):
            _log_drop(processed.provenance, processed.reason, processed.message)
            counts.drop(processed.reason)
            self._record_drop(run_id, processed)
        elif isinstance(processed, Failed):
            log.error(
                "failed %s: %s", printable(processed.document.provenance.key()), processed.reason
            )
            counts.fail(processed.reason)
            failure = Dropped(
                processed.document.provenance, f"failed:{processed.reason}", processed.message
            )
            self._record_drop(run_id, failure)

    def _store_busy(
        self, run_id: int, provenance: list[Provenance], message: str, counts: RunCounts
    ) -> None:
        """An input read but not written: a `store_busy` drop, recorded at the run's end
        (the store is locked now); a rerun writes it."""
        for item in provenance:
            _log_drop(item, STORE_BUSY, message)
            self._unrecorded.append((run_id, Dropped(item, STORE_BUSY, message)))
        counts.drop(STORE_BUSY)

    def _record_drop(self, run_id: int, dropped: Dropped) -> None:
        try:
            self.store.record_drop(run_id, dropped)
        except StoreBusy:
            self._unrecorded.append((run_id, dropped))

    def _save(self, processed: Article | PendingFetch, counts: RunCounts) -> None:
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
        else:
            self.store.save_pending(processed)
            counts.pending += 1

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Pipeline:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _log_drop(provenance: Provenance, reason: str, message: str) -> None:
    """One log line per dropped input; its name and message escaped (`printable`)."""
    log.warning("dropped %s: %s %s", printable(provenance.key()), reason, printable(message))


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
