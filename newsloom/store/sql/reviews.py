"""An analyst's reviews of machine facts (issue 11, item 5): evaluation data.

A review says of one fact of one article that it is `confirmed`, `rejected` or
`corrected` (with the corrected `value`, any JSON, and a `comment`). It names the fact by
article, kind and evidence span (`start`, `end`: character offsets into the article's
text), never by a fact table's row, so it lives in a table of its own that neither
`newsloom enrich` nor a re-ingest touches: when enrichment finds the fact again at the
same span, the review applies to it again. One review per (article, kind, span); saving
another replaces it. The table has no foreign key to `articles`, so a review outlives
even its article's removal (the article's copy taking its place moves it along: see
`move_reviews`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from newsloom.store.sql.dialect import Db, Row

# The kinds of fact a review may name (`entity`: one mention's span of the entity).
REVIEW_KINDS = ("entity", "role", "quote", "time", "place", "event")
VERDICTS = ("confirmed", "rejected", "corrected")

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
