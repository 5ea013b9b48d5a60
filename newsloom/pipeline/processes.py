"""`ProcessExecutor`: batches on a pool of worker processes on this machine.

Each worker starts once per pool (`workers.start_worker`): it gets the options and
stages then, keeps them, and processes one invented page so the language model and
the extraction libraries load before its first batch; a batch then carries only its
inputs. Workers are forked from a server process that imported the pipeline once
(`forkserver`), so they start fast and never inherit the writer's threads or store;
when the run enriches with the default model, the server loads and warms that too
(`preload.py`), once for all workers, which share its memory until they write to it.

Workers end when the writer does, however it ends: a writer killed outright cannot stop
its pool, so each worker checks every second that the writer still lives.

A killed worker breaks a `concurrent.futures` process pool and loses every batch not
finished on it; this executor then starts a new pool and submits those batches again
(`ordered.py`), so the writer still gets each batch once, in input order.
"""

from __future__ import annotations

import concurrent.futures
import itertools
import logging
import multiprocessing
import os
import pickle
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType

from newsloom.options import Options
from newsloom.pipeline.ordered import POOL_LOST, BatchFuture, Loss, ordered_outcomes
from newsloom.pipeline.process import Item, Processed
from newsloom.pipeline.stages import ArticleStage
from newsloom.pipeline.workers import (
    WorkerStats,
    WorkerTally,
    run_batch,
    run_pool_batch,
    start_worker,
)

__all__ = ["ProcessExecutor", "default_workers", "preload_for", "start_fork_server"]

# Imported once by the fork server, so every worker forked from it starts with them; a
# pool that enriches with the default model also preloads that (`preload.py`). The main
# module too (Python's own default): a worker imports it unless the server did, and for
# the `newsloom` command that is the whole CLI, again in each worker.
PRELOAD = ["__main__", "newsloom.pipeline.workers"]
PRELOAD_MODEL = "newsloom.pipeline.preload"
_METHODS = multiprocessing.get_all_start_methods()
DEFAULT_START_METHOD = "forkserver" if "forkserver" in _METHODS else "spawn"


def preload_for(options: Options) -> list[str]:
    """What the fork server imports before it forks workers for a run with `options`."""
    return [*PRELOAD, PRELOAD_MODEL] if options.enrich and options.model is None else PRELOAD


def start_fork_server(preload: list[str]) -> bool:
    """Start this process's fork server now, importing `preload` (nothing when it runs
    already); False where there is no fork server (not on Linux or macOS)."""
    if "forkserver" not in _METHODS:
        return False
    from multiprocessing import forkserver

    forkserver.set_forkserver_preload(preload)
    forkserver.ensure_running()
    return True


def default_workers() -> int:
    """The CPU cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class ProcessExecutor:
    """Batches on `workers` worker processes (default: the cores), at most
    `max_in_flight` batches submitted at once (default: two per worker).

    `inline_single_batch`: a run of one batch only is processed in this process, as
    starting the pool (and a model in each worker) takes longer than the batch.
    The pool lives until `close()` (or the end of a `with` block) and is reused by
    later runs with the same options and stages.
    """

    def __init__(
        self,
        workers: int | None = None,
        *,
        max_in_flight: int | None = None,
        start_method: str = DEFAULT_START_METHOD,
        warm: bool = True,
        inline_single_batch: bool = False,
    ) -> None:
        self.workers = max(1, workers or default_workers())
        self.max_in_flight = max(1, max_in_flight or 2 * self.workers)
        self.start_method = start_method
        self.warm = warm
        self.inline_single_batch = inline_single_batch
        self.tally = WorkerTally()
        # How many times a broken pool was replaced (a worker killed, or died).
        self.restarts = 0
        self._pool: concurrent.futures.ProcessPoolExecutor | None = None
        self._setup: tuple[Options, bytes, int, bool, int] | None = None

    def map_batches(
        self,
        batches: Iterable[Sequence[Item]],
        options: Options,
        stages: Sequence[ArticleStage],
    ) -> Iterator[list[Processed]]:
        self.tally = WorkerTally()  # this run's share of each worker
        stage_list = list(stages)
        source: Iterator[Sequence[Item]] = iter(batches)
        if self.inline_single_batch:
            first = next(source, None)
            if first is None:
                return
            second = next(source, None)
            if second is None:
                outcome = run_batch(first, options, stage_list)
                self.tally.add(outcome)
                yield outcome.results
                return
            source = itertools.chain([first, second], source)
        self._start(options, stage_list)
        yield from ordered_outcomes(_ProcessBackend(self), source, self.max_in_flight, self.tally)

    def worker_stats(self) -> dict[str, WorkerStats]:
        return self.tally.snapshot()

    def _start(self, options: Options, stages: list[ArticleStage]) -> None:
        level = logging.getLogger().getEffectiveLevel()
        setup = (options, pickle.dumps(stages), level, self.warm, os.getpid())
        if self._pool is not None and self._setup == setup:
            return
        self.close()
        self._setup = setup
        self._pool = self._new_pool()

    def _new_pool(self) -> concurrent.futures.ProcessPoolExecutor:
        assert self._setup is not None
        context = multiprocessing.get_context(self.start_method)
        if self.start_method == "forkserver":
            # Takes effect when this process starts its fork server, at its first pool.
            context.set_forkserver_preload(preload_for(self._setup[0]))
        return concurrent.futures.ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=context,
            initializer=start_worker,
            initargs=self._setup,
        )

    def _restart(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        self.restarts += 1
        self._pool = self._new_pool()

    def close(self) -> None:
        """Stop the worker processes (waiting for the batches they run)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> ProcessExecutor:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class _ProcessBackend:
    def __init__(self, executor: ProcessExecutor) -> None:
        self.executor = executor

    def submit(self, batch: list[Item]) -> BatchFuture:
        pool = self.executor._pool
        assert pool is not None
        try:
            return pool.submit(run_pool_batch, batch)
        except BrokenProcessPool as error:  # it broke before the head batch said so
            future: concurrent.futures.Future[object] = concurrent.futures.Future()
            future.set_exception(error)
            return future

    def loss(self, error: BaseException) -> Loss | None:
        return POOL_LOST if isinstance(error, BrokenProcessPool) else None

    def restart(self) -> None:
        self.executor._restart()
