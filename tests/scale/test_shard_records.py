"""The store's record of ingest shards: what a rerun reads to skip written inputs."""

from __future__ import annotations

from pathlib import Path

from newsloom.store.sqlite import SQLiteStore


def test_a_shard_is_unknown_until_recorded_then_keeps_its_progress(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "s.db") as store:
        run = store.start_run(["in"])
        assert store.shard_state("a") is None
        store.record_shards(run, [("a", 16, False), ("b", 3, True)])
        assert store.shard_state("a") == (16, False)
        assert store.shard_state("b") == (3, True)
    with SQLiteStore(tmp_path / "s.db") as store:  # committed: another open sees it
        assert store.shard_state("a") == (16, False)


def test_progress_only_grows_and_a_finished_shard_stays_finished(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "s.db") as store:
        first = store.start_run(["in"])
        store.record_shards(first, [("a", 32, False), ("b", 5, True)])
        second = store.start_run(["in"])  # a run that redoes everything from the start
        store.record_shards(second, [("a", 16, False), ("b", 2, False)])
        assert store.shard_state("a") == (32, False)
        assert store.shard_state("b") == (5, True)
        store.record_shards(second, [("a", 40, True)])
        assert store.shard_state("a") == (40, True)
