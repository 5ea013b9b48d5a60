"""Coded events in SQLite (schema version 7): one row per article and event.

The event's record is kept whole as JSON (`record`), with the columns the UI and
API filter on (type, date, place, coordinates) beside it. `write_events` replaces an
article's rows inside the caller's transaction; `read_events` rebuilds them.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict

from newsloom.record import Article, Event

EVENTS_SQL = """
CREATE TABLE events (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    type TEXT NOT NULL,
    date TEXT,
    day TEXT,
    place_id TEXT,
    record TEXT NOT NULL,
    confidence REAL NOT NULL,
    PRIMARY KEY (article_id, position)
);
CREATE INDEX events_type_day ON events (type, day);
CREATE INDEX events_day ON events (day);
CREATE INDEX events_place ON events (place_id);
"""


def write_events(db: sqlite3.Connection, article_id: str, article: Article) -> None:
    db.execute("DELETE FROM events WHERE article_id = ?", (article_id,))
    db.executemany(
        "INSERT INTO events (article_id, position, type, date, day, place_id, record, confidence)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                article_id,
                i,
                event.type,
                event.date,
                _day(event.date),
                event.place_id,
                json.dumps(event.to_dict(), ensure_ascii=False),
                event.confidence,
            )
            for i, event in enumerate(article.events)
        ],
    )


def _day(value: str | None) -> str | None:
    """The calendar day of a TIMEX3 value when it names one (`2025-09-24`), else None."""
    if (
        value
        and len(value) >= 10
        and value[4] == "-"
        and value[7] == "-"
        and value[:10].replace("-", "").isdigit()
    ):
        return value[:10]
    return None


def read_events(db: sqlite3.Connection, article_ids: list[str]) -> dict[str, list[Event]]:
    found: dict[str, list[Event]] = defaultdict(list)
    if not article_ids:
        return found
    marks = ", ".join("?" for _ in article_ids)
    for row in db.execute(
        f"SELECT article_id, record FROM events WHERE article_id IN ({marks})"
        " ORDER BY article_id, position",
        article_ids,
    ):
        found[row["article_id"]].append(Event.from_dict(json.loads(row["record"])))
    return found
