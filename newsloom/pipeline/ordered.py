"""Batches on workers that may die: results in input order, lost work done again.

`ordered_outcomes` keeps at most `max_in_flight` batches submitted (so memory stays
bounded however long the input), hands the outcomes on in input order, and never
hands on one batch twice, so the writer stores each input once. A backend says what
a failure means:

- `POOL_LOST`: the whole pool went (a process pool whose worker was killed breaks, and
  every batch not finished on it is lost). The backend restarts the pool and every
  lost batch is submitted again, in order.
- `TASK_LOST`: one batch went, after the cluster's own retries (Dask reruns a task whose
  worker died up to `allowed_failures` times, then raises `KilledWorker`).

A batch lost `max_attempts` times (or once, as a task) may hold an input that kills
every worker it reaches, so its inputs are then run one at a time, alone: an input
whose worker dies `ITEM_ATTEMPTS` times is a `Failed` input (`WORKER_LOST`), and the
others go through. Losses in a row without any batch or input getting through are
capped (`MAX_LOSSES_WITHOUT_PROGRESS`): workers that cannot live at all (killed for
memory as soon as they start) end the run with `WorkersKeepDying` instead of failing
every input after restarting a pool twice for each.
Any other error of a batch is raised: it is a bug, not a lost worker.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from newsloom.pipeline.process import Failed, Item, Processed
from newsloom.pipeline.workers import BatchOutcome, WorkerTally
from newsloom.record import Document

Loss = Literal["pool", "task"]
POOL_LOST: Loss = "pool"
TASK_LOST: Loss = "task"

# How many pool losses a batch may be caught in before its inputs run one at a time.
MAX_ATTEMPTS = 3
# How many times an input running alone may lose its worker before it is failed.
ITEM_ATTEMPTS = 2
# Losses in a row with nothing getting through: a deadly batch's own losses, then up to
# eight deadly inputs in a row, each given up after ITEM_ATTEMPTS losses.
MAX_LOSSES_WITHOUT_PROGRESS = MAX_ATTEMPTS + 8 * ITEM_ATTEMPTS + 1
WORKER_LOST = "WorkerLost"


class WorkersKeepDying(RuntimeError):
    """Worker processes died again and again with no input getting through."""


class BatchFuture(Protocol):
    def result(self, timeout: float | None = None) -> Any: ...

    def done(self) -> bool: ...

    def cancel(self) -> bool: ...


class Backend(Protocol):
    def submit(self, batch: list[Item]) -> BatchFuture:
        """Start a batch; its future's result is a `BatchOutcome`."""
        ...

    def loss(self, error: BaseException) -> Loss | None:
        """What a batch's error means: a lost pool, a lost task, or None (a real error)."""
        ...

    def restart(self) -> None:
        """A new pool after a `POOL_LOST` (nothing for a cluster that heals itself)."""
        ...


@dataclass(slots=True)
class _Task:
    batch: list[Item]
    future: BatchFuture | None
    attempts: int = 0


def _finished(future: BatchFuture | None) -> bool:
    """Whether a future holds a result (not an error) already."""
    if future is None or not future.done():
        return False
    try:
        future.result(timeout=0)
    except BaseException:
        return False
    return True


class _Losses:
    """Counts pool losses since anything last finished."""

    def __init__(self) -> None:
        self.in_a_row = 0

    def lost(self, error: BaseException) -> None:
        self.in_a_row += 1
        if self.in_a_row > MAX_LOSSES_WITHOUT_PROGRESS:
            raise WorkersKeepDying(
                f"worker processes died {self.in_a_row} times in a row with no input"
                f" getting through (last: {type(error).__name__}: {error})"
            ) from error

    def progressed(self) -> None:
        self.in_a_row = 0


def ordered_outcomes(
    backend: Backend,
    batches: Iterable[Sequence[Item]],
    max_in_flight: int,
    tally: WorkerTally,
    max_attempts: int = MAX_ATTEMPTS,
) -> Iterator[list[Processed]]:
    """Each batch's results, in input order, whatever workers were lost on the way."""
    source = iter(batches)
    pending: deque[_Task] = deque()
    losses = _Losses()

    def fill() -> None:
        while len(pending) < max_in_flight:
            batch = next(source, None)
            if batch is None:
                return
            items = list(batch)
            pending.append(_Task(items, backend.submit(items)))

    try:
        fill()
        while pending:
            head = pending[0]
            assert head.future is not None
            try:
                outcome: BatchOutcome = head.future.result()
            except BaseException as error:
                kind = backend.loss(error)
                if kind is None:
                    raise
                losses.lost(error)
                results = _recover(backend, pending, kind, max_attempts, tally, losses)
                if results is None:
                    continue  # every lost batch is running again
            else:
                losses.progressed()
                tally.add(outcome)
                results = outcome.results
            pending.popleft()
            yield results
            fill()
    finally:
        for task in pending:  # the caller stopped early, or a batch raised
            if task.future is not None:
                task.future.cancel()


def _recover(
    backend: Backend,
    pending: deque[_Task],
    kind: Loss,
    max_attempts: int,
    tally: WorkerTally,
    losses: _Losses,
) -> list[Processed] | None:
    """After a loss: the head batch's results when it had to run input by input, else
    None once every lost batch is submitted again."""
    head = pending[0]
    if kind == TASK_LOST:
        head.attempts = max_attempts  # the cluster retried it already
        return _one_by_one(backend, head.batch, tally, losses)
    backend.restart()
    for task in pending:
        if not _finished(task.future):
            task.attempts += 1
            task.future = None
    results = None
    if head.future is None and head.attempts >= max_attempts:
        results = _one_by_one(backend, head.batch, tally, losses)
        head.future = _Done()  # so it is not submitted again below
    for task in pending:
        if task.future is None:
            task.future = backend.submit(task.batch)
    return results


class _Done:
    """A stand-in future for a batch whose results were made another way."""

    def result(self, timeout: float | None = None) -> Any:
        return None

    def done(self) -> bool:
        return True

    def cancel(self) -> bool:
        return False


def _one_by_one(
    backend: Backend, batch: list[Item], tally: WorkerTally, losses: _Losses
) -> list[Processed]:
    """A batch that kept losing its worker, each input alone (nothing else submitted
    meanwhile on a restarted pool), so only an input that kills its worker is failed."""
    results: list[Processed] = []
    for item in batch:
        if not isinstance(item, Document):  # a drop or pending fetch: nothing to run
            results.append(item)
            continue
        results.append(_alone(backend, item, tally, losses))
    return results


def _alone(backend: Backend, item: Document, tally: WorkerTally, losses: _Losses) -> Processed:
    for _attempt in range(ITEM_ATTEMPTS):
        try:
            outcome: BatchOutcome = backend.submit([item]).result()
        except BaseException as error:
            kind = backend.loss(error)
            if kind is None:
                raise
            losses.lost(error)
            if kind == POOL_LOST:
                backend.restart()
            continue
        losses.progressed()
        tally.add(outcome)
        return outcome.results[0]
    return Failed(
        item,
        WORKER_LOST,
        f"the worker process died each time it processed this input ({ITEM_ATTEMPTS} tries)",
    )
