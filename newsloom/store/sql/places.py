"""Resolved places (schema version 6): one row per article and place.

`write_places` replaces an article's rows inside the caller's transaction;
`read_places` rebuilds them in saved order for a batch of articles. `list_places`,
`count_places` and `place_detail` are the corpus-wide queries the API and UI use.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from newsloom.record import Article, Place
from newsloom.store.records import PlaceDetail, PlaceFilter, PlaceMention, PlaceSummary
from newsloom.store.sql.dialect import Db, Row, escape_like
from newsloom.store.sql.reviews import unrejected_sql

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


def write_places(db: Db, article_id: str, article: Article) -> None:
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


def read_places(db: Db, article_ids: list[str]) -> dict[str, list[Place]]:
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


# -- corpus-wide queries ---------------------------------------------------------------


def _where(filters: PlaceFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    values: list[Any] = []
    if filters.country:
        clauses.append("p.country = ?")
        values.append(filters.country.upper())
    if filters.kind:
        clauses.append("p.kind = ?")
        values.append(filters.kind)
    if filters.prefix:
        clauses.append("lower(p.name) LIKE lower(?) ESCAPE '\\'")
        values.append(escape_like(filters.prefix) + "%")
    if filters.since is not None:
        clauses.append("a.published_day >= ?")
        values.append(filters.since.isoformat())
    if filters.until is not None:
        clauses.append("a.published_day <= ?")
        values.append(filters.until.isoformat())
    if not filters.include_rejected:
        clauses.append(unrejected_sql("place", "p"))
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", values


# The latest resolution of a place (highest rowid) names and places it in summaries.
_SUMMARY = """
SELECT p.entity_id, COUNT(DISTINCT p.article_id) AS articles, MAX(p.rowid) AS last
FROM places p JOIN articles a ON a.id = p.article_id{where}
GROUP BY p.entity_id
"""


def list_places(
    db: Db, filters: PlaceFilter, limit: int = 50, offset: int = 0
) -> list[PlaceSummary]:
    """Places in most articles first (then by id), one row per place entity."""
    where, values = _where(filters)
    sql = (
        f"SELECT s.articles, p.* FROM ({_SUMMARY.format(where=where)}) s"
        " JOIN places p ON p.rowid = s.last"
        " ORDER BY s.articles DESC, s.entity_id LIMIT ? OFFSET ?"
    )
    return [_summary(row) for row in db.execute(sql, [*values, max(limit, 0), max(offset, 0)])]


def count_places(db: Db, filters: PlaceFilter) -> int:
    where, values = _where(filters)
    sql = f"SELECT COUNT(*) FROM ({_SUMMARY.format(where=where)}) AS s"
    return int(db.execute(sql, values).fetchone()[0])


def place_detail(db: Db, entity_id: str, limit: int = 200) -> PlaceDetail | None:
    """The place and the articles naming it, newest first."""
    found = list_places_by_id(db, entity_id)
    if found is None:
        return None
    rows = db.execute(
        "SELECT p.article_id, a.url, a.title, a.source, a.published, p.text, p.start,"
        ' p."end", p.confidence FROM places p JOIN articles a ON a.id = p.article_id'
        " WHERE p.entity_id = ? ORDER BY a.published_key DESC, a.seq DESC LIMIT ?",
        (entity_id, max(limit, 0)),
    )
    mentions = [
        PlaceMention(
            article_id=row["article_id"],
            url=row["url"],
            title=row["title"],
            source=row["source"],
            published=row["published"],
            text=row["text"],
            start=row["start"],
            end=row["end"],
            confidence=row["confidence"],
        )
        for row in rows
    ]
    return PlaceDetail(found, mentions)


def list_places_by_id(db: Db, entity_id: str) -> PlaceSummary | None:
    row = db.execute(
        "SELECT s.articles, p.* FROM (SELECT COUNT(DISTINCT article_id) AS articles,"
        " MAX(rowid) AS last FROM places WHERE entity_id = ?) s"
        " JOIN places p ON p.rowid = s.last",
        (entity_id,),
    ).fetchone()
    return _summary(row) if row is not None else None


def _summary(row: Row) -> PlaceSummary:
    return PlaceSummary(
        entity_id=row["entity_id"],
        name=row["name"],
        latitude=row["latitude"],
        longitude=row["longitude"],
        kind=row["kind"],
        country=row["country"],
        geonames_id=row["geonames_id"],
        articles=row["articles"],
    )
