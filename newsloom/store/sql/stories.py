"""Stories (schema version 8): syndicated copies and same-event groups.

`STORIES_SQL` is the migration; `assign_story` is called inside the store's `save`
transaction for every new or changed article. It keeps, per article, its MinHash
signature (`story_docs`), its LSH band keys (`story_bands`) and its dated entity terms
(`story_terms`), so later articles find it with indexed lookups only, in any later run
or process. Pair decisions are kept as symmetric `story_links`; a story is a connected
group over them and is refolded (`newsloom.stories.grouping.fold`) whenever an article
joins, leaves or bridges stories. Reads live in `stories_queries`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import urlsplit

from newsloom.record import Article
from newsloom.store.rows import published_day
from newsloom.store.sql.dialect import Db, Row
from newsloom.stories.grouping import (
    EVENT,
    MIN_SHARED_TERMS,
    TERM_WINDOW_CAP,
    WINDOW_DAYS,
    Link,
    Member,
    Placement,
    event_terms,
    fold,
    lede_words,
    same_event,
    text_link,
)
from newsloom.stories.minhash import band_keys, from_blob, jaccard, signature, to_blob

STORIES_SQL = """
CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    title TEXT,
    first_published TEXT,
    last_published TEXT,
    first_day TEXT,
    last_day TEXT,
    last_key TEXT NOT NULL DEFAULT '',
    article_count INTEGER NOT NULL DEFAULT 0,
    source_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX stories_recent ON stories (last_key, id);
CREATE INDEX stories_recent_shared ON stories (last_key, id) WHERE article_count > 1;
CREATE TABLE story_articles (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    story_id TEXT NOT NULL,
    copy_of TEXT,
    similarity REAL NOT NULL DEFAULT 1.0
);
CREATE INDEX story_articles_story ON story_articles (story_id);
CREATE INDEX story_articles_copy_of ON story_articles (copy_of);
CREATE TABLE story_docs (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    signature BLOB,
    shingles INTEGER NOT NULL DEFAULT 0,
    day TEXT,
    lede TEXT NOT NULL DEFAULT ''
);
CREATE TABLE story_bands (
    band_key INTEGER NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (band_key, article_id)
) WITHOUT ROWID;
CREATE INDEX story_bands_article ON story_bands (article_id);
CREATE TABLE story_terms (
    term TEXT NOT NULL,
    day TEXT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (term, day, article_id)
) WITHOUT ROWID;
CREATE INDEX story_terms_article ON story_terms (article_id);
CREATE TABLE story_links (
    a TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    b TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    similarity REAL NOT NULL,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX story_links_b ON story_links (b);
"""

# Ids per `IN (...)` list, well under SQLite's and PostgreSQL's parameter limits.
_CHUNK = 500


def assign_story(db: Db, article_id: str, article: Article) -> None:
    """Index the article, link it to its copies and same-event articles, refold stories.

    Runs inside the caller's transaction, so an interrupted run leaves every story as it
    was before the article or as it is after it; re-saving an article recomputes its links
    from scratch, so the result is the same however often it runs.
    """
    before = db.execute(
        "SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)
    ).fetchone()
    seeds = [article_id]
    if before is not None:
        seeds += [
            row[0]
            for row in db.execute(
                "SELECT article_id FROM story_articles WHERE story_id = ?", (before[0],)
            )
        ]
    _forget(db, article_id)
    day = published_day(article.published)
    lede = lede_words(article)
    found = signature(article.text)
    db.execute(
        "INSERT INTO story_docs (article_id, signature, shingles, day, lede)"
        " VALUES (?, ?, ?, ?, ?)",
        (
            article_id,
            to_blob(found[0]) if found else None,
            found[1] if found else 0,
            day,
            " ".join(sorted(lede)),
        ),
    )
    links: dict[str, Link] = {}
    if found is not None:
        keys = band_keys(found[0])
        for other, blob, other_day in _band_candidates(db, article_id, keys):
            similarity = jaccard(found[0], from_blob(blob))
            kind = text_link(similarity, day, other_day)
            if kind is not None:
                links[other] = _link(article_id, other, kind, similarity)
        db.executemany(
            "INSERT INTO story_bands (band_key, article_id) VALUES (?, ?)",
            [(key, article_id) for key in keys],
        )
    terms = event_terms(article)
    if day is not None and terms:
        for other, shared, other_lede in _term_candidates(db, article_id, terms, day):
            overlap = same_event(shared, lede, other_lede.split())
            if other not in links and overlap is not None:
                links[other] = _link(article_id, other, EVENT, overlap)
        db.executemany(
            "INSERT INTO story_terms (term, day, article_id) VALUES (?, ?, ?)",
            [(term, day, article_id) for term in terms],
        )
    db.executemany(
        "INSERT INTO story_links (a, b, kind, similarity) VALUES (?, ?, ?, ?)",
        [(link.a, link.b, link.kind, link.similarity) for link in links.values()],
    )
    _refold(db, seeds)


def leave_story(db: Db, article_id: str) -> None:
    """Take an article out of its story before its row goes (its id changes when another
    copy of its text becomes the article): the rest of the story is refolded without it."""
    before = db.execute(
        "SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)
    ).fetchone()
    _forget(db, article_id)
    db.execute("DELETE FROM story_articles WHERE article_id = ?", (article_id,))
    if before is None:
        return
    story_id = before[0]
    members = [
        row[0]
        for row in db.execute(
            "SELECT article_id FROM story_articles WHERE story_id = ?", (story_id,)
        )
    ]
    _refold(db, members)
    db.execute(
        "DELETE FROM stories WHERE id = ? AND NOT EXISTS"
        " (SELECT 1 FROM story_articles WHERE story_id = ?)",
        (story_id, story_id),
    )


def _link(one: str, other: str, kind: str, similarity: float) -> Link:
    """A link stored once per pair: the lower id first."""
    a, b = sorted((one, other))
    return Link(a, b, kind, round(similarity, 4))


def _forget(db: Db, article_id: str) -> None:
    """Drop what an earlier save of the article indexed and linked."""
    for sql in (
        "DELETE FROM story_docs WHERE article_id = ?",
        "DELETE FROM story_bands WHERE article_id = ?",
        "DELETE FROM story_terms WHERE article_id = ?",
        "DELETE FROM story_links WHERE a = ?",
        "DELETE FROM story_links WHERE b = ?",
    ):
        db.execute(sql, (article_id,))


def _band_candidates(
    db: Db, article_id: str, keys: Sequence[int]
) -> list[tuple[str, bytes, str | None]]:
    """Articles sharing at least one LSH band with the article, with their signatures."""
    marks = ", ".join("?" for _ in keys)
    return [
        (row[0], row[1], row[2])
        for row in db.execute(
            "SELECT d.article_id, d.signature, d.day FROM story_docs d WHERE d.article_id IN"
            f" (SELECT article_id FROM story_bands WHERE band_key IN ({marks}))"
            " AND d.article_id != ? AND d.signature IS NOT NULL",
            (*keys, article_id),
        )
    ]


def _term_candidates(
    db: Db, article_id: str, terms: Sequence[str], day: str
) -> list[tuple[str, int, str]]:
    """In-window articles sharing at least `MIN_SHARED_TERMS` distinctive terms."""
    center = dt.date.fromisoformat(day)
    low = (center - dt.timedelta(days=WINDOW_DAYS)).isoformat()
    high = (center + dt.timedelta(days=WINDOW_DAYS)).isoformat()
    distinctive = [
        term
        for term in terms
        if db.execute(
            "SELECT count(*) FROM (SELECT 1 FROM story_terms"
            " WHERE term = ? AND day BETWEEN ? AND ? LIMIT ?) AS t",
            (term, low, high, TERM_WINDOW_CAP + 1),
        ).fetchone()[0]
        <= TERM_WINDOW_CAP
    ]
    if len(distinctive) < MIN_SHARED_TERMS:
        return []
    marks = ", ".join("?" for _ in distinctive)
    rows = db.execute(
        "SELECT t.article_id, count(*), d.lede FROM story_terms t"
        " JOIN story_docs d ON d.article_id = t.article_id"
        f" WHERE t.term IN ({marks}) AND t.day BETWEEN ? AND ? AND t.article_id != ?"
        " GROUP BY t.article_id, d.lede HAVING count(*) >= ?",
        (*distinctive, low, high, article_id, MIN_SHARED_TERMS),
    )
    return [(row[0], int(row[1]), row[2]) for row in rows]


def _chunks(items: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _component(db: Db, seed: str) -> set[str]:
    """Every article connected to `seed` through links (breadth first, batched)."""
    seen, frontier = {seed}, [seed]
    while frontier:
        found: set[str] = set()
        for chunk in _chunks(frontier):
            marks = ", ".join("?" for _ in chunk)
            found.update(
                row[0]
                for row in db.execute(
                    f"SELECT b FROM story_links WHERE a IN ({marks})"
                    f" UNION SELECT a FROM story_links WHERE b IN ({marks})",
                    (*chunk, *chunk),
                )
            )
        frontier = sorted(found - seen)
        seen.update(frontier)
    return seen


def _rows(db: Db, sql: str, ids: Sequence[str]) -> list[Row]:
    rows: list[Row] = []
    for chunk in _chunks(ids):
        rows.extend(db.execute(sql.format(marks=", ".join("?" for _ in chunk)), chunk))
    return rows


def _refold(db: Db, seeds: Sequence[str]) -> None:
    """Recompute the stories of the seeds' connected groups and drop emptied stories."""
    done: set[str] = set()
    previous: set[str] = set()
    for seed in seeds:
        if seed in done:
            continue
        members = sorted(_component(db, seed))
        done.update(members)
        articles = _rows(
            db,
            "SELECT id, published_key, published, published_day, title, site, url, source"
            " FROM articles WHERE id IN ({marks})",
            members,
        )
        links = _rows(
            db, "SELECT a, b, kind, similarity FROM story_links WHERE a IN ({marks})", members
        )
        placements = fold(
            [Member(row["id"], row["published_key"]) for row in articles],
            [Link(row[0], row[1], row[2], row[3]) for row in links],
        )
        stored = {
            row[0]: (row[1], row[2], row[3])
            for row in _rows(
                db,
                "SELECT article_id, story_id, copy_of, similarity FROM story_articles"
                " WHERE article_id IN ({marks})",
                members,
            )
        }
        previous.update(value[0] for value in stored.values())
        _write_placements(db, placements, stored)
        if articles:
            _write_story(db, articles, placements)
    for story_id in previous:
        db.execute(
            "DELETE FROM stories WHERE id = ? AND NOT EXISTS"
            " (SELECT 1 FROM story_articles WHERE story_id = ?)",
            (story_id, story_id),
        )


def _write_placements(
    db: Db,
    placements: dict[str, Placement],
    stored: dict[str, tuple[str, str | None, float]],
) -> None:
    """Write only the rows that changed, so a large story costs little per new article."""
    db.executemany(
        "INSERT INTO story_articles (article_id, story_id, copy_of, similarity)"
        " VALUES (?, ?, ?, ?) ON CONFLICT (article_id) DO UPDATE SET"
        " story_id = excluded.story_id, copy_of = excluded.copy_of,"
        " similarity = excluded.similarity",
        [
            (article_id, p.story_id, p.copy_of, p.similarity)
            for article_id, p in placements.items()
            if stored.get(article_id) != (p.story_id, p.copy_of, p.similarity)
        ],
    )


def outlet(row: Row | dict[str, Any]) -> str:
    """Who published an article, for counting sources: site, else URL host, else source."""
    if row["site"]:
        return str(row["site"]).casefold()
    try:
        host = urlsplit(row["url"] or "").hostname
    except ValueError:  # a URL stored before invalid ones were left out ("http://[::1")
        host = None
    return host or str(row["source"] or "").casefold()


def story_title(ordered: Sequence[Row | dict[str, Any]]) -> str | None:
    """The story's most central headline: the one sharing most words with the others'
    (the earliest on a tie), never a site's name ("WHO TV" over a page's real headline)."""
    sites = {str(row["site"]).casefold() for row in ordered if row["site"]}
    titles = [
        str(row["title"])
        for row in ordered
        if row["title"] and str(row["title"]).casefold() not in sites
    ]
    if not titles:
        return None
    words = [set(_TITLE_WORD.findall(title.casefold())) for title in titles]

    def shared(index: int) -> int:
        return sum(len(words[index] & other) for j, other in enumerate(words) if j != index)

    return titles[max(range(len(titles)), key=lambda i: (shared(i), -i))]


_TITLE_WORD = re.compile(r"\w{3,}")


def _write_story(db: Db, articles: list[Row], placements: dict[str, Placement]) -> None:
    ordered = sorted(articles, key=lambda r: Member(r["id"], r["published_key"]).order)
    first = ordered[0]
    dated = [row for row in ordered if row["published_key"]]
    last = dated[-1] if dated else first
    db.execute(
        "INSERT INTO stories (id, title, first_published, last_published, first_day, last_day,"
        " last_key, article_count, source_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (id) DO UPDATE SET title = excluded.title,"
        " first_published = excluded.first_published, last_published = excluded.last_published,"
        " first_day = excluded.first_day, last_day = excluded.last_day,"
        " last_key = excluded.last_key, article_count = excluded.article_count,"
        " source_count = excluded.source_count",
        (
            placements[first["id"]].story_id,
            story_title(ordered),
            first["published"],
            last["published"],
            first["published_day"],
            last["published_day"],
            last["published_key"],
            len(ordered),
            len({outlet(row) for row in ordered} - {""}),
        ),
    )
