"""Saving the same inputs again, in another process or after a crash, ends the same."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from newsloom.record import Article
from newsloom.store import open_store
from tests.store.articles import make_article

# Columns that record when a row was written, not what it holds.
CLOCK_COLUMNS = {"created", "modified", "added"}

SAVER = """
import json, sys
from newsloom.record import Article
from newsloom.store import open_store
from newsloom.store import open_store
with open_store(sys.argv[1]) as store:
    for line in open(sys.argv[2], encoding="utf-8"):
        store.save(Article.from_dict(json.loads(line)))
"""


def _inputs() -> list[Article]:
    copies = [
        make_article("Harbour news.", url="https://h.example/1", input="a", locator="1"),
        make_article("Harbour news.", url="https://h.example/1", input="b", locator="9"),
        make_article("Market day in Tarrow.", url=None, input="c", locator=""),
        make_article("Market day in Tarrow.", url=None, input="d", locator=""),
        make_article("Harbour news, corrected.", url="https://h.example/1", input="e"),
        make_article("Snow on the Kell ridge.", url="https://h.example/2", input="f"),
    ]
    for article in copies:
        article.id = ""
    return copies


def _save_in_process(db: Path, articles: list[Article], work: Path) -> None:
    lines = work / f"{db.stem}.jsonl"
    lines.write_text("".join(json.dumps(a.to_dict()) + "\n" for a in articles), encoding="utf-8")
    subprocess.run([sys.executable, "-c", SAVER, str(db), str(lines)], check=True)


def _table(db: Path, name: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(db)
    columns = [row[1] for row in connection.execute(f"PRAGMA table_info({name})")]
    kept = [c for c in columns if c not in CLOCK_COLUMNS]
    rows = connection.execute(f"SELECT {', '.join(kept)} FROM {name} ORDER BY 1, 2, 3").fetchall()
    connection.close()
    return rows


@pytest.mark.slow  # a second Python process (about 2 s)
def test_two_processes_build_identical_tables(tmp_path: Path) -> None:
    articles = _inputs()
    _save_in_process(tmp_path / "one.db", articles, tmp_path)
    _save_in_process(tmp_path / "two.db", articles, tmp_path)
    for name in ("articles", "provenance"):
        assert _table(tmp_path / "one.db", name) == _table(tmp_path / "two.db", name)
    assert len(_table(tmp_path / "one.db", "articles")) == 3


def _save_here(db: Path, articles: list[Article]) -> None:
    with open_store(db) as store:
        for article in articles:
            store.save(Article.from_dict(article.to_dict()))


def test_rerun_after_interruption_matches_uninterrupted_run(tmp_path: Path) -> None:
    articles = _inputs()
    _save_here(tmp_path / "whole.db", articles)
    _save_here(tmp_path / "resumed.db", articles[:4])  # "killed" after four saves
    _save_here(tmp_path / "resumed.db", articles)  # the same inputs again
    for name in ("articles", "provenance"):
        assert _table(tmp_path / "whole.db", name) == _table(tmp_path / "resumed.db", name)
