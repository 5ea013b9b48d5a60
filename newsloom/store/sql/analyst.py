"""What an analyst's lists ask beyond the first facts queries (issue 11): names that
resolve to the main entity, quotes filtered and paged with a total, an entity's articles
paged, entities counted.

A name resolves to every entity it may mean: one whose id it is, whose canonical name or
alias it is, whose mentions it is, or whose name holds it as whole words ("Musharraf" in
"Pervez Musharraf"); the main one has the most mentions. Every value is a bound
parameter; `LIKE` patterns escape `%`, `_` and the escape character itself.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any, Literal

from newsloom.record import parse_iso
from newsloom.store.records import (
    ArticleFilter,
    ArticleRef,
    EntitySummary,
    QuoteRecord,
    alias_key,
)
from newsloom.store.sql.dialect import Db, escape_like
from newsloom.store.sql.fact_queries import entity_summary, entity_where
from newsloom.store.sql.facts import quote_from_row
from newsloom.store.sql.filters import filter_conditions
from newsloom.store.sql.reviews import unrejected_sql

# How many entities a name resolves to at most (the main one, then "did you mean").
MAX_CANDIDATES = 10


@dataclass(slots=True, frozen=True)
class QuoteFilter:
    """Which quotes to list; None means any.

    `speaker` and `about` are entity ids or names (resolved to the main entity; a speaker
    also matches quotes whose speaker's words are any of its names); `words` must occur in
    the quote (case-insensitive); `since`/`until` bound the quote's date, else its
    article's publication day; `kind` is "direct" or "reported"; `include_rejected` lists
    the quotes an analyst rejected too.
    """

    speaker: str | None = None
    about: str | None = None
    words: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    kind: Literal["direct", "reported"] | None = None
    include_rejected: bool = False


@dataclass(slots=True, frozen=True)
class QuoteHit:
    """A quote with its article and that article's source and site, for a list row."""

    record: QuoteRecord
    source: str | None
    position: int
    site: str | None = None


def resolve_entities(db: Db, name: str, limit: int = MAX_CANDIDATES) -> list[EntitySummary]:
    """The entities `name` may mean, the main one (most mentions) first; an exact id is
    the only answer."""
    row = db.execute("SELECT * FROM entities WHERE id = ?", (name,)).fetchone()
    if row is not None:
        return [entity_summary(row)]
    key = alias_key(name)
    if not key:
        return []
    word = escape_like(key)
    rows = db.execute(
        "SELECT * FROM entities WHERE name_key = ?"
        " OR id IN (SELECT entity_id FROM mentions WHERE text_key = ?)"
        " OR name_key LIKE ? ESCAPE '\\' OR name_key LIKE ? ESCAPE '\\'"
        " OR name_key LIKE ? ESCAPE '\\'"
        " ORDER BY mention_count DESC, article_count DESC, id LIMIT ?",
        (key, key, f"{word} %", f"% {word}", f"% {word} %", max(limit, 1)),
    ).fetchall()
    return [entity_summary(row) for row in rows]


def main_entity_id(db: Db, name: str) -> str | None:
    found = resolve_entities(db, name, limit=1)
    return found[0].id if found else None


def count_entities(db: Db, type: str | None, include_rejected: bool = False) -> int:
    where, params = entity_where(type, include_rejected)
    return int(db.execute(f"SELECT count(*) FROM entities {where}", params).fetchone()[0])


def entity_articles(db: Db, entity_id: str, limit: int, offset: int) -> list[ArticleRef]:
    """The entity's articles, newest first (then by id)."""
    rows = db.execute(
        "SELECT a.id, a.url, a.title, a.published FROM articles a WHERE a.id IN"
        " (SELECT article_id FROM article_entities WHERE entity_id = ?)"
        " ORDER BY a.published_key DESC, a.id DESC LIMIT ? OFFSET ?",
        (entity_id, max(limit, 1), max(offset, 0)),
    ).fetchall()
    return [ArticleRef(row[0], row[1], row[2], parse_iso(row[3])) for row in rows]


def count_entity_articles(db: Db, entity_id: str) -> int:
    row = db.execute(
        "SELECT count(DISTINCT article_id) FROM article_entities WHERE entity_id = ?",
        (entity_id,),
    ).fetchone()
    return int(row[0])


def _quote_where(db: Db, filters: QuoteFilter) -> tuple[str, list[Any]]:
    conditions: list[str] = []
    params: list[Any] = []
    if filters.speaker:
        keys = {alias_key(filters.speaker)}
        entity_id = main_entity_id(db, filters.speaker)
        if entity_id is not None:
            row = db.execute(
                "SELECT name, aliases FROM entities WHERE id = ?", (entity_id,)
            ).fetchone()
            keys |= {alias_key(name) for name in [row[0], *json.loads(row[1])]}
        marks = ", ".join("?" for _ in keys)
        conditions.append(f"(q.speaker_id = ? OR q.speaker_key IN ({marks}))")
        params += [entity_id, *sorted(keys)]
    if filters.about:
        about_id = main_entity_id(db, filters.about)
        conditions.append(
            "EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = q.article_id"
            ' AND m.entity_id = ? AND m.start >= q.start AND m."end" <= q."end")'
        )
        params.append(about_id)
    if filters.words and filters.words.strip():
        conditions.append("lower(q.text) LIKE ? ESCAPE '\\'")
        params.append(f"%{escape_like(filters.words.strip().lower())}%")
    day = "substr(coalesce(q.date, a.published_day), 1, 10)"
    if filters.since is not None:
        conditions.append(f"{day} >= ?")
        params.append(filters.since.isoformat())
    if filters.until is not None:
        conditions.append(f"{day} <= ?")
        params.append(filters.until.isoformat())
    if filters.kind:
        conditions.append("q.kind = ?")
        params.append(filters.kind)
    if not filters.include_rejected:
        conditions.append(unrejected_sql("quote", "q"))
    return (f"WHERE {' AND '.join(conditions)}" if conditions else ""), params


def find_quotes(db: Db, filters: QuoteFilter, limit: int, offset: int) -> list[QuoteHit]:
    """Quotes, newest article first, then in article order."""
    where, params = _quote_where(db, filters)
    rows = db.execute(
        "SELECT q.*, a.url AS article_url, a.title AS article_title,"
        " a.published AS article_published, a.source AS article_source,"
        " a.site AS article_site"
        f" FROM quotes q JOIN articles a ON a.id = q.article_id {where}"
        " ORDER BY a.published_key DESC, q.article_id DESC, q.position LIMIT ? OFFSET ?",
        [*params, max(limit, 1), max(offset, 0)],
    ).fetchall()
    return [
        QuoteHit(
            QuoteRecord(
                quote_from_row(row),
                ArticleRef(
                    row["article_id"],
                    row["article_url"],
                    row["article_title"],
                    parse_iso(row["article_published"]),
                ),
            ),
            row["article_source"],
            int(row["position"]),
            row["article_site"],
        )
        for row in rows
    ]


def count_quotes(db: Db, filters: QuoteFilter) -> int:
    where, params = _quote_where(db, filters)
    row = db.execute(
        f"SELECT count(*) FROM quotes q JOIN articles a ON a.id = q.article_id {where}", params
    ).fetchone()
    return int(row[0])


def count_matching_articles(db: Db, filters: ArticleFilter) -> int:
    """How many articles `list_articles` lists for these filters."""
    conditions, params = filter_conditions(db, filters)
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    return int(db.execute(f"SELECT count(*) FROM articles a {where}", params).fetchone()[0])
