"""Corpus-wide questions about the facts, answered from the fact tables.

Called by the store inside a read; every function takes the connection. Names
are looked up by `alias_key` (case-insensitive): an entity id, else a canonical
name, else any mention text; when several entities share the name, the one it
names most often wins, then the one in more articles.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import Any

from newsloom.record import parse_iso
from newsloom.store.records import (
    ArticleRef,
    EntityDetail,
    EntitySummary,
    QuoteRecord,
    RoleRecord,
    alias_key,
)
from newsloom.store.sql.dialect import Db, Row
from newsloom.store.sql.facts import quote_from_row
from newsloom.store.sql.reviews import unrejected_entity_sql

# How many roles, articles and quotes of each kind `entity_detail` returns at most.
DETAIL_LIMIT = 100

_QUOTE_COLUMNS = (
    "q.*, a.url AS article_url, a.title AS article_title, a.published AS article_published"
)
_QUOTE_ORDER = "ORDER BY a.published_key DESC, q.article_id DESC, q.position"


def entity_where(type: str | None, include_rejected: bool) -> tuple[str, list[Any]]:
    """The entities of this type (any: None), less those whose every mention an analyst
    rejected unless `include_rejected`."""
    conditions, params = (["type = ?"], [type]) if type else ([], [])
    if not include_rejected:
        conditions.append(unrejected_entity_sql("id"))
    return (f"WHERE {' AND '.join(conditions)}" if conditions else ""), params


def list_entities(
    db: Db, type: str | None, limit: int, offset: int, include_rejected: bool = False
) -> list[EntitySummary]:
    """Entities in most articles first (then most mentions, then id)."""
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit}")
    where, params = entity_where(type, include_rejected)
    rows = db.execute(
        f"SELECT * FROM entities {where}"
        " ORDER BY article_count DESC, mention_count DESC, id LIMIT ? OFFSET ?",
        [*params, limit, max(offset, 0)],
    ).fetchall()
    return [entity_summary(row) for row in rows]


def find_entity_id(db: Db, id_or_name: str) -> str | None:
    """The id of the entity with this id, canonical name or alias (any case)."""
    row = db.execute("SELECT id FROM entities WHERE id = ?", (id_or_name,)).fetchone()
    if row is not None:
        return str(row[0])
    key = alias_key(id_or_name)
    if not key:
        return None
    row = db.execute(
        "SELECT id FROM entities WHERE name_key = ?"
        " ORDER BY article_count DESC, mention_count DESC, id LIMIT 1",
        (key,),
    ).fetchone()
    if row is None:
        row = db.execute(
            "SELECT m.entity_id FROM mentions m JOIN entities e ON e.id = m.entity_id"
            " WHERE m.text_key = ? GROUP BY m.entity_id, e.article_count"
            " ORDER BY count(*) DESC, e.article_count DESC, m.entity_id LIMIT 1",
            (key,),
        ).fetchone()
    return str(row[0]) if row is not None else None


def entity_detail(db: Db, id_or_name: str, limit: int = DETAIL_LIMIT) -> EntityDetail | None:
    entity_id = find_entity_id(db, id_or_name)
    if entity_id is None:
        return None
    row = db.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()
    summary = entity_summary(row)
    roles = db.execute(
        'SELECT r.article_id, r.title, r."of", r."to", r.text, r.start, r."end", r.confidence'
        " FROM roles r JOIN articles a ON a.id = r.article_id WHERE r.entity_id = ?"
        " ORDER BY a.published_key DESC, r.article_id DESC, r.entity_position, r.position"
        " LIMIT ?",
        (entity_id, limit),
    ).fetchall()
    articles = db.execute(
        "SELECT a.id, a.url, a.title, a.published FROM articles a WHERE a.id IN"
        " (SELECT article_id FROM article_entities WHERE entity_id = ?)"
        " ORDER BY a.published_key DESC, a.id DESC LIMIT ?",
        (entity_id, limit),
    ).fetchall()
    quotes_by = db.execute(
        f"SELECT {_QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id"
        f" WHERE q.speaker_id = ? {_QUOTE_ORDER} LIMIT ?",
        (entity_id, limit),
    ).fetchall()
    return EntityDetail(
        entity=summary,
        roles=[RoleRecord(*row) for row in roles],
        articles=[ArticleRef(row[0], row[1], row[2], parse_iso(row[3])) for row in articles],
        quotes_by=[_quote_record(row) for row in quotes_by],
        quotes_about=list(_quotes_about(db, summary, limit)),
    )


def _quotes_about(db: Db, entity: EntitySummary, limit: int) -> Iterator[QuoteRecord]:
    """Quotes not by the entity, in its articles, that mention it inside their span
    (one of its mentions lies there) or name one of its aliases (whole word, same case)."""
    names = sorted({entity.name, *entity.aliases}, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")
    rows = db.execute(
        f"SELECT {_QUOTE_COLUMNS}, EXISTS (SELECT 1 FROM mentions m"
        " WHERE m.article_id = q.article_id AND m.entity_id = :id"
        ' AND m.start >= q.start AND m."end" <= q."end") AS mentioned'
        " FROM quotes q JOIN articles a ON a.id = q.article_id"
        " WHERE q.article_id IN (SELECT article_id FROM article_entities WHERE entity_id = :id)"
        f" AND (q.speaker_id IS NULL OR q.speaker_id != :id) {_QUOTE_ORDER}",
        {"id": entity.id},
    )
    found = 0
    for row in rows:
        if found >= limit:
            return
        if row["mentioned"] or pattern.search(row["text"]):
            found += 1
            yield _quote_record(row)


def list_quotes(
    db: Db, speaker: str | None, since: dt.date | None, limit: int
) -> list[QuoteRecord]:
    """Quotes, newest article first; `since` compares the quote's own date when it has
    one, else its article's publication day."""
    conditions: list[str] = []
    params: list[object] = []
    if speaker is not None:
        keys = {alias_key(speaker)}
        entity_id = find_entity_id(db, speaker)
        if entity_id is not None:
            row = db.execute(
                "SELECT name, aliases FROM entities WHERE id = ?", (entity_id,)
            ).fetchone()
            keys |= {alias_key(name) for name in [row[0], *json.loads(row[1])]}
        marks = ", ".join("?" for _ in keys)
        conditions.append(f"(q.speaker_id = ? OR q.speaker_key IN ({marks}))")
        params += [entity_id, *sorted(keys)]
    if since is not None:
        conditions.append("substr(coalesce(q.date, a.published_day), 1, 10) >= ?")
        params.append(since.isoformat())
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    rows = db.execute(
        f"SELECT {_QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id"
        f" {where} {_QUOTE_ORDER} LIMIT ?",
        [*params, max(limit, 0)],
    ).fetchall()
    return [_quote_record(row) for row in rows]


def entity_summary(row: Row) -> EntitySummary:
    return EntitySummary(
        id=row["id"],
        name=row["name"],
        type=row["type"],
        aliases=[str(alias) for alias in json.loads(row["aliases"])],
        article_count=row["article_count"],
        mention_count=row["mention_count"],
    )


def _quote_record(row: Row) -> QuoteRecord:
    article = ArticleRef(
        row["article_id"],
        row["article_url"],
        row["article_title"],
        parse_iso(row["article_published"]),
    )
    return QuoteRecord(quote_from_row(row), article)
