"""Writing and reading an article's enrichment facts in the fact tables.

The tables are the only copy of the facts: `write_facts` replaces one article's rows
(delete, then insert, inside the caller's transaction) and returns the entities it
touched, whose corpus-wide rows `refresh_entities` recomputes; `read_facts` rebuilds the
typed facts, in their original order, for a batch of articles.

Which table a kind lives in comes from the fact registry (`newsloom.fact_kinds`): the
built-in kinds have tables of their own (`OWN_TABLES`: entities with their mentions and
roles, quotes and times of schema 5, places of 6, events of 7); any other kind is kept
in the generic `facts` table (migration 9), one row per fact with its JSON record.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import Any

from newsloom.fact_kinds import fact_kinds
from newsloom.record import Article, Entity, Mention, Quote, Role, TimeExpression
from newsloom.store.records import alias_key, facts_fingerprint
from newsloom.store.rows import dumps
from newsloom.store.sql.dialect import Db, Row
from newsloom.store.sql.events import read_events, write_events
from newsloom.store.sql.places import read_places, write_places

FACT_TABLES = ("article_entities", "mentions", "roles", "quotes", "times")

_INSERT_ENTITY = (
    "INSERT INTO article_entities (article_id, position, entity_id, name, type, confidence)"
    " VALUES (?, ?, ?, ?, ?, ?)"
)
_INSERT_MENTION = (
    "INSERT INTO mentions (article_id, entity_position, position, entity_id, text, text_key,"
    ' start, "end", confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'
)
_INSERT_ROLE = (
    'INSERT INTO roles (article_id, entity_position, position, entity_id, title, "of", "to",'
    ' text, start, "end", confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'
)
_INSERT_QUOTE = (
    "INSERT INTO quotes (article_id, position, text, kind, cue, speaker, speaker_key,"
    ' speaker_id, channel, date, start, "end", confidence, speaker_start, speaker_end,'
    " cue_start, cue_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_TIME = (
    'INSERT INTO times (article_id, position, text, value, type, start, "end", confidence)'
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)


# The tables this backend has for a kind of its own (`FactKind.table`).
OWN_TABLES = frozenset({"article_entities", "quotes", "times", "places", "events"})
_INSERT_FACT = (
    'INSERT INTO facts (article_id, kind, position, record, start, "end", confidence)'
    " VALUES (?, ?, ?, ?, ?, ?, ?)"
)

# One article's facts, keyed by kind (every registered kind, empty when it has none).
ArticleFacts = dict[str, list[Any]]


def write_facts(db: Db, article_id: str, article: Article) -> set[str]:
    """Replace every stored fact of `article_id`; returns the entities touched (see below)."""
    touched = write_schema5_facts(db, article_id, article)
    write_places(db, article_id, article)
    write_events(db, article_id, article)
    _write_generic_facts(db, article_id, article)
    return touched


def _write_generic_facts(db: Db, article_id: str, article: Article) -> None:
    db.execute("DELETE FROM facts WHERE article_id = ?", (article_id,))
    for kind in fact_kinds():
        if kind.table is not None:
            if kind.table not in OWN_TABLES:
                raise ValueError(
                    f"fact kind {kind.key!r} names table {kind.table!r}, which the store"
                    " does not have; leave `table` None to keep it in `facts`"
                )
            continue
        db.executemany(
            _INSERT_FACT,
            [
                (
                    article_id,
                    kind.key,
                    position,
                    dumps(fact.to_dict()),
                    getattr(fact, "start", None),
                    getattr(fact, "end", None),
                    getattr(fact, "confidence", None),
                )
                for position, fact in enumerate(article.facts_of(kind.key))
            ],
        )


def write_schema5_facts(db: Db, article_id: str, article: Article) -> set[str]:
    """Replace the stored entities, quotes and times of `article_id` with the article's.

    The tables of schema version 5 only: migration 5's backfill runs this before the
    later tables exist.

    Returns the ids of the entities it had before or has now: pass them to
    `refresh_entities` before the transaction ends.
    """
    touched = {
        row[0]
        for row in db.execute(
            "SELECT DISTINCT entity_id FROM article_entities WHERE article_id = ?", (article_id,)
        )
    }
    for table in FACT_TABLES:
        db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
    for position, entity in enumerate(article.entities):
        touched.add(entity.id)
        _insert_entity(db, article_id, position, entity)
    db.executemany(
        _INSERT_QUOTE, [_quote_row(article_id, i, q) for i, q in enumerate(article.quotes)]
    )
    db.executemany(
        _INSERT_TIME,
        [
            (article_id, i, t.text, t.value, t.type, t.start, t.end, t.confidence)
            for i, t in enumerate(article.times)
        ],
    )
    db.execute(
        "UPDATE articles SET facts_hash = ? WHERE id = ?", (facts_fingerprint(article), article_id)
    )
    return touched


def _insert_entity(db: Db, article_id: str, position: int, entity: Entity) -> None:
    db.execute(
        _INSERT_ENTITY,
        (article_id, position, entity.id, entity.name, entity.type, entity.confidence),
    )
    key = (article_id, position)
    db.executemany(
        _INSERT_MENTION,
        [
            (*key, i, entity.id, m.text, alias_key(m.text), m.start, m.end, m.confidence)
            for i, m in enumerate(entity.mentions)
        ],
    )
    db.executemany(
        _INSERT_ROLE,
        [
            (*key, i, entity.id, r.title, r.of, r.to, r.text, r.start, r.end, r.confidence)
            for i, r in enumerate(entity.roles)
        ],
    )


def _quote_row(article_id: str, position: int, quote: Quote) -> tuple[object, ...]:
    return (
        article_id,
        position,
        quote.text,
        quote.kind,
        quote.cue,
        quote.speaker,
        alias_key(quote.speaker) if quote.speaker else None,
        quote.speaker_id,
        quote.channel,
        quote.date,
        quote.start,
        quote.end,
        quote.confidence,
        quote.speaker_start,
        quote.speaker_end,
        quote.cue_start,
        quote.cue_end,
    )


def refresh_entities(db: Db, entity_ids: Iterable[str]) -> None:
    """Recompute the corpus row of each entity from the fact tables (removed at zero).

    Name and type are the ones most articles use (ties: the longer name, then
    alphabetical); aliases are the distinct mention texts, most frequent first (same ties).
    Works whatever the connection's row factory (rows are read by position).
    """
    for entity_id in sorted(set(entity_ids)):
        names = db.execute(
            "SELECT name, type, count(*) AS n FROM article_entities WHERE entity_id = ?"
            " GROUP BY name, type",
            (entity_id,),
        ).fetchall()
        if not names:
            db.execute("DELETE FROM entities WHERE id = ?", (entity_id,))
            continue
        name = _most_common([(row[0], row[2]) for row in names])
        types: Counter[str] = Counter()
        for row in names:
            types[row[1]] += row[2]
        kind = _most_common(list(types.items()))
        articles = db.execute(
            "SELECT count(DISTINCT article_id) FROM article_entities WHERE entity_id = ?",
            (entity_id,),
        ).fetchone()[0]
        aliases = db.execute(
            "SELECT text, count(*) AS n FROM mentions WHERE entity_id = ?"
            " GROUP BY text ORDER BY n DESC, length(text) DESC, text",
            (entity_id,),
        ).fetchall()
        db.execute(
            "INSERT INTO entities (id, name, name_key, type, aliases, article_count, mention_count)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
            " name_key = excluded.name_key, type = excluded.type, aliases = excluded.aliases,"
            " article_count = excluded.article_count, mention_count = excluded.mention_count",
            (
                entity_id,
                name,
                alias_key(name),
                kind,
                dumps([row[0] for row in aliases]),
                articles,
                sum(row[1] for row in aliases),
            ),
        )


def _most_common(counted: list[tuple[str, int]]) -> str:
    return min(counted, key=lambda item: (-item[1], -len(item[0]), item[0]))[0]


def read_facts(db: Db, article_ids: list[str]) -> dict[str, ArticleFacts]:
    """The facts of each article, in the order they were saved (empty when it has none)."""
    found: dict[str, ArticleFacts] = {
        article_id: {kind.key: [] for kind in fact_kinds()} for article_id in article_ids
    }
    if not article_ids:
        return found
    marks = ", ".join("?" for _ in article_ids)

    def rows(table: str, order: str) -> list[Row]:
        return db.execute(
            f"SELECT * FROM {table} WHERE article_id IN ({marks}) ORDER BY article_id, {order}",
            article_ids,
        ).fetchall()

    entities: dict[tuple[str, int], Entity] = {}
    for row in rows("article_entities", "position"):
        entity = Entity(row["entity_id"], row["name"], row["type"], confidence=row["confidence"])
        entities[(row["article_id"], row["position"])] = entity
        found[row["article_id"]]["entities"].append(entity)
    for row in rows("mentions", "entity_position, position"):
        entities[(row["article_id"], row["entity_position"])].mentions.append(
            Mention(row["text"], row["start"], row["end"], row["confidence"])
        )
    for row in rows("roles", "entity_position, position"):
        entities[(row["article_id"], row["entity_position"])].roles.append(
            Role(
                row["title"],
                row["text"],
                row["start"],
                row["end"],
                row["of"],
                row["to"],
                row["confidence"],
            )
        )
    for row in rows("quotes", "position"):
        found[row["article_id"]]["quotes"].append(quote_from_row(row))
    for row in rows("times", "position"):
        found[row["article_id"]]["times"].append(
            TimeExpression(
                row["text"], row["value"], row["type"], row["start"], row["end"], row["confidence"]
            )
        )
    for article_id, places in read_places(db, article_ids).items():
        found[article_id]["places"] = places
    for article_id, events in read_events(db, article_ids).items():
        found[article_id]["events"] = events
    # Read only when some kind lives there: migrations before 9 read facts without it.
    generic = {kind.key: kind for kind in fact_kinds() if kind.table is None}
    for row in rows("facts", "kind, position") if generic else []:
        kind = generic.get(row["kind"])
        if kind is not None:  # a kind this version no longer declares is left unread
            found[row["article_id"]][kind.key].append(
                kind.record.from_dict(json.loads(row["record"]))
            )
    return found


def quote_from_row(row: Row) -> Quote:
    return Quote(
        text=row["text"],
        kind=row["kind"],
        start=row["start"],
        end=row["end"],
        cue=row["cue"],
        speaker=row["speaker"],
        speaker_id=row["speaker_id"],
        channel=row["channel"],
        date=row["date"],
        confidence=row["confidence"],
        speaker_span=_span(row["speaker_start"], row["speaker_end"]),
        cue_span=_span(row["cue_start"], row["cue_end"]),
    )


def _span(start: int | None, end: int | None) -> tuple[int, int] | None:
    return (start, end) if start is not None and end is not None else None


def attach_facts(article: Article, facts: ArticleFacts) -> Article:
    article.facts.update(facts)
    return article
