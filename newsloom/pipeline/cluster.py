"""`DaskExecutor`: batches as tasks on a Dask distributed cluster.

`connect(address)` joins an existing scheduler (`tcp://host:8786`); `local_cluster(n)`
starts a `distributed.LocalCluster` of `n` worker processes with one thread each. Either
way the writer stays in this process: it reads the inputs, submits batches (at most
two per worker thread at once), and stores their results in input order.

A worker lost mid-task (killed, out of memory, its machine gone) costs only time: the
scheduler runs the task again on another worker, up to its `allowed_failures` (Dask's
setting `distributed.scheduler.allowed-failures`, 3 by default). Past that the task
ends with `KilledWorker` and its inputs run again one at a time (`ordered.py`), so
only an input that kills every worker it reaches is failed (`WorkerLost`). A result
reaches the writer once whatever ran twice, so nothing is stored twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from newsloom.options import Options
from newsloom.pipeline.executor import BackendExecutor
from newsloom.pipeline.ordered import TASK_LOST, Backend, BatchFuture, Loss
from newsloom.pipeline.process import Item
from newsloom.pipeline.stages import ArticleStage
from newsloom.pipeline.workers import run_batch

if TYPE_CHECKING:
    from distributed import Client

__all__ = ["DaskExecutor", "connect", "local_cluster"]


class DaskExecutor(BackendExecutor):
    """Batches on the cluster behind a `distributed.Client` (the caller's to close)."""

    def __init__(self, client: Client, max_in_flight: int | None = None) -> None:
        threads = sum(client.nthreads().values())
        super().__init__(max_in_flight or 2 * max(1, threads))
        self.client = client

    def backend(self, options: Options, stages: list[ArticleStage]) -> Backend:
        return _DaskBackend(self.client, options, stages)


class _DaskBackend:
    def __init__(self, client: Client, options: Options, stages: list[ArticleStage]) -> None:
        from distributed import KilledWorker

        self.client, self.options, self.stages = client, options, stages
        self.killed = KilledWorker

    def submit(self, batch: list[Item]) -> BatchFuture:
        future: BatchFuture = self.client.submit(
            run_batch, batch, self.options, self.stages, pure=False
        )
        return future

    def loss(self, error: BaseException) -> Loss | None:
        return TASK_LOST if isinstance(error, self.killed) else None

    def restart(self) -> None:
        pass  # the scheduler replaces lost workers' tasks itself


def connect(address: str) -> Client:
    """A client of the scheduler at `address` (`tcp://host:port`)."""
    from distributed import Client

    return Client(address)


@contextmanager
def local_cluster(workers: int, options: Options | None = None) -> Iterator[Client]:
    """A client of a new `LocalCluster`: `workers` processes, one thread each, no
    dashboard; closed with the block.

    Its worker processes are forked from this process's fork server, started first with
    Dask and the pipeline imported (and, for `options` that enrich with the default
    model, that model warmed: `processes.preload_for`), so they start without importing
    and loading all of it each, and share that memory. Where there is no fork server
    they are spawned, Dask's default.
    """
    import dask
    from distributed import Client, LocalCluster

    from newsloom.pipeline.processes import preload_for, start_fork_server

    preload = ["distributed", *preload_for(options or Options())]
    method = "forkserver" if start_fork_server(preload) else "spawn"
    with (
        dask.config.set({"distributed.worker.multiprocessing-method": method}),
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client
