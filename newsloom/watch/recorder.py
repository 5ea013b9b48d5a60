"""The store as the watcher's pipeline sees it: every write passed on, and the ids of
the articles a round stored, updated or merged noted (for alerts and per-source counts)."""

from __future__ import annotations

import sqlite3
import urllib.parse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newsloom.record import Article, Dropped, PendingFetch, RunCounts
from newsloom.store import SaveOutcome, Store


class RoundRecorder:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.saved: list[tuple[str, str, str]] = []  # (article id, url, outcome)

    def begin(self) -> None:
        self.saved = []

    def start_run(self, inputs: list[str]) -> int:
        return self.store.start_run(inputs)

    def record_progress(self, run_id: int, counts: RunCounts) -> None:
        self.store.record_progress(run_id, counts)

    def finish_run(self, run_id: int, counts: RunCounts, status: str = "finished") -> None:
        self.store.finish_run(run_id, counts, status=status)

    def save(self, article: Article) -> SaveOutcome:
        outcome = self.store.save(article)
        self.saved.append((article.id, article.url or "", outcome))
        return outcome

    def save_pending(self, fetch: PendingFetch) -> bool:
        return self.store.save_pending(fetch)

    def record_drop(self, run_id: int | None, dropped: Dropped) -> None:
        self.store.record_drop(run_id, dropped)


class LedgerRecorder(RoundRecorder):
    """A recorder for a store that records ingest shards (so a round resumes)."""

    def shard_state(self, key: str) -> tuple[int, bool] | None:
        ledger: Any = self.store
        state: tuple[int, bool] | None = ledger.shard_state(key)
        return state

    def record_shards(self, run_id: int | None, shards: Sequence[tuple[str, int, bool]]) -> None:
        ledger: Any = self.store
        ledger.record_shards(run_id, shards)


def recorder_for(store: Store) -> RoundRecorder:
    if hasattr(store, "shard_state") and hasattr(store, "record_shards"):
        return LedgerRecorder(store)
    return RoundRecorder(store)


def pending_urls(store: Store, location: str | Path, limit: int = 1000) -> list[str]:
    """URLs of the feed items a store recorded as pending fetches (oldest first).

    A store with `pending_fetches(limit)` answers itself; for a SQLite file the table is
    read directly, read-only, until the store offers that method."""
    method = getattr(store, "pending_fetches", None)
    if callable(method):
        return [item.url if hasattr(item, "url") else str(item) for item in method(limit)]
    text = str(location)
    if "://" in text and not text.startswith("sqlite:"):
        return []
    path = Path(text.removeprefix("sqlite:///"))
    if not path.is_file():
        return []
    try:
        uri = "file:" + urllib.parse.quote(str(path.resolve())) + "?mode=ro"
        db = sqlite3.connect(uri, uri=True, timeout=5)
        try:
            rows = db.execute(
                "SELECT url FROM pending_fetches ORDER BY created LIMIT ?", (limit,)
            ).fetchall()
        finally:
            db.close()
    except sqlite3.Error:
        return []
    return [str(row[0]) for row in rows]
