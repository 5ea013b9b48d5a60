"""Resolved places in SQLite (schema version 6): one row per article and place.

`write_places` replaces an article's rows inside the caller's transaction;
`read_places` rebuilds them in saved order for a batch of articles.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict

from newsloom.record import Article, Place

PLACES_SQL = """
CREATE TABLE places (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    entity_id TEXT NOT NULL,
    name TEXT NOT NULL,
    latitude REAL NOT NULL,
    longitude REAL NOT NULL,
    kind TEXT NOT NULL,
    country TEXT,
    geonames_id INTEGER,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    confidence REAL NOT NULL,
    PRIMARY KEY (article_id, position)
);
CREATE INDEX places_entity ON places (entity_id, article_id);
"""

_INSERT = (
    "INSERT INTO places (article_id, position, entity_id, name, latitude, longitude, kind,"
    ' country, geonames_id, text, start, "end", confidence)'
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def write_places(db: sqlite3.Connection, article_id: str, article: Article) -> None:
    db.execute("DELETE FROM places WHERE article_id = ?", (article_id,))
    db.executemany(
        _INSERT,
        [
            (
                article_id,
                i,
                p.entity_id,
                p.name,
                p.latitude,
                p.longitude,
                p.kind,
                p.country,
                p.geonames_id,
                p.text,
                p.start,
                p.end,
                p.confidence,
            )
            for i, p in enumerate(article.places)
        ],
    )


def read_places(db: sqlite3.Connection, article_ids: list[str]) -> dict[str, list[Place]]:
    found: dict[str, list[Place]] = defaultdict(list)
    if not article_ids:
        return found
    marks = ", ".join("?" for _ in article_ids)
    for row in db.execute(
        f"SELECT * FROM places WHERE article_id IN ({marks}) ORDER BY article_id, position",
        article_ids,
    ):
        found[row["article_id"]].append(
            Place(
                entity_id=row["entity_id"],
                name=row["name"],
                latitude=row["latitude"],
                longitude=row["longitude"],
                kind=row["kind"],
                text=row["text"],
                start=row["start"],
                end=row["end"],
                country=row["country"],
                geonames_id=row["geonames_id"],
                confidence=row["confidence"],
            )
        )
    return found
