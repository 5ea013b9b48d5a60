"""A run whose process died is marked `interrupted` when the store is next opened; a
run whose process is alive (here or in another process) stays `running`."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from newsloom.record import RunCounts
from newsloom.store import open_store
from tests.pipeline.corpus import write_corpus
from tests.store.databases import Locations

# Starts a run, says its id, then waits for a line: "finish" finishes the run.
RUNNER = """
import sys
from newsloom.record import RunCounts
from newsloom.store import open_store
store = open_store(sys.argv[1])
run = store.start_run(["feeds/a.xml"])
print(run, flush=True)
if sys.stdin.readline().strip() == "finish":
    store.finish_run(run, RunCounts(read=1, stored=1))
store.close()
"""

# Ingests a corpus and stops, waiting forever, once the third input has been recorded.
INGESTER = """
import sys, time
from newsloom.pipeline import Pipeline
pipeline = Pipeline(sys.argv[1], stages=[])
pipeline.counts_interval = 0.0
def progress(counts):
    if counts.read == 3:
        print("halfway", flush=True)
        time.sleep(3600)
pipeline.ingest([sys.argv[2]], progress)
"""


def _start(*arguments: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", *arguments], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )


@pytest.fixture
def db(locations: Locations) -> str:
    location = locations.new()
    open_store(location).close()
    return location


def _kill(process: subprocess.Popen[str]) -> None:
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


def _status(db: str) -> str:
    with open_store(db) as store:
        (run,) = store.runs(limit=1)
    return run.status


def test_a_run_whose_process_was_killed_is_interrupted_at_the_next_open(
    db: str, backend: str
) -> None:
    process = _start(RUNNER, str(db))
    assert process.stdout is not None and process.stdout.readline().strip().isdigit()
    _kill(process)
    with open_store(db) as store:
        (run,) = store.runs()
    assert run.status == "interrupted"
    if backend == "sqlite":
        assert not list(Path(db).parent.glob("*.lock")), "the dead run's lock file is cleaned up"


def test_a_run_alive_in_another_process_stays_running(db: str) -> None:
    process = _start(RUNNER, str(db))
    assert process.stdout is not None and process.stdout.readline().strip().isdigit()
    assert _status(db) == "running"
    assert _status(db) == "running"  # opening twice changes nothing either
    process.communicate("finish\n", timeout=30)
    assert process.returncode == 0
    with open_store(db) as store:
        (run,) = store.runs()
    assert run.status == "finished" and run.counts.stored == 1


def test_a_run_alive_in_this_process_stays_running(db: str) -> None:
    with open_store(db) as running:
        run_id = running.start_run([])
        assert _status(db) == "running"
        running.finish_run(run_id, RunCounts(read=2))
    assert _status(db) == "finished"


def test_a_killed_ingest_keeps_the_counts_it_had_reached(db: str, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 6)
    process = _start(INGESTER, str(db), str(corpus))
    assert process.stdout is not None and process.stdout.readline().strip() == "halfway"
    _kill(process)
    with open_store(db) as store:
        (run,) = store.runs()
        stored = store.count_articles()
    assert run.status == "interrupted"
    assert 0 < run.counts.stored <= stored
    assert run.counts.read == run.counts.stored


def test_a_run_its_store_closed_without_finishing_is_interrupted(db: str) -> None:
    with open_store(db) as store:
        store.start_run([])
    assert _status(db) == "interrupted"


def test_a_run_still_starts_where_no_lock_file_can_be_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsloom.store.sqlite.run_locks as run_locks

    db = str(tmp_path / "store.db")  # lock files are SQLite's

    def refused(*_: object, **__: object) -> int:
        raise PermissionError("read-only folder")

    with open_store(db) as store:
        monkeypatch.setattr(run_locks.os, "open", refused)
        run_id = store.start_run([])
        monkeypatch.undo()
        assert _status(db) == "running"  # nothing tells whether it lives: left alone
        store.finish_run(run_id, RunCounts(read=1))
    assert _status(db) == "finished"
