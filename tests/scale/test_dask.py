"""Ingest on a Dask cluster: a real `distributed.LocalCluster` stores what one process
stores, and a worker lost mid-task costs only time (its task runs again)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import dask
import pytest

from newsloom.options import Options
from newsloom.pipeline import InProcessExecutor, Pipeline
from newsloom.pipeline.cluster import DaskExecutor
from newsloom.pipeline.stages import ArticleStage
from tests.pipeline.corpus import write_corpus
from tests.scale.inputs import store_records, write_mixed_folder
from tests.scale.stages import KillOnce, Rendezvous
from tests.store.databases import BACKEND_NAMES, Locations

distributed = pytest.importorskip("distributed")


@pytest.fixture(params=BACKEND_NAMES)
def store_location(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Where a run stores: a fresh, empty store of each backend (a SQLite file, a schema
    of the PostgreSQL test server; skipped when that server does not answer)."""
    locations = Locations(request.param, tmp_path)
    try:
        yield locations.new("cluster")
    finally:
        locations.close()


@pytest.fixture
def thread_cluster() -> Iterator[distributed.Client]:
    """Two workers of one thread each inside this process: quick to start."""
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


def _one_process(db: Path, inputs: list[Path], stages: list[ArticleStage]) -> None:
    with Pipeline(db, stages=stages, executor=InProcessExecutor(), batch_size=4) as pipeline:
        pipeline.ingest(inputs)


def test_warc_and_jsonl_on_a_local_cluster_store_what_one_process_stores(
    tmp_path: Path, store_location: str, thread_cluster: distributed.Client
) -> None:
    """Same article ids, copies (provenance), stories and drops as one process into
    SQLite, whether the cluster writes a SQLite or a PostgreSQL store."""
    folder = write_mixed_folder(tmp_path / "in")
    _one_process(tmp_path / "one.db", [folder], [])
    (tmp_path / "met").mkdir()
    stages: list[ArticleStage] = [Rendezvous(tmp_path / "met", 2)]  # both workers get work
    executor = DaskExecutor(thread_cluster)
    with Pipeline(store_location, stages=stages, executor=executor, batch_size=4) as pipeline:
        result = pipeline.ingest([folder])
    expected = store_records(tmp_path / "one.db")
    assert store_records(store_location) == expected
    assert any(len(a["provenance"]) > 1 for a in expected["articles"])  # copies were merged
    assert result.counts.merged > 0 and expected["drops"]
    assert len(result.workers) == 2
    assert all(name.startswith(("tcp://", "inproc://")) for name in result.workers)
    assert sum(stats.inputs for stats in result.workers.values()) == result.counts.read


def _killed_run(tmp_path: Path, allowed_failures: int) -> tuple[Path, Path, int]:
    """24 pages in batches of 4, one worker killed once; the stores and the batches run
    (an input run alone counts as a batch)."""
    corpus = write_corpus(tmp_path / "in", 24)
    _one_process(tmp_path / "calm.db", [corpus], [])
    marker = tmp_path / "kill-once"
    marker.touch()
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": allowed_failures}),
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        stages = [KillOnce(marker, "day 9,")]
        with Pipeline(
            tmp_path / "killed.db", Options(), stages, DaskExecutor(client), batch_size=4
        ) as pipeline:
            result = pipeline.ingest([corpus])
    assert not marker.exists()  # a worker process really died
    assert result.counts.stored == 24 and result.counts.failed == {}
    batches = sum(stats.batches for stats in result.workers.values())
    return tmp_path / "killed.db", tmp_path / "calm.db", batches


@pytest.mark.slow
def test_a_lost_dask_worker_s_task_runs_again_and_nothing_is_stored_twice(tmp_path: Path) -> None:
    killed, calm, batches = _killed_run(tmp_path, allowed_failures=3)
    assert store_records(killed) == store_records(calm)
    assert batches == 6  # the lost task ran again whole, on the cluster


@pytest.mark.slow
def test_past_allowed_failures_the_batch_runs_input_by_input(tmp_path: Path) -> None:
    """With no failures allowed, the scheduler gives the task up (KilledWorker) at the
    first lost worker; its inputs then run one at a time and all get through."""
    killed, calm, batches = _killed_run(tmp_path, allowed_failures=0)
    assert store_records(killed) == store_records(calm)
    assert batches >= 5 + 4  # at least the lost batch ran as four single inputs
