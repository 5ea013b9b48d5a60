"""`newsloom ingest` on a store another writer keeps locked: a clear message, no traceback."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from newsloom.cli import app
from newsloom.store import open_store
from tests.pipeline.corpus import write_corpus

runner = CliRunner()


def test_ingest_into_a_locked_store_says_busy_and_exits_non_zero(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 1)
    db = tmp_path / "s.db"
    open_store(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "--lock-wait", "0.05"])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 3
    assert "store busy" in result.output and "another writer" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    again = runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "--json"])
    assert again.exit_code == 0, again.output
