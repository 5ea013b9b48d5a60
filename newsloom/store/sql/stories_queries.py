"""Reading stories from the store: an article's story, the story list, one story.

Everything here is an indexed lookup: stories by `(last_key, id)` (a partial index for
stories of more than one article), members by `story_articles (story_id)`. The events of a
story's articles come from the `events` table of migration 7, read defensively: a store
without it, or with rows this version cannot read, simply shows no events.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from typing import Any

from newsloom.record import parse_iso
from newsloom.store.records import Page
from newsloom.store.rows import decode_cursor, encode_cursor
from newsloom.store.sql.dialect import Db, Row, table_columns
from newsloom.stories.grouping import Member
from newsloom.stories.records import (
    ArticleStory,
    StoryArticle,
    StoryDetail,
    StoryEvent,
    StorySummary,
)

_STORY_COLUMNS = "id, title, first_published, last_published, article_count, source_count, last_key"


def _summary(row: Row) -> StorySummary:
    return StorySummary(
        id=row["id"],
        title=row["title"],
        first_published=parse_iso(row["first_published"]),
        last_published=parse_iso(row["last_published"]),
        article_count=row["article_count"],
        source_count=row["source_count"],
    )


def _members(db: Db, story_id: str) -> list[StoryArticle]:
    """The story's articles in time order (earliest first, undated last, then id)."""
    rows = db.execute(
        "SELECT a.id, a.title, a.url, a.source, a.site, a.published, a.published_key,"
        " sa.copy_of, sa.similarity FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
        " WHERE sa.story_id = ?",
        (story_id,),
    ).fetchall()
    rows.sort(key=lambda r: Member(r["id"], r["published_key"]).order)
    return [
        StoryArticle(
            id=row["id"],
            title=row["title"],
            url=row["url"],
            source=row["source"],
            site=row["site"],
            published=parse_iso(row["published"]),
            copy_of=row["copy_of"],
            similarity=float(row["similarity"]),
        )
        for row in rows
    ]


def story_summary(db: Db, story_id: str) -> StorySummary | None:
    row = db.execute(f"SELECT {_STORY_COLUMNS} FROM stories WHERE id = ?", (story_id,)).fetchone()
    return _summary(row) if row is not None else None


def story_of(db: Db, article_id: str) -> ArticleStory | None:
    """The article's story; `copies` are the other articles folded onto the same original."""
    row = db.execute(
        "SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)
    ).fetchone()
    story = story_summary(db, row[0]) if row is not None else None
    if story is None:
        return None
    members = _members(db, story.id)
    by_id = {m.id: m for m in members}
    me = by_id.get(article_id)
    head = me.copy_of if me is not None and me.copy_of else article_id
    group = {head} | {m.id for m in members if m.copy_of == head}
    return ArticleStory(
        article_id=article_id,
        story=story,
        copy_of=by_id.get(me.copy_of) if me is not None and me.copy_of else None,
        copies=[m for m in members if m.id in group and m.id not in (article_id, head)],
        others=[m for m in members if m.id not in group],
    )


def list_stories(
    db: Db,
    limit: int = 20,
    cursor: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    source: str | None = None,
    entity: str | None = None,
    shared_only: bool = True,
) -> Page[StorySummary]:
    """Stories with the latest article first; `shared_only` skips stories of one article.

    `since`/`until` keep stories whose days overlap the range; `source` matches an
    article's source or site, `entity` an entity id named by one of its articles.
    """
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit}")
    conditions: list[str] = []
    params: list[Any] = []
    if shared_only:
        conditions.append("article_count > 1")
    if cursor is not None:
        conditions.append("(last_key, id) < (?, ?)")
        params.extend(decode_cursor(cursor))
    if since is not None:
        conditions.append("last_day >= ?")
        params.append(since.isoformat())
    if until is not None:
        conditions.append("first_day <= ?")
        params.append(until.isoformat())
    if source:
        conditions.append(
            "EXISTS (SELECT 1 FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
            " WHERE sa.story_id = s.id AND (a.source = ? OR a.site = ?))"
        )
        params.extend((source, source))
    if entity:
        conditions.append(
            "EXISTS (SELECT 1 FROM story_articles sa JOIN article_entities e"
            " ON e.article_id = sa.article_id WHERE sa.story_id = s.id AND e.entity_id = ?)"
        )
        params.append(entity)
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    rows = db.execute(
        f"SELECT {_STORY_COLUMNS} FROM stories s {where} ORDER BY last_key DESC, id DESC LIMIT ?",
        [*params, limit + 1],
    ).fetchall()
    items = [_summary(row) for row in rows[:limit]]
    last = rows[limit - 1] if len(rows) > limit else None
    return Page(items, encode_cursor(last["last_key"], last["id"]) if last else None)


def story_detail(db: Db, story_id: str) -> StoryDetail | None:
    story = story_summary(db, story_id)
    if story is None:
        return None
    members = _members(db, story_id)
    return StoryDetail(story, members, _events(db, [m.id for m in members]))


def _events(db: Db, article_ids: list[str]) -> list[StoryEvent]:
    """The events of these articles by date, when the events table exists and reads; an
    event several articles report (the same type, date, trigger and actors) comes once."""
    if not article_ids:
        return []
    if not table_columns(db, "events"):
        return []
    ids = article_ids[:900]
    marks = ", ".join("?" for _ in ids)
    try:
        rows = db.execute(
            "SELECT article_id, position, type, date, place_id, confidence, record FROM events"
            f" WHERE article_id IN ({marks}) ORDER BY coalesce(date, ''), article_id, position",
            ids,
        ).fetchall()
    except db.dialect.error:
        return []
    events: dict[tuple[str, str, str, str, str], StoryEvent] = {}
    for row in rows:
        try:
            record = json.loads(row["record"]) if row["record"] else {}
        except (TypeError, ValueError):
            record = {}
        event = StoryEvent(
            article_id=row["article_id"],
            position=int(row["position"]),
            type=str(row["type"]),
            date=row["date"],
            place_id=row["place_id"],
            confidence=float(row["confidence"] or 0.0),
            record=record if isinstance(record, dict) else {},
        )
        # Copies carry the same sentences: one event, told by several articles, is one row.
        first = events.get(event.key())
        if first is None:
            events[event.key()] = event
        elif event.article_id != first.article_id and event.article_id not in first.also_in:
            events[event.key()] = replace(first, also_in=(*first.also_in, event.article_id))
    return list(events.values())
