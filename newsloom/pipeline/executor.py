"""Where batches are processed: the seam between `Pipeline` and the machines it runs on.

An executor maps the pure `process_batch` over a stream of batches and yields each
batch's results in input order; `Pipeline` reads the inputs and writes the store
around it, so only picklable batches, options and stages ever cross to a worker.

- `InProcessExecutor` runs them here, one after another (the default).
- `ProcessExecutor` (`processes.py`) runs them on a pool of worker processes on this
  machine, each loading the models once, and does again the batches of a worker that
  was killed.
- `DaskExecutor` (`cluster.py`) runs them on a Dask distributed cluster, which reruns
  the tasks of a worker it lost.
- `PoolExecutor` hands them to any `concurrent.futures.Executor` the caller owns: a
  thread or process pool, or a Dask client's `client.get_executor()`.

Each keeps per-worker counts (`worker_stats()`): which worker processed how many
inputs, and its peak memory.
"""

from __future__ import annotations

import concurrent.futures
import os
from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol, runtime_checkable

from newsloom.options import Options
from newsloom.pipeline.ordered import TASK_LOST, Backend, BatchFuture, Loss, ordered_outcomes
from newsloom.pipeline.process import Item, Processed
from newsloom.pipeline.stages import ArticleStage
from newsloom.pipeline.workers import WorkerStats, WorkerTally, run_batch

__all__ = ["BackendExecutor", "Executor", "InProcessExecutor", "PoolExecutor", "ReportsWorkers"]


class Executor(Protocol):
    def map_batches(
        self,
        batches: Iterable[Sequence[Item]],
        options: Options,
        stages: Sequence[ArticleStage],
    ) -> Iterator[list[Processed]]:
        """`process_batch(batch, options, stages)` for each batch, yielded in input order.

        `batches` is read lazily (it may be a stream of any length); the caller may stop
        early, and an implementation should then drop the work still pending.
        """
        ...


@runtime_checkable
class ReportsWorkers(Protocol):
    def worker_stats(self) -> dict[str, WorkerStats]:
        """Inputs and batches each worker processed in the latest run (so far, while it
        runs), and its peak memory."""
        ...


class InProcessExecutor:
    """Each batch in this process, in turn: the default."""

    def __init__(self) -> None:
        self.tally = WorkerTally()

    def map_batches(
        self,
        batches: Iterable[Sequence[Item]],
        options: Options,
        stages: Sequence[ArticleStage],
    ) -> Iterator[list[Processed]]:
        self.tally = WorkerTally()  # this run's share of each worker
        for batch in batches:
            outcome = run_batch(batch, options, stages)
            self.tally.add(outcome)
            yield outcome.results

    def worker_stats(self) -> dict[str, WorkerStats]:
        return self.tally.snapshot()


class BackendExecutor:
    """Batches on a `Backend` (ordered.py), at most `max_in_flight` at once, results in
    input order; a subclass says which backend (`backend`)."""

    def __init__(self, max_in_flight: int) -> None:
        self.max_in_flight = max(1, max_in_flight)
        self.tally = WorkerTally()

    def backend(self, options: Options, stages: list[ArticleStage]) -> Backend:
        raise NotImplementedError

    def map_batches(
        self,
        batches: Iterable[Sequence[Item]],
        options: Options,
        stages: Sequence[ArticleStage],
    ) -> Iterator[list[Processed]]:
        self.tally = WorkerTally()  # this run's share of each worker
        backend = self.backend(options, list(stages))
        yield from ordered_outcomes(backend, batches, self.max_in_flight, self.tally)

    def worker_stats(self) -> dict[str, WorkerStats]:
        return self.tally.snapshot()


class PoolExecutor(BackendExecutor):
    """Batches on a `concurrent.futures.Executor`, at most `max_in_flight` at once.

    Results come back in input order: a slow batch holds back the ones behind it,
    which keeps memory bounded by `max_in_flight` batches. The pool is the caller's
    to shut down, and is not restarted if it breaks; a batch whose Dask worker was
    lost past the cluster's retries (`KilledWorker`) runs again input by input.
    """

    def __init__(self, pool: concurrent.futures.Executor, max_in_flight: int | None = None):
        super().__init__(max_in_flight or 2 * (os.cpu_count() or 1))
        self.pool = pool

    def backend(self, options: Options, stages: list[ArticleStage]) -> Backend:
        return _PoolBackend(self.pool, options, stages)


class _PoolBackend:
    def __init__(
        self, pool: concurrent.futures.Executor, options: Options, stages: list[ArticleStage]
    ) -> None:
        self.pool, self.options, self.stages = pool, options, stages

    def submit(self, batch: list[Item]) -> BatchFuture:
        return self.pool.submit(run_batch, batch, self.options, self.stages)

    def loss(self, error: BaseException) -> Loss | None:
        # Dask's error for a task whose workers kept dying (no import of distributed here).
        return TASK_LOST if type(error).__name__ == "KilledWorker" else None

    def restart(self) -> None:
        pass
