"""An analyst's reviews of machine facts (issue 11, item 5): evaluation data.

A review says of one fact of one article that it is `confirmed`, `rejected` or
`corrected` (with the corrected `value`, any JSON, and a `comment`). It names the fact by
article, kind and evidence span (`start`, `end`: character offsets into the article's
text; `fact_span`: an event's is its trigger word, as several events can share their
sentence), never by a fact table's row, so it lives in a table of its own that neither
`newsloom enrich` nor a re-ingest touches: when enrichment finds the fact again at the
same span, the review applies to it again. One review per (article, kind, span); saving
another replaces it. The table has no foreign key to `articles`, so a review outlives
even its article's removal (the article's copy taking its place moves it along: see
`move_reviews`).

A rejected fact is hidden (`hides`): from the article (`ArticleReviews.visible`), from
the lists and their exports (`unrejected_sql`, `unrejected_entity_sql`), unless a caller
asks for rejected facts too (`include_rejected`).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from newsloom.record import Article, Entity
from newsloom.store.sql.dialect import Db, Row

# The kinds of fact a review may name (`entity`: one mention's span of the entity).
REVIEW_KINDS = ("entity", "role", "quote", "time", "place", "event")
VERDICTS = ("confirmed", "rejected", "corrected")
# The verdict that hides a fact wherever facts are shown, unless rejected ones are asked for.
HIDING_VERDICT = "rejected"
# Where each kind's facts are in the article (`Article.facts`); entity mentions and roles
# are inside the entities.
ARTICLE_KEYS = {"quote": "quotes", "time": "times", "place": "places", "event": "events"}

REVIEWS_SQL = """
CREATE TABLE IF NOT EXISTS reviews (
    article_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    verdict TEXT NOT NULL,
    value TEXT,
    comment TEXT,
    reviewer TEXT,
    created TEXT NOT NULL,
    PRIMARY KEY (article_id, kind, start, "end")
);
CREATE INDEX IF NOT EXISTS reviews_created ON reviews (created, article_id);
"""


@dataclass(slots=True, frozen=True)
class Review:
    """One analyst's verdict on one fact, named by article, kind and evidence span."""

    article_id: str
    kind: str
    start: int
    end: int
    verdict: str
    value: Any = None
    comment: str | None = None
    reviewer: str | None = None
    created: str = ""

    def __post_init__(self) -> None:
        if self.kind not in REVIEW_KINDS:
            raise ValueError(f"kind must be one of {', '.join(REVIEW_KINDS)}")
        if self.verdict not in VERDICTS:
            raise ValueError(f"verdict must be one of {', '.join(VERDICTS)}")
        if self.start < 0 or self.end < self.start:
            raise ValueError("the span must have 0 <= start <= end")
        if self.verdict == "corrected" and self.value is None:
            raise ValueError("a corrected fact needs its corrected value")

    @property
    def key(self) -> tuple[str, str, int, int]:
        return (self.article_id, self.kind, self.start, self.end)

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "verdict": self.verdict,
            "value": self.value,
            "comment": self.comment,
            "reviewer": self.reviewer,
            "created": self.created,
        }


_COLUMNS = 'article_id, kind, start, "end", verdict, value, comment, reviewer, created'

_UPSERT = (
    f"INSERT INTO reviews ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
    ' ON CONFLICT (article_id, kind, start, "end") DO UPDATE SET'
    " verdict = excluded.verdict, value = excluded.value, comment = excluded.comment,"
    " reviewer = excluded.reviewer, created = excluded.created"
)


def _review(row: Row) -> Review:
    value = row["value"]
    return Review(
        article_id=row["article_id"],
        kind=row["kind"],
        start=int(row["start"]),
        end=int(row["end"]),
        verdict=row["verdict"],
        value=None if value is None else json.loads(value),
        comment=row["comment"],
        reviewer=row["reviewer"],
        created=row["created"],
    )


def write_review(db: Db, review: Review, now: str) -> Review:
    """Keep `review` (replacing the one of the same fact); the review as stored."""
    value = None if review.value is None else json.dumps(review.value, ensure_ascii=False)
    created = review.created or now
    db.execute(
        _UPSERT,
        (
            review.article_id,
            review.kind,
            review.start,
            review.end,
            review.verdict,
            value,
            review.comment,
            review.reviewer,
            created,
        ),
    )
    return Review(
        review.article_id,
        review.kind,
        review.start,
        review.end,
        review.verdict,
        review.value,
        review.comment,
        review.reviewer,
        created,
    )


def _conditions(
    article_id: str | None, kind: str | None, verdict: str | None
) -> tuple[str, list[Any]]:
    where: list[str] = []
    parameters: list[Any] = []
    for column, value in (("article_id", article_id), ("kind", kind), ("verdict", verdict)):
        if value is not None:
            where.append(f"{column} = ?")
            parameters.append(value)
    return (" WHERE " + " AND ".join(where) if where else ""), parameters


def list_reviews(
    db: Db,
    article_id: str | None = None,
    kind: str | None = None,
    verdict: str | None = None,
    limit: int | None = 100,
    offset: int = 0,
) -> list[Review]:
    """Reviews, newest first (then by article, kind and span); `limit` None for all."""
    where, parameters = _conditions(article_id, kind, verdict)
    page = "" if limit is None else " LIMIT ? OFFSET ?"
    if limit is not None:
        parameters += [limit, offset]
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM reviews{where}"
        f' ORDER BY created DESC, article_id, kind, start, "end"{page}',
        parameters,
    ).fetchall()
    return [_review(row) for row in rows]


def count_reviews(
    db: Db, article_id: str | None = None, kind: str | None = None, verdict: str | None = None
) -> int:
    where, parameters = _conditions(article_id, kind, verdict)
    return int(db.execute(f"SELECT count(*) FROM reviews{where}", parameters).fetchone()[0])


def read_review(db: Db, article_id: str, kind: str, start: int, end: int) -> Review | None:
    row = db.execute(
        f"SELECT {_COLUMNS} FROM reviews"
        ' WHERE article_id = ? AND kind = ? AND start = ? AND "end" = ?',
        (article_id, kind, start, end),
    ).fetchone()
    return None if row is None else _review(row)


def delete_review(db: Db, article_id: str, kind: str, start: int, end: int) -> bool:
    cursor = db.execute(
        'DELETE FROM reviews WHERE article_id = ? AND kind = ? AND start = ? AND "end" = ?',
        (article_id, kind, start, end),
    )
    return cursor.rowcount > 0


def move_reviews(db: Db, old_id: str, new_id: str) -> None:
    """An article's copy took its place under a new id (the same text, so the same
    spans): its reviews go with it, unless the new id has a review of the same fact."""
    db.execute(
        "UPDATE reviews SET article_id = ? WHERE article_id = ? AND NOT EXISTS ("
        " SELECT 1 FROM reviews r WHERE r.article_id = ? AND r.kind = reviews.kind"
        ' AND r.start = reviews.start AND r."end" = reviews."end")',
        (new_id, old_id, new_id),
    )


def reviews_for(db: Db, article_ids: Sequence[str], kind: str | None = None) -> list[Review]:
    """Every review of these articles (of one kind of fact), for rows of many articles."""
    ids = sorted(set(article_ids))
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    where, parameters = f"article_id IN ({marks})", list(ids)
    if kind is not None:
        where += " AND kind = ?"
        parameters.append(kind)
    rows = db.execute(f"SELECT {_COLUMNS} FROM reviews WHERE {where}", parameters).fetchall()
    return [_review(row) for row in rows]


# -- what a review hides ------------------------------------------------------------------


def hides(review: Review | None) -> bool:
    """Whether this review hides its fact (where rejected facts are not asked for)."""
    return review is not None and review.verdict == HIDING_VERDICT


def fact_span(kind: str, fact: Any) -> tuple[int, int]:
    """The span a review of this fact names: an event's trigger word (the events of one
    sentence share its span), any other fact's own span (an entity's: one mention's)."""
    if kind == "event":
        start, end = fact.trigger_span
        return int(start), int(end)
    return int(fact.start), int(fact.end)


class ArticleReviews:
    """One article's reviews, found by the fact they name."""

    def __init__(self, reviews: Iterable[Review]) -> None:
        self.reviews = list(reviews)
        self._by_key = {(r.kind, r.start, r.end): r for r in self.reviews}

    def of(self, kind: str, fact: Any) -> Review | None:
        """The review of this fact (`kind` "entity": of this mention), if any."""
        return self._by_key.get((kind, *fact_span(kind, fact)))

    def of_entity(self, entity: Entity) -> list[Review]:
        """The reviews of the entity's mentions."""
        found = (self.of("entity", mention) for mention in entity.mentions)
        return [review for review in found if review is not None]

    def hidden(self, kind: str, fact: Any) -> bool:
        """Whether the fact is hidden: rejected; an entity when every mention of it is."""
        if isinstance(fact, Entity):
            return bool(fact.mentions) and all(self.hidden("entity", m) for m in fact.mentions)
        return hides(self.of(kind, fact))

    def visible(self, article: Article) -> Article:
        """A copy of the article without its hidden facts: rejected quotes, times, places
        and events, rejected mentions and roles, and entities with no mention left."""
        facts = dict(article.facts)
        for kind, key in ARTICLE_KEYS.items():
            if key in facts:
                facts[key] = [fact for fact in facts[key] if not self.hidden(kind, fact)]
        if "entities" in facts:
            facts["entities"] = [
                dataclasses.replace(
                    entity,
                    mentions=[m for m in entity.mentions if not self.hidden("entity", m)],
                    roles=[r for r in entity.roles if not self.hidden("role", r)],
                )
                for entity in facts["entities"]
                if not self.hidden("entity", entity)
            ]
        return dataclasses.replace(article, facts=facts)


def _rejection(kind: str, alias: str) -> str:
    """SQL true when a review rejects the fact row `alias` (its `article_id` and span)."""
    if kind == "event":
        # An event is named by its trigger, kept only in its record (JSON written by
        # `json.dumps`): `"trigger_span": [start, end]`.
        span = (
            f"{alias}.record LIKE '%\"trigger_span\": [' || CAST(rv.start AS TEXT) || ', '"
            " || CAST(rv.\"end\" AS TEXT) || ']%'"
        )
    else:
        span = f'rv.start = {alias}.start AND rv."end" = {alias}."end"'
    return (
        f"EXISTS (SELECT 1 FROM reviews rv WHERE rv.article_id = {alias}.article_id"
        f" AND rv.kind = '{kind}' AND rv.verdict = '{HIDING_VERDICT}' AND {span})"
    )


def unrejected_sql(kind: str, alias: str) -> str:
    """A condition keeping the fact rows of `kind` (table alias `alias`: quotes, times,
    places, events or mentions) that no review rejects."""
    if kind not in REVIEW_KINDS:
        raise ValueError(f"kind must be one of {', '.join(REVIEW_KINDS)}")
    return f"NOT {_rejection(kind, alias)}"


def unrejected_entity_sql(column: str) -> str:
    """A condition keeping the entities (id in `column`) with a mention no review rejects:
    the entities whose every mention is rejected are found from the reviews, so a store
    with few reviews pays little however many mentions it holds."""
    return (
        f"{column} NOT IN (SELECT m.entity_id FROM reviews rv JOIN mentions m"
        ' ON m.article_id = rv.article_id AND m.start = rv.start AND m."end" = rv."end"'
        f" WHERE rv.kind = 'entity' AND rv.verdict = '{HIDING_VERDICT}'"
        " GROUP BY m.entity_id HAVING count(*) >= (SELECT count(*) FROM mentions m2"
        " WHERE m2.entity_id = m.entity_id))"
    )
