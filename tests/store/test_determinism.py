"""Saving the same inputs again, in another process or after a crash, ends the same."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsloom.record import Article
from newsloom.store import open_store
from tests.store.articles import make_article
from tests.store.databases import Locations, table

# Columns that record when a row was written, not what it holds.
CLOCK_COLUMNS = frozenset({"created", "modified", "added"})

SAVER = """
import json, sys
from newsloom.record import Article
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


def _save_in_process(location: str, articles: list[Article], work: Path) -> None:
    lines = work / f"{len(list(work.iterdir()))}.jsonl"
    lines.write_text("".join(json.dumps(a.to_dict()) + "\n" for a in articles), encoding="utf-8")
    subprocess.run([sys.executable, "-c", SAVER, location, str(lines)], check=True)


def _table(location: str, name: str) -> list[str]:
    with open_store(location) as store:
        return table(store, name, CLOCK_COLUMNS)


@pytest.mark.slow  # a second Python process (about 2 s)
def test_two_processes_build_identical_tables(locations: Locations, tmp_path: Path) -> None:
    articles = _inputs()
    one, two = locations.new("one"), locations.new("two")
    _save_in_process(one, articles, tmp_path)
    _save_in_process(two, articles, tmp_path)
    for name in ("articles", "provenance"):
        assert _table(one, name) == _table(two, name)
    assert len(_table(one, "articles")) == 3


def _save_here(location: str, articles: list[Article]) -> None:
    with open_store(location) as store:
        for article in articles:
            store.save(Article.from_dict(article.to_dict()))


def test_rerun_after_interruption_matches_uninterrupted_run(locations: Locations) -> None:
    articles = _inputs()
    whole, resumed = locations.new("whole"), locations.new("resumed")
    _save_here(whole, articles)
    _save_here(resumed, articles[:4])  # "killed" after four saves
    _save_here(resumed, articles)  # the same inputs again
    for name in ("articles", "provenance"):
        assert _table(whole, name) == _table(resumed, name)
