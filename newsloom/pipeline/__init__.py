"""The ingest pipeline: readers -> extraction -> article stages -> store, with counts.

Reading inputs and writing the store happen here, in this one process; extraction and
the stages run in batches on an `Executor` (in this process by default, or on worker
processes or a Dask cluster; see `executor.py`), whose results come back in input order.

Inputs are read in shards (`shards.py`): the store records how much of each file is
written, and with `resume` a rerun skips what is (whole files, or the written start of
a large WARC or JSONL file).

Nothing but the end of its inputs ends a run once it has started: an input whose write
finds the store locked by another writer past the store's lock wait (`StoreBusy`) is
counted as a `store_busy` drop and the run goes on; drop rows that could not be written
then are written at the end of the run, when the lock may be free again.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from newsloom.ingest.reasons import STORE_BUSY
from newsloom.options import DEFAULT_OPTIONS, Options
from newsloom.pipeline.executor import (
    Executor,
    InProcessExecutor,
    PoolExecutor,
    ReportsWorkers,
)
from newsloom.pipeline.process import Failed, Item, Processed
from newsloom.pipeline.shards import (
    SHARD_ITEMS,
    Entry,
    FileEnd,
    ShardLedger,
    ShardProgress,
    ShardReader,
    Skipped,
    Tag,
    fingerprint,
)
from newsloom.pipeline.stages import ArticleStage, check_stage_order, default_stages
from newsloom.pipeline.workers import WorkerStats
from newsloom.printable import printable
from newsloom.record import Article, Dropped, PendingFetch, Provenance, RunCounts
from newsloom.store import Store, StoreBusy, open_store

__all__ = [
    "BATCH_SIZE",
    "ArticleStage",
    "Executor",
    "InProcessExecutor",
    "Pipeline",
    "PoolExecutor",
    "RunResult",
    "Skipped",
    "WorkerStats",
    "default_stages",
]

log = logging.getLogger(__name__)

ProgressCallback = Callable[[RunCounts], None]
BATCH_SIZE = 16
# Seconds between writes of a running run's counts to its row, so a run that is killed
# shows how far it got (it is marked `interrupted` when the store is next opened).
COUNTS_INTERVAL_SECONDS = 2.0


class RunResult:
    """A run's id and counts; what a resumed run skipped; each worker's share."""

    def __init__(
        self,
        run_id: int,
        counts: RunCounts,
        skipped: Skipped | None = None,
        workers: dict[str, WorkerStats] | None = None,
    ) -> None:
        self.run_id = run_id
        self.counts = counts
        self.skipped = skipped if skipped is not None else Skipped()
        self.workers = workers if workers is not None else {}


class Pipeline:
    """Ingest inputs into a store. `store` is a Store or a location for `open_store`;
    `stages` default to `default_stages(options)`; `executor` processes the batches
    (`InProcessExecutor` by default).

    `resume` skips what earlier runs recorded as written (`shards.py`); `record_shards`
    (default: as `resume`) records what this run writes, for a later resumed run. Both
    need a store with the shard ledger (`shard_state`, `record_shards`); another store
    runs everything. `batch_size` inputs go to a worker at once (default 16 with stages,
    else 1); `shard_items` records of a large file make one shard.
    """

    def __init__(
        self,
        store: Store | str | Path = "newsloom.db",
        options: Options = DEFAULT_OPTIONS,
        stages: Sequence[ArticleStage] | None = None,
        executor: Executor | None = None,
        *,
        resume: bool = False,
        record_shards: bool | None = None,
        batch_size: int | None = None,
        shard_items: int = SHARD_ITEMS,
    ) -> None:
        stages = default_stages(options) if stages is None else stages
        check_stage_order(stages)
        self.store = store if not isinstance(store, str | Path) else open_store(store)
        self.options = options
        self.stages = list(stages)
        self.executor: Executor = executor if executor is not None else InProcessExecutor()
        # Articles go through the stages in batches (spaCy parses a batch at once); each
        # is still saved in its own transaction.
        default_size = BATCH_SIZE if self.stages else 1
        self.batch_size = max(1, batch_size) if batch_size is not None else default_size
        self.ledger = self.store if isinstance(self.store, ShardLedger) else None
        self.resume = resume
        self.record_shards = resume if record_shards is None else record_shards
        self.shard_items = shard_items
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
        uses_ledger = self.resume or self.record_shards
        if self.resume and self.ledger is None:
            log.warning("this store keeps no record of shards: resuming reads everything")
        reader = ShardReader(
            self.options,
            fingerprint(self.options, self.stages),
            self.ledger if uses_ledger else None,
            self.resume,
            self.shard_items,
        )
        shards = ShardProgress(self.shard_items)
        batcher = _Batcher(reader.entries(inputs), self.batch_size)
        try:
            for results in self.executor.map_batches(batcher, self.options, self.stages):
                tags, ends = batcher.tags.popleft()
                written: list[tuple[Tag | None, bool]] = []
                for processed, tag in zip(results, tags, strict=True):
                    written.append((tag, self._record(run_id, processed, counts)))
                    if time.monotonic() - counts_written >= self.counts_interval:
                        self.store.record_progress(run_id, counts)
                        counts_written = time.monotonic()
                    if progress is not None:
                        progress(counts)
                self._record_shards(run_id, shards.rows(written, ends))
            self._record_shards(run_id, shards.rows([], batcher.trailing))
            status = "finished"
        finally:
            self._finish(run_id, counts, status)
        return RunResult(run_id, counts, reader.skipped, self.worker_stats())

    def worker_stats(self) -> dict[str, WorkerStats]:
        """Each worker's share so far (empty for an executor that does not count)."""
        if isinstance(self.executor, ReportsWorkers):
            return self.executor.worker_stats()
        return {}

    def _record_shards(self, run_id: int, rows: list[tuple[str, int, bool]]) -> None:
        """What this batch completed, for a resumed run; a busy store only loses time (a
        rerun does those inputs again and stores nothing twice)."""
        if not rows or not self.record_shards or self.ledger is None:
            return
        try:
            self.ledger.record_shards(run_id, rows)
        except StoreBusy as error:
            log.warning("run %d: shard progress not recorded (%s)", run_id, error)

    def _finish(self, run_id: int, counts: RunCounts, status: str) -> None:
        """Record the drops kept back and the run's end; a store still busy only logs."""
        unrecorded, self._unrecorded = self._unrecorded, []
        try:
            for dropped_run, dropped in unrecorded:
                self.store.record_drop(dropped_run, dropped)
            self.store.finish_run(run_id, counts, status=status)
        except StoreBusy as error:
            log.error("run %d: not recorded as %s (%s)", run_id, status, error)

    def _record(self, run_id: int, processed: Processed, counts: RunCounts) -> bool:
        """Write one result; False when the store was too busy to take it."""
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
                return False
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
        return True

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


class _Batcher:
    """Entries into batches of `size` items; for each batch handed out, its items' shard
    tags and the files that ended with it go on `tags` (the writer takes them off in the
    same order as the results come back). A full batch waits for the next item of a
    file, so a file's end travels with the batch holding its last record; files that end
    after the last batch are `trailing`."""

    def __init__(self, entries: Iterable[Entry], size: int) -> None:
        self.entries = entries
        self.size = size
        self.tags: deque[tuple[list[Tag | None], list[FileEnd]]] = deque()
        self.trailing: list[FileEnd] = []

    def __iter__(self) -> Iterator[list[Item]]:
        batch: list[Item] = []
        tags: list[Tag | None] = []
        ends: list[FileEnd] = []
        for entry in self.entries:
            if isinstance(entry, FileEnd):
                ends.append(entry)
                continue
            if len(batch) >= self.size:
                self.tags.append((tags, ends))
                yield batch
                batch, tags, ends = [], [], []
            item, tag = entry
            batch.append(item)
            tags.append(tag)
            if tag is None and len(batch) >= self.size:
                # Standard input or a pipe: no file end to wait for, and the next item
                # may be slow to come.
                self.tags.append((tags, ends))
                yield batch
                batch, tags, ends = [], [], []
        if batch:
            self.tags.append((tags, ends))
            yield batch
        else:
            self.trailing = ends
