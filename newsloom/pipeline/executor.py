"""Where batches are processed: the seam between `Pipeline` and the machines it runs on.

An executor maps the pure `process_batch` over a stream of batches and yields each
batch's results in input order; `Pipeline` reads the inputs and writes the store
around it, so only picklable batches, options and stages ever cross to a worker.
`InProcessExecutor` runs them here, one after another. `PoolExecutor` hands them to
any `concurrent.futures.Executor`: a thread or process pool, or a Dask client's
`client.get_executor()`.
"""

from __future__ import annotations

import concurrent.futures
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol

from newsloom.options import Options
from newsloom.pipeline.process import Item, Processed, process_batch
from newsloom.pipeline.stages import ArticleStage

__all__ = ["Executor", "InProcessExecutor", "PoolExecutor"]


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


class InProcessExecutor:
    """Each batch in this process, in turn: the default."""

    def map_batches(
        self,
        batches: Iterable[Sequence[Item]],
        options: Options,
        stages: Sequence[ArticleStage],
    ) -> Iterator[list[Processed]]:
        for batch in batches:
            yield process_batch(batch, options, stages)


class PoolExecutor:
    """Batches on a `concurrent.futures.Executor`, at most `max_in_flight` at once.

    Results come back in input order: a slow batch holds back the ones behind it,
    which keeps memory bounded by `max_in_flight` batches. The pool is the caller's
    to shut down.
    """

    def __init__(self, pool: concurrent.futures.Executor, max_in_flight: int | None = None):
        self.pool = pool
        self.max_in_flight = max(1, max_in_flight or 2 * (os.cpu_count() or 1))

    def map_batches(
        self,
        batches: Iterable[Sequence[Item]],
        options: Options,
        stages: Sequence[ArticleStage],
    ) -> Iterator[list[Processed]]:
        stage_list = list(stages)
        pending: deque[concurrent.futures.Future[list[Processed]]] = deque()
        try:
            for batch in batches:
                pending.append(self.pool.submit(process_batch, list(batch), options, stage_list))
                if len(pending) >= self.max_in_flight:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:  # the caller stopped early, or a batch raised
                future.cancel()
