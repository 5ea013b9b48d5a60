"""The watcher's own state, in a SQLite file beside the store (`<db>.watch.sqlite`).

It holds what only the watcher needs and writes: each source's health and HTTP
validators, every article URL met (so each is fetched once), the rounds and their
archives (so a round cut short is ingested on restart), and the alerts already sent.
Kept apart from the store so that it works the same for a SQLite or a PostgreSQL
store, and one process (the watcher's main thread) writes it.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS sources (
    url TEXT PRIMARY KEY,
    name TEXT NOT NULL DEFAULT '',
    kind TEXT,
    last_poll TEXT,
    next_poll REAL NOT NULL DEFAULT 0,
    etag TEXT,
    last_modified TEXT,
    last_status INTEGER,
    last_error TEXT,
    errors INTEGER NOT NULL DEFAULT 0,
    polls INTEGER NOT NULL DEFAULT 0,
    found INTEGER NOT NULL DEFAULT 0,
    fetched INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS seen (
    url TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    round INTEGER NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 1,
    updated TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS rounds (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started TEXT NOT NULL,
    finished TEXT,
    status TEXT NOT NULL,
    files TEXT NOT NULL DEFAULT '[]',
    counts TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE IF NOT EXISTS alerts_sent (
    alert TEXT NOT NULL,
    match TEXT NOT NULL,
    sent TEXT NOT NULL,
    PRIMARY KEY (alert, match)
);
"""
# Failures worth trying again in a later round, at most MAX_ATTEMPTS times in all.
TRANSIENT = frozenset({"unreachable", "timeout", "http_status", "stopped"})
MAX_ATTEMPTS = 3


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass(slots=True)
class SourceState:
    url: str
    name: str = ""
    kind: str | None = None
    last_poll: str | None = None
    next_poll: float = 0.0
    etag: str | None = None
    last_modified: str | None = None
    last_status: int | None = None
    last_error: str | None = None
    errors: int = 0
    polls: int = 0
    found: int = 0
    fetched: int = 0
    failed: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {key: getattr(self, key) for key in self.__slots__}


def state_path_for(db: str | Path) -> Path:
    """The default state file of a store: `<db>.watch.sqlite`, or
    `newsloom.watch.sqlite` for a server store (a URL)."""
    text = str(db)
    if "://" in text and not text.startswith("sqlite:"):
        return Path("newsloom.watch.sqlite")
    return Path(text.removeprefix("sqlite:///") + ".watch.sqlite")


class WatchState:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.close()

    # -- sources --

    def source(self, url: str) -> SourceState:
        row = self.db.execute("SELECT * FROM sources WHERE url = ?", (url,)).fetchone()
        return SourceState(**dict(row)) if row else SourceState(url=url)

    def sources(self) -> list[SourceState]:
        rows = self.db.execute("SELECT * FROM sources ORDER BY url").fetchall()
        return [SourceState(**dict(row)) for row in rows]

    def save_source(self, state: SourceState) -> None:
        values = state.to_dict()
        columns = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        self.db.execute(
            f"INSERT OR REPLACE INTO sources ({columns}) VALUES ({marks})", tuple(values.values())
        )

    # -- article URLs --

    def should_fetch(self, url: str) -> bool:
        row = self.db.execute("SELECT status, attempts FROM seen WHERE url = ?", (url,)).fetchone()
        if row is None:
            return True
        status, attempts = row["status"], row["attempts"]
        return status.removeprefix("failed:") in TRANSIENT and attempts < MAX_ATTEMPTS

    def mark(self, url: str, source: str, round_id: int, status: str) -> None:
        self.db.execute(
            "INSERT INTO seen (url, source, round, status, updated) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (url) DO UPDATE SET status = excluded.status,"
            " round = excluded.round, attempts = seen.attempts + 1, updated = excluded.updated",
            (url, source, round_id, status, now()),
        )

    def retryable(self, limit: int = 1000) -> list[tuple[str, str]]:
        """(url, source) of fetches that failed for a passing reason, to try again."""
        marks = ", ".join("?" for _ in TRANSIENT)
        rows = self.db.execute(
            f"SELECT url, source FROM seen WHERE attempts < ? AND status IN ({marks})"
            " ORDER BY updated LIMIT ?",
            (MAX_ATTEMPTS, *(f"failed:{reason}" for reason in sorted(TRANSIENT)), limit),
        ).fetchall()
        return [(row["url"], row["source"]) for row in rows]

    def seen_count(self, status: str | None = None) -> int:
        if status is None:
            return int(self.db.execute("SELECT count(*) FROM seen").fetchone()[0])
        query = "SELECT count(*) FROM seen WHERE status = ?"
        return int(self.db.execute(query, (status,)).fetchone()[0])

    # -- rounds --

    def start_round(self) -> int:
        cursor = self.db.execute(
            "INSERT INTO rounds (started, status) VALUES (?, 'fetching')", (now(),)
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def set_round(
        self,
        round_id: int,
        status: str,
        files: list[str] | None = None,
        counts: dict[str, Any] | None = None,
    ) -> None:
        sets, values = ["status = ?"], [status]
        if files is not None:
            sets.append("files = ?")
            values.append(json.dumps(files))
        if counts is not None:
            sets.append("counts = ?")
            values.append(json.dumps(counts))
        if status in ("ingested", "failed"):
            sets.append("finished = ?")
            values.append(now())
        self.db.execute(f"UPDATE rounds SET {', '.join(sets)} WHERE id = ?", (*values, round_id))

    def unfinished_rounds(self) -> list[tuple[int, list[str]]]:
        rows = self.db.execute(
            "SELECT id, files FROM rounds WHERE status NOT IN ('ingested', 'failed') ORDER BY id"
        ).fetchall()
        return [(row["id"], json.loads(row["files"])) for row in rows]

    def rounds(self, limit: int = 10) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT * FROM rounds ORDER BY id DESC LIMIT ?", (limit,))
        return [
            {**dict(row), "files": json.loads(row["files"]), "counts": json.loads(row["counts"])}
            for row in rows.fetchall()
        ]

    # -- alerts --

    def claim_alert(self, alert: str, match: str) -> bool:
        """True the first time (alert, match) is claimed; never again after."""
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO alerts_sent (alert, match, sent) VALUES (?, ?, ?)",
            (alert, match, now()),
        )
        return cursor.rowcount == 1

    def unclaim_alert(self, alert: str, match: str) -> None:
        self.db.execute("DELETE FROM alerts_sent WHERE alert = ? AND match = ?", (alert, match))


def due(state: SourceState, at: float | None = None) -> bool:
    return state.next_poll <= (time.time() if at is None else at)
