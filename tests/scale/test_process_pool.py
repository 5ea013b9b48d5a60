"""`ProcessExecutor`: real worker processes on this machine, the model loaded once in
each, results stored in input order by the one writer, and a killed worker's batches
done again with nothing stored twice."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsloom.options import Options
from newsloom.pipeline import InProcessExecutor, Pipeline
from newsloom.pipeline.ordered import WORKER_LOST
from newsloom.pipeline.process import Item
from newsloom.pipeline.processes import ProcessExecutor
from newsloom.pipeline.stages import ArticleStage
from newsloom.pipeline.workers import process_alive
from newsloom.record import Document, Provenance
from newsloom.store import open_store
from tests.pipeline.corpus import article_html, write_corpus
from tests.scale.inputs import store_records, write_mixed_folder
from tests.scale.stages import KillOnce, LoadsModel, Poison, Rendezvous

# Worker processes start in about a second each on a small machine.
pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]


def _ingest(db: Path, inputs: list[Path], stages: list[ArticleStage], workers: int) -> Pipeline:
    executor = ProcessExecutor(workers, warm=False) if workers else InProcessExecutor()
    pipeline = Pipeline(db, Options(), stages=stages, executor=executor, batch_size=4)
    try:
        pipeline.ingest(inputs)
    finally:
        pipeline.close()
        if isinstance(executor, ProcessExecutor):
            executor.close()
    return pipeline


def test_two_workers_store_what_one_process_stores_and_share_the_inputs(tmp_path: Path) -> None:
    folder = write_mixed_folder(tmp_path / "in")
    _ingest(tmp_path / "one.db", [folder], [], workers=0)
    (tmp_path / "met").mkdir()
    stages: list[ArticleStage] = [Rendezvous(tmp_path / "met", 2)]
    with ProcessExecutor(2, warm=False) as executor:
        with Pipeline(
            tmp_path / "two.db", stages=stages, executor=executor, batch_size=4
        ) as pipeline:
            result = pipeline.ingest([folder])
        assert executor.restarts == 0
    assert store_records(tmp_path / "two.db") == store_records(tmp_path / "one.db")
    assert len(result.workers) == 2  # both workers did some of it
    assert all(name.startswith("pid ") for name in result.workers)
    assert sum(stats.inputs for stats in result.workers.values()) == result.counts.read
    assert all(stats.peak_rss_mb > 10 for stats in result.workers.values())


def test_each_worker_loads_the_model_once_for_all_its_batches(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 24)
    log = tmp_path / "loads.log"
    with (
        ProcessExecutor(2) as executor,  # warm: loaded when the worker starts
        Pipeline(
            tmp_path / "s.db", stages=[LoadsModel(log)], executor=executor, batch_size=2
        ) as pipeline,
    ):
        result = pipeline.ingest([corpus])
    loads = log.read_text().split()
    assert result.counts.stored == 24
    assert sum(stats.batches for stats in result.workers.values()) == 12
    assert len(loads) == len(set(loads)) == 2  # one load per worker process


def test_a_worker_killed_mid_batch_costs_its_batch_again_and_nothing_twice(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 30)
    _ingest(tmp_path / "calm.db", [corpus], [], workers=0)
    marker = tmp_path / "kill-once"
    marker.touch()
    with ProcessExecutor(2, warm=False) as executor:
        with Pipeline(
            tmp_path / "killed.db",
            stages=[KillOnce(marker, "day 13,")],
            executor=executor,
            batch_size=4,
        ) as pipeline:
            result = pipeline.ingest([corpus])
        assert executor.restarts == 1
    assert not marker.exists()  # a worker really died
    assert result.counts.stored == 30 and result.counts.failed == {}
    assert store_records(tmp_path / "killed.db") == store_records(tmp_path / "calm.db")
    with open_store(tmp_path / "killed.db") as store:
        [run] = store.runs(1)
    assert run.status == "finished"


def test_an_input_that_kills_every_worker_fails_alone(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 8)
    with (
        ProcessExecutor(2, warm=False) as executor,
        Pipeline(
            tmp_path / "s.db", stages=[Poison("day 5,")], executor=executor, batch_size=4
        ) as pipeline,
    ):
        result = pipeline.ingest([corpus])
    assert result.counts.stored == 7
    assert result.counts.failed == {WORKER_LOST: 1}
    with open_store(tmp_path / "s.db") as store:
        [drop] = store.drops()
    assert Path(drop.input).name == "page00005.html" and drop.reason == f"failed:{WORKER_LOST}"


def test_batches_are_pulled_only_as_workers_take_them(tmp_path: Path) -> None:
    pulled = 0
    lock = threading.Lock()

    def batches() -> Iterator[list[Item]]:
        nonlocal pulled
        for index in range(12):
            with lock:
                pulled += 1
            yield [Document(article_html(index), "html", Provenance(f"doc{index}", "test"))]

    with ProcessExecutor(2, max_in_flight=3, warm=False) as executor:
        consumed = 0
        for _ in executor.map_batches(batches(), Options(), []):
            consumed += 1
            assert pulled - consumed <= 2  # the one just handed on plus two in flight
    assert consumed == 12


def test_one_batch_only_runs_in_this_process_without_starting_workers(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 3)
    executor = ProcessExecutor(2, inline_single_batch=True)
    with Pipeline(tmp_path / "s.db", executor=executor, batch_size=16) as pipeline:
        result = pipeline.ingest([corpus])
    assert executor._pool is None
    assert result.counts.stored == 3
    assert list(result.workers) == [f"pid {os.getpid()}"]


def test_workers_end_when_their_writer_is_killed(tmp_path: Path) -> None:
    script = (
        "import sys, time\n"
        "from newsloom.options import Options\n"
        "from newsloom.pipeline.processes import ProcessExecutor\n"
        "from newsloom.record import Document, Provenance\n"
        "executor = ProcessExecutor(2, warm=False)\n"
        "page = '<p>a b c</p>'\n"
        "batches = [[Document(page, 'html', Provenance(str(i), 'test'))] for i in range(4)]\n"
        "list(executor.map_batches(batches, Options(), []))\n"
        "print(' '.join(str(pid) for pid in executor._pool._processes), flush=True)\n"
        "time.sleep(600)\n"
    )
    writer = subprocess.Popen(
        [sys.executable, "-c", script], cwd=REPO, stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout is not None
    workers = [int(pid) for pid in writer.stdout.readline().split()]
    assert workers and all(process_alive(pid) for pid in workers)
    writer.kill()
    writer.wait()
    deadline = time.monotonic() + 30
    while any(process_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(process_alive(pid) for pid in workers)
