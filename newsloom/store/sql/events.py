"""Coded events (schema version 7): one row per article and event.

The event's record is kept whole as JSON (`record`), with the columns the UI and
API filter on (type, day, place, the actors' entities, the evidence span) beside it.
`write_events` replaces an article's rows inside the caller's transaction;
`read_events` rebuilds them. `list_events` and `event_day_counts` serve the events
page and `/api/events`: each listed event carries its article (id, url, source, date),
the sentence it was coded from (the article text sliced by the stored span) and its
place's coordinates (from the `places` table of migration 6).
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from newsloom.record import Article, Event, parse_iso
from newsloom.store.records import EventFilter, EventRecord, event_day
from newsloom.store.sql.dialect import Db
from newsloom.store.sql.reviews import unrejected_sql

EVENTS_SQL = """
CREATE TABLE events (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    type TEXT NOT NULL,
    date TEXT,
    day TEXT,
    place_id TEXT,
    source_entity TEXT,
    target_entity TEXT,
    start INTEGER NOT NULL DEFAULT 0,
    "end" INTEGER NOT NULL DEFAULT 0,
    record TEXT NOT NULL,
    confidence REAL NOT NULL,
    PRIMARY KEY (article_id, position)
);
CREATE INDEX events_type_day ON events (type, day);
CREATE INDEX events_day ON events (day);
CREATE INDEX events_place ON events (place_id);
CREATE INDEX events_source_entity ON events (source_entity);
CREATE INDEX events_target_entity ON events (target_entity);
"""

# A sentence longer than this is cut in listings (the span still points at all of it).
SENTENCE_CHARS = 600


def write_events(db: Db, article_id: str, article: Article) -> None:
    db.execute("DELETE FROM events WHERE article_id = ?", (article_id,))
    db.executemany(
        "INSERT INTO events (article_id, position, type, date, day, place_id, source_entity,"
        ' target_entity, start, "end", record, confidence)'
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                article_id,
                i,
                event.type,
                event.date,
                event_day(event.date),
                event.place_id,
                event.source.entity_id if event.source else None,
                event.target.entity_id if event.target else None,
                event.start,
                event.end,
                json.dumps(event.to_dict(), ensure_ascii=False),
                event.confidence,
            )
            for i, event in enumerate(article.events)
        ],
    )


def read_events(db: Db, article_ids: list[str]) -> dict[str, list[Event]]:
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


# Listing --------------------------------------------------------------------------

# The event's place row: the first of the article's places with the event's place id.
_PLACE = (
    "LEFT JOIN places p ON p.article_id = e.article_id AND p.entity_id = e.place_id"
    " AND p.position = (SELECT min(position) FROM places q"
    " WHERE q.article_id = e.article_id AND q.entity_id = e.place_id)"
)


def _where(filters: EventFilter) -> tuple[str, list[Any]]:
    conditions: list[str] = []
    params: list[Any] = []
    if filters.type:
        conditions.append("e.type = ?")
        params.append(filters.type.upper())
    if filters.since is not None:
        conditions.append("e.day >= ?")
        params.append(filters.since.isoformat())
    if filters.until is not None:
        conditions.append("e.day <= ?")
        params.append(filters.until.isoformat())
    if filters.place:
        conditions.append("(e.place_id = ? OR lower(p.name) = lower(?))")
        params.extend([filters.place, filters.place])
    if filters.entity:
        conditions.append("(e.source_entity = ? OR e.target_entity = ?)")
        params.extend([filters.entity, filters.entity])
    if filters.min_confidence > 0:
        # Stored rounded to 3 places: compare with the same rounding.
        conditions.append("round(e.confidence, 3) >= ?")
        params.append(round(filters.min_confidence, 3))
    if not filters.include_rejected:
        conditions.append(unrejected_sql("event", "e"))
    return (f"WHERE {' AND '.join(conditions)}" if conditions else ""), params


def list_events(
    db: Db, filters: EventFilter, limit: int = 50, offset: int = 0
) -> list[EventRecord]:
    """Events newest day first (undated last), then by article and position."""
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit}")
    where, params = _where(filters)
    rows = db.execute(
        "SELECT e.article_id, e.position, e.record, a.url, a.title, a.source, a.published,"
        " substr(a.text, CAST(e.start + 1 AS INTEGER), CAST(CASE WHEN"
        f' e."end" - e.start < {SENTENCE_CHARS} THEN e."end" - e.start'
        f" ELSE {SENTENCE_CHARS} END AS INTEGER)) AS sentence,"
        " p.name AS place_name, p.latitude, p.longitude"
        f" FROM events e JOIN articles a ON a.id = e.article_id {_PLACE} {where}"
        " ORDER BY e.day IS NULL, e.day DESC, e.article_id, e.position LIMIT ? OFFSET ?",
        [*params, limit, max(offset, 0)],
    ).fetchall()
    return [
        EventRecord(
            event=Event.from_dict(json.loads(row["record"])),
            article_id=row["article_id"],
            position=row["position"],
            url=row["url"],
            title=row["title"],
            source=row["source"],
            published=parse_iso(row["published"]),
            sentence=row["sentence"] or "",
            place_name=row["place_name"],
            latitude=row["latitude"],
            longitude=row["longitude"],
        )
        for row in rows
    ]


def count_events(db: Db, filters: EventFilter) -> int:
    where, params = _where(filters)
    row = db.execute(
        f"SELECT count(*) FROM events e {_PLACE} {where}",
        params,
    ).fetchone()
    return int(row[0])


def event_day_counts(db: Db, filters: EventFilter) -> list[tuple[str, str, int]]:
    """(day, type, events) for the timeline, oldest day first; undated events left out."""
    where, params = _where(filters)
    where = f"{where} AND e.day IS NOT NULL" if where else "WHERE e.day IS NOT NULL"
    rows = db.execute(
        f"SELECT e.day, e.type, count(*) AS n FROM events e {_PLACE} {where}"
        " GROUP BY e.day, e.type ORDER BY e.day, e.type",
        params,
    ).fetchall()
    return [(row["day"], row["type"], int(row["n"])) for row in rows]
