"""`newsloom ingest --workers/--dask/--scheduler/--resume`: where batches run, what each
worker did, and a resumed run skipping what is written."""

from __future__ import annotations

import json
from pathlib import Path

import dask
import pytest
from typer.testing import CliRunner

from newsloom.cli import app
from newsloom.cli.ingest import EXIT_NO_SCHEDULER
from tests.pipeline.corpus import write_corpus
from tests.scale.inputs import store_records

# Imported before any dask.config.set: leaving a set() that added the first
# distributed.* key would remove all of Dask's distributed settings.
distributed = pytest.importorskip("distributed")

runner = CliRunner()


def _ingest(*args: str) -> dict[str, object]:
    result = runner.invoke(app, ["ingest", *args, "--json", "--no-enrich"])
    assert result.exit_code == 0, result.output
    counts: dict[str, object] = json.loads(result.stdout)
    return counts


def test_in_this_process_the_counts_name_one_worker_and_nothing_skipped(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 3)
    counts = _ingest(str(corpus), "--db", str(tmp_path / "s.db"), "--workers", "0")
    assert counts["stored"] == 3
    assert counts["skipped"] == {"files": 0, "records": 0}
    [(name, stats)] = dict(counts["workers"]).items()  # type: ignore[call-overload]
    assert name.startswith("pid ") and stats["inputs"] == 3


def test_resume_skips_what_the_store_has_and_reads_the_rest(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 4)
    db = str(tmp_path / "s.db")
    _ingest(str(corpus), "--db", db, "--workers", "0")
    write_corpus(tmp_path / "more", 6)
    (tmp_path / "more" / "page00005.html").rename(corpus / "page00005.html")
    again = _ingest(str(corpus), "--db", db, "--workers", "0", "--resume")
    assert (again["read"], again["stored"]) == (1, 1)
    assert again["skipped"] == {"files": 4, "records": 0}
    plain = runner.invoke(
        app, ["ingest", str(corpus), "--db", db, "--workers", "0", "--resume", "--no-enrich"]
    )
    assert plain.exit_code == 0
    assert "resumed: skipped 5 files and 0 records written by earlier runs" in plain.stdout
    rerun = _ingest(str(corpus), "--db", db, "--workers", "0")  # without --resume: all again
    assert (rerun["read"], rerun["unchanged"]) == (5, 5)


def test_dask_and_scheduler_together_are_refused(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["ingest", str(tmp_path), "--dask", "--scheduler", "tcp://127.0.0.1:1"]
    )
    assert result.exit_code == 2
    assert "give one of them" in result.output


def test_a_scheduler_that_cannot_be_reached_is_said_before_anything_is_read(
    tmp_path: Path,
) -> None:
    corpus = write_corpus(tmp_path / "in", 1)
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = runner.invoke(
            app,
            [
                "ingest",
                str(corpus),
                "--db",
                str(tmp_path / "s.db"),
                "--scheduler",
                "tcp://127.0.0.1:1",
            ],
        )
    assert result.exit_code == EXIT_NO_SCHEDULER
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:1" in result.output
    assert not (tmp_path / "s.db").exists()


@pytest.mark.slow
def test_scheduler_runs_the_batches_on_that_cluster(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 20)
    with distributed.LocalCluster(
        n_workers=1,
        threads_per_worker=1,
        processes=False,
        protocol="tcp://",
        dashboard_address=None,
    ) as cluster:
        counts = _ingest(
            str(corpus), "--db", str(tmp_path / "s.db"), "--scheduler", cluster.scheduler_address
        )
        [worker] = cluster.scheduler.workers
    assert counts["stored"] == 20
    [(name, stats)] = dict(counts["workers"]).items()  # type: ignore[call-overload]
    assert name.startswith(f"{worker} pid ") and stats["inputs"] == 20


@pytest.mark.slow
def test_workers_and_a_local_dask_cluster_store_what_one_process_stores(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 40)  # three batches of 16: the pool starts
    one = _ingest(str(corpus), "--db", str(tmp_path / "one.db"), "--workers", "0")
    pool = _ingest(str(corpus), "--db", str(tmp_path / "pool.db"), "--workers", "2")
    cluster = _ingest(str(corpus), "--db", str(tmp_path / "dask.db"), "--dask", "--workers", "2")
    for counts in (pool, cluster):
        assert {k: counts[k] for k in ("read", "stored")} == {"read": 40, "stored": 40}
        workers = dict(counts["workers"])  # type: ignore[call-overload]
        assert sum(stats["inputs"] for stats in workers.values()) == 40
    assert all(name.startswith("tcp://") for name in dict(cluster["workers"]))  # type: ignore[call-overload]
    assert one["stored"] == 40
    reference = store_records(tmp_path / "one.db")
    assert store_records(tmp_path / "pool.db") == reference
    assert store_records(tmp_path / "dask.db") == reference
    shown = runner.invoke(
        app,
        ["ingest", str(corpus), "--db", str(tmp_path / "pool.db"), "--workers", "2", "--no-enrich"],
    )
    assert shown.exit_code == 0
    assert shown.stdout.count("  worker pid ") >= 1  # one line per worker that had a batch
