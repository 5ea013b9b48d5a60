from __future__ import annotations

import datetime as dt

import pytest

from newsloom.record import RunCounts
from newsloom.store import Store


def test_runs_are_recorded_newest_first(store: Store) -> None:
    first = store.start_run(["feeds/a.xml", "pages/"])
    counts = RunCounts(read=5, stored=3, unchanged=1, merged=1)
    counts.drop("no_text")
    counts.fail("decode")
    store.finish_run(first, counts)
    second = store.start_run(["archive.warc"])
    runs = store.runs()
    assert [run.id for run in runs] == [second, first]
    latest, done = runs
    assert latest.status == "running" and latest.finished is None
    assert done.status == "finished"
    assert done.inputs == ["feeds/a.xml", "pages/"]
    assert done.counts.to_dict() == counts.to_dict()
    assert done.finished is not None and done.finished >= done.started
    assert done.started.tzinfo is not None
    assert done.started <= dt.datetime.now(dt.UTC)


def test_finish_run_keeps_status(store: Store) -> None:
    run_id = store.start_run([])
    store.finish_run(run_id, RunCounts(read=1), status="interrupted")
    (run,) = store.runs()
    assert run.status == "interrupted" and run.counts.read == 1


def test_runs_limit(store: Store) -> None:
    for _ in range(4):
        store.start_run([])
    assert len(store.runs(limit=2)) == 2


def test_finishing_unknown_run_raises(store: Store) -> None:
    with pytest.raises(KeyError):
        store.finish_run(999, RunCounts())
