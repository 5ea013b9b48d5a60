"""A store locked by another writer past the lock wait costs the inputs, never the run."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsloom.ingest.reasons import STORE_BUSY
from newsloom.pipeline import Pipeline
from newsloom.record import RunCounts
from newsloom.store import StoreBusy, open_store
from tests.pipeline.corpus import write_corpus
from tests.store.articles import make_article

# Short enough for a test; the default (`LOCK_WAIT_SECONDS`) is for real runs.
SHORT_WAIT = 0.05

# Another process that takes the write lock, says so, and keeps it until told.
HOLDER = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.readline()
connection.execute("ROLLBACK")
"""


@pytest.fixture
def lock_holder(tmp_path: Path) -> Iterator[tuple[Path, subprocess.Popen[str]]]:
    db = tmp_path / "store.db"
    open_store(db).close()
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "locked"
    yield db, process
    if process.poll() is None:
        process.communicate("release\n", timeout=30)


def _release(process: subprocess.Popen[str]) -> None:
    process.communicate("release\n", timeout=30)
    assert process.returncode == 0


def test_a_save_past_the_lock_wait_raises_store_busy_and_writes_once_the_lock_is_free(
    lock_holder: tuple[Path, subprocess.Popen[str]],
) -> None:
    db, holder = lock_holder
    with open_store(db, lock_wait=SHORT_WAIT) as store:
        with pytest.raises(StoreBusy):
            store.save(make_article())
        _release(holder)
        assert store.save(make_article()) == "stored"
        assert store.count_articles() == 1


def test_a_lock_held_during_a_run_drops_the_input_as_store_busy_and_a_rerun_writes_it(
    tmp_path: Path,
) -> None:
    corpus = write_corpus(tmp_path / "in", 3)
    db = tmp_path / "store.db"
    holder = sqlite3.connect(db, isolation_level=None)

    def lock_after_the_first_input(counts: RunCounts) -> None:
        # A second connection takes the write lock after the first article is saved and
        # keeps it until the next input has given up; then the run goes on.
        if counts.read == 1:
            holder.execute("BEGIN IMMEDIATE")
        elif holder.in_transaction:
            holder.execute("ROLLBACK")

    with Pipeline(open_store(db, lock_wait=SHORT_WAIT)) as pipeline:
        result = pipeline.ingest([corpus], lock_after_the_first_input)
        counts = result.counts
        assert (counts.read, counts.stored) == (3, 2)
        assert counts.dropped == {STORE_BUSY: 1}
        [drop] = pipeline.store.drops()
        assert drop.reason == STORE_BUSY and drop.input.endswith("page00001.html")
        [run] = pipeline.store.runs(limit=1)
        assert (run.id, run.status) == (result.run_id, "finished")
        assert run.counts.dropped == {STORE_BUSY: 1}

        rerun = pipeline.ingest([corpus]).counts
        assert (rerun.stored, rerun.unchanged, rerun.dropped) == (1, 2, {})
        assert pipeline.store.drops() == []
        assert pipeline.store.count_articles() == 3
    holder.close()


def test_a_store_locked_before_the_run_starts_refuses_it_whole(
    lock_holder: tuple[Path, subprocess.Popen[str]], tmp_path: Path
) -> None:
    """Not even the run can be recorded: StoreBusy before any input is read."""
    db, holder = lock_holder
    corpus = write_corpus(tmp_path / "in", 2)
    with Pipeline(open_store(db, lock_wait=SHORT_WAIT)) as pipeline:
        with pytest.raises(StoreBusy):
            pipeline.ingest([corpus])
        _release(holder)
        counts = pipeline.ingest([corpus]).counts
        assert counts.stored == 2
