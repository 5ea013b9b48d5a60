"""Ordered outcomes over workers that die: a fake pool whose batches die on a given
input, the way a killed process takes every unfinished batch of its pool with it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from newsloom.options import Options
from newsloom.pipeline.ordered import (
    ITEM_ATTEMPTS,
    MAX_ATTEMPTS,
    POOL_LOST,
    TASK_LOST,
    WORKER_LOST,
    Loss,
    WorkersKeepDying,
    ordered_outcomes,
)
from newsloom.pipeline.process import Failed, Item, Processed
from newsloom.pipeline.workers import BatchOutcome, WorkerTally
from newsloom.record import Document, Dropped, Provenance

OPTIONS = Options()


class PoolLost(Exception):
    pass


class TaskLost(Exception):
    pass


def _document(name: str) -> Document:
    return Document(f"<p>{name}</p>", "html", Provenance(name, "test"))


def _batches(count: int, size: int) -> list[list[Item]]:
    items: list[Item] = [_document(f"doc{i}") for i in range(count)]
    return [items[i : i + size] for i in range(0, count, size)]


class _Future:
    """Runs its batch when asked for the result, on the pool generation it was submitted
    to: a pool that died since (another batch killed it) loses it."""

    def __init__(self, backend: FakePool, batch: list[Item]) -> None:
        self.backend, self.batch = backend, batch
        self.generation = backend.generation
        self.outcome: BatchOutcome | None = None
        self.error: BaseException | None = None

    def result(self, timeout: float | None = None) -> Any:
        if self.outcome is None and self.error is None:
            self._run()
        if self.error is not None:
            raise self.error
        return self.outcome

    def _run(self) -> None:
        if self.generation != self.backend.generation:
            self.error = PoolLost("pool broken")
            return
        names = [item.provenance.input for item in self.batch]
        if self.backend.deadly(names):
            if self.backend.kind == POOL_LOST:
                self.backend.generation += 1  # the pool dies with every unfinished batch
            self.error = self.backend.error("killed")
            return
        self.backend.processed.extend(names)
        results: list[Processed] = list(self.batch)  # stand-ins for the processed inputs
        self.outcome = BatchOutcome(f"worker {self.generation}", results, 1.0)

    def done(self) -> bool:
        return self.outcome is not None or self.error is not None

    def cancel(self) -> bool:
        return False


class FakePool:
    """A backend whose workers die on the inputs named in `kills` (`times` each; -1 for
    always); `kind` says whether a death loses the pool or one task."""

    def __init__(self, kills: dict[str, int], kind: Loss = POOL_LOST) -> None:
        self.kills = dict(kills)
        self.kind = kind
        self.generation = 0
        self.restarts = 0
        self.submitted: list[list[str]] = []
        self.processed: list[str] = []

    def deadly(self, names: list[str]) -> bool:
        for name in names:
            left = self.kills.get(name, 0)
            if left:
                self.kills[name] = left - 1
                return True
        return False

    def error(self, message: str) -> Exception:
        return PoolLost(message) if self.kind == POOL_LOST else TaskLost(message)

    def submit(self, batch: list[Item]) -> _Future:
        self.submitted.append([item.provenance.input for item in batch])
        return _Future(self, batch)

    def loss(self, error: BaseException) -> Loss | None:
        if isinstance(error, PoolLost):
            return POOL_LOST
        return TASK_LOST if isinstance(error, TaskLost) else None

    def restart(self) -> None:
        self.restarts += 1
        self.generation += 1


def _names(results: Iterator[list[Processed]]) -> list[str]:
    names = []
    for batch in results:
        for processed in batch:
            item = processed.document if isinstance(processed, Failed) else processed
            assert isinstance(item, Document | Dropped)
            names.append(item.provenance.input)
    return names


def test_a_worker_killed_once_costs_a_restart_and_every_batch_comes_once_in_order() -> None:
    pool = FakePool({"doc9": 1})
    tally = WorkerTally()
    names = _names(ordered_outcomes(pool, _batches(20, 4), 3, tally))
    assert names == [f"doc{i}" for i in range(20)]
    assert pool.restarts == 1
    # The batch that died and the ones in flight with it ran again; nothing else did.
    assert [batch for batch in pool.submitted if "doc9" in batch] == [
        ["doc8", "doc9", "doc10", "doc11"]
    ] * 2
    assert sum(stats.inputs for _, stats in tally.items()) == 20


def test_an_input_that_kills_every_worker_is_failed_alone_and_the_rest_go_through() -> None:
    pool = FakePool({"doc6": -1})
    results = list(ordered_outcomes(pool, _batches(12, 4), 2, WorkerTally()))
    flat = [processed for batch in results for processed in batch]
    assert _names(iter(results)) == [f"doc{i}" for i in range(12)]
    [failed] = [p for p in flat if isinstance(p, Failed)]
    assert failed.document.provenance.input == "doc6" and failed.reason == WORKER_LOST
    # Each input of the deadly batch ran alone before doc6 was given up.
    alone = [batch for batch in pool.submitted if len(batch) == 1]
    assert alone == [["doc4"], ["doc5"]] + [["doc6"]] * ITEM_ATTEMPTS + [["doc7"]]
    assert pool.processed.count("doc5") == 1 and "doc6" not in pool.processed


def test_a_batch_is_run_input_by_input_only_after_max_attempts_losses() -> None:
    pool = FakePool({"doc1": MAX_ATTEMPTS - 1})
    names = _names(ordered_outcomes(pool, _batches(4, 2), 1, WorkerTally()))
    assert names == ["doc0", "doc1", "doc2", "doc3"]
    assert all(len(batch) == 2 for batch in pool.submitted)  # never split
    assert pool.restarts == MAX_ATTEMPTS - 1


def test_a_lost_task_runs_input_by_input_at_once_without_restarting_anything() -> None:
    pool = FakePool({"doc2": 1}, kind=TASK_LOST)
    names = _names(ordered_outcomes(pool, _batches(6, 3), 2, WorkerTally()))
    assert names == [f"doc{i}" for i in range(6)]
    assert pool.restarts == 0
    assert [batch for batch in pool.submitted if len(batch) == 1] == [["doc0"], ["doc1"], ["doc2"]]


def test_drops_in_a_deadly_batch_pass_through_without_running() -> None:
    dropped = Dropped(Provenance("gone", "file"), "empty", "")
    batch: list[Item] = [dropped, _document("doc0")]
    pool = FakePool({"doc0": -1})
    [results] = list(ordered_outcomes(pool, [batch], 1, WorkerTally()))
    assert results[0] is dropped
    assert isinstance(results[1], Failed)
    assert ["gone"] not in pool.submitted


def test_workers_that_never_live_end_the_run_instead_of_looping() -> None:
    pool = FakePool({f"doc{i}": -1 for i in range(40)})
    with pytest.raises(WorkersKeepDying):
        list(ordered_outcomes(pool, _batches(40, 4), 2, WorkerTally()))


def test_an_error_that_is_no_lost_worker_is_raised() -> None:
    class Broken(FakePool):
        def error(self, message: str) -> Exception:
            return ValueError(message)

    with pytest.raises(ValueError, match="killed"):
        list(ordered_outcomes(Broken({"doc1": 1}), _batches(4, 2), 2, WorkerTally()))
