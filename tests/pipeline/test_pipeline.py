from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, ClassVar

import pytest

from newsloom.pipeline import Pipeline
from newsloom.pipeline.stages import StageOrderError
from newsloom.record import Article
from newsloom.store import open_store
from tests.pipeline.corpus import article_html, write_corpus


def store_contents(db: Path) -> list[dict[str, Any]]:
    with open_store(db) as store:
        rows = [article.to_dict() for article in store.iter_articles()]
    for row in rows:
        row["provenance"] = sorted(row["provenance"], key=lambda p: (p["input"], p["locator"]))
    return sorted(rows, key=lambda row: row["id"])


def test_ingest_counts_and_reingest_changes_nothing(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 5)
    (corpus / "empty.html").write_bytes(b"")
    (corpus / "junk.html").write_bytes(bytes(range(256)) * 40)
    db = tmp_path / "store.db"
    with Pipeline(db) as pipeline:
        first = pipeline.ingest([corpus]).counts
    assert first.stored == 5
    assert sum(first.dropped.values()) == 2
    assert first.read == 7
    before = store_contents(db)
    with Pipeline(db) as pipeline:
        second = pipeline.ingest([corpus]).counts
    assert second.stored == 0 and second.unchanged == 5
    assert store_contents(db) == before


def test_syndicated_copy_is_stored_once_with_both_provenances(tmp_path: Path) -> None:
    page = article_html(3)
    (tmp_path / "a.html").write_text(page, encoding="utf-8")
    (tmp_path / "b.html").write_text(page.replace("<nav>", "<nav><a href='/x'>X</a>"), "utf-8")
    db = tmp_path / "store.db"
    with Pipeline(db) as pipeline:
        counts = pipeline.ingest([tmp_path / "a.html", tmp_path / "b.html"]).counts
    assert (counts.stored, counts.merged) == (1, 1)
    [row] = store_contents(db)
    assert {Path(p["input"]).name for p in row["provenance"]} == {"a.html", "b.html"}


def test_runs_are_recorded_with_counts(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 2)
    db = tmp_path / "store.db"
    with Pipeline(db) as pipeline:
        result = pipeline.ingest([corpus, tmp_path / "missing.html"])
        [run] = pipeline.store.runs(limit=1)
    assert run.id == result.run_id
    assert run.status == "finished"
    assert run.counts.stored == 2
    assert run.counts.dropped == {"not_found": 1}


class _NeedsEntities:
    name: ClassVar[str] = "quotes"
    requires: ClassVar[frozenset[str]] = frozenset({"entities"})
    assigns: ClassVar[frozenset[str]] = frozenset({"quotes"})

    def __call__(self, article: Article) -> Article:
        return article


def test_misordered_stages_fail_before_anything_runs(tmp_path: Path) -> None:
    with pytest.raises(StageOrderError, match="entities"):
        Pipeline(tmp_path / "x.db", stages=[_NeedsEntities()])


def _count_articles(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=1) as connection:
            return int(connection.execute("select count(*) from articles").fetchone()[0])
    except sqlite3.Error:
        return 0


@pytest.mark.slow  # three CLI subprocesses over a 100-article corpus (about 12 s)
def test_ingest_killed_halfway_and_rerun_ends_with_the_same_store(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 100)
    command = [sys.executable, "-m", "newsloom", "ingest", str(corpus), "--db"]
    reference_db = tmp_path / "reference.db"
    subprocess.run([*command, str(reference_db)], check=True, capture_output=True)

    killed_db = tmp_path / "killed.db"
    process = subprocess.Popen(
        [*command, str(killed_db)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while _count_articles(killed_db) < 20 and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    stored_before_rerun = _count_articles(killed_db)
    assert 0 < stored_before_rerun < 100, "the kill must land halfway"
    subprocess.run([*command, str(killed_db)], check=True, capture_output=True)
    assert store_contents(killed_db) == store_contents(reference_db)


def test_dropped_inputs_are_kept_with_their_reason_until_they_succeed(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 1)
    late = corpus / "late.html"
    late.write_bytes(b"")
    db = tmp_path / "store.db"
    with Pipeline(db) as pipeline:
        pipeline.ingest([corpus])
        [drop] = pipeline.store.drops()
        assert (Path(drop.input).name, drop.reason) == ("late.html", "empty")
        late.write_text(article_html(99), encoding="utf-8")
        counts = pipeline.ingest([corpus]).counts
        assert counts.stored == 1
        assert pipeline.store.drops() == []


class _FailsOnOddDays:
    """A batch stage that breaks on some articles: only those may be lost."""

    name: ClassVar[str] = "flaky"
    requires: ClassVar[frozenset[str]] = frozenset({"text"})
    assigns: ClassVar[frozenset[str]] = frozenset({"flaky"})

    def __call__(self, article: Article) -> Article:
        if "day 3," in article.text:
            raise ValueError("cannot handle day 3")
        article.site = "checked"
        return article

    def pipe(self, articles: list[Article]) -> list[Article]:
        return [self(article) for article in articles]


def test_a_stage_failing_on_one_article_in_a_batch_costs_only_that_article(
    tmp_path: Path,
) -> None:
    corpus = write_corpus(tmp_path / "in", 6)
    db = tmp_path / "store.db"
    with Pipeline(db, stages=[_FailsOnOddDays()]) as pipeline:
        counts = pipeline.ingest([corpus]).counts
        assert counts.stored == 5
        assert counts.failed == {"ValueError": 1}
        [drop] = pipeline.store.drops()
        assert drop.reason == "failed:ValueError" and drop.input.endswith("page00003.html")
    assert {row["site"] for row in store_contents(db)} == {"checked"}
