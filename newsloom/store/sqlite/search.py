"""Full-text search in SQLite: a safe FTS5 MATCH expression, ranking, snippets, facets.

Every whitespace-separated term becomes a double-quoted FTS5 string (inner quotes
doubled), so operators (`AND`, `OR`, `NOT`, `NEAR(`), column filters, `-`, `^`
and unbalanced quotes are searched as words instead of parsed as syntax. Terms are
ANDed. A term ending in `*` stays a prefix search. Terms without a letter or
digit are dropped, NUL characters (FTS5 ends a string at one) and lone surrogates
(not encodable as UTF-8) are removed; a query with no terms left matches nothing.

Matches are ranked first and snippets cut for one page only; facets count a sample
of the matches with plain SQL aggregates.
"""

from __future__ import annotations

import sqlite3
from collections import Counter

from newsloom.store.records import SearchFacets

# bm25 weight of each FTS column, in table order (title, text): a title match counts more.
BM25_WEIGHTS: tuple[float, ...] = (10.0, 1.0)
# Tokens of context `snippet()` keeps around the matched terms.
SNIPPET_TOKENS = 16
PREFIX_MARK = "*"
# What `snippet()` wraps matched terms in: private-use characters, taken out again by
# `split_marks` (a stray one already in an article is dropped there, never mistaken).
MARK_OPEN = "\ue000"
MARK_CLOSE = "\ue001"


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def match_expression(query: str) -> str | None:
    """The FTS5 expression for `query`, or None when it has no searchable term."""
    parts = []
    text = query.encode("utf-8", "replace").decode("utf-8").replace("\x00", " ")
    for raw in text.split():
        prefix = raw.endswith(PREFIX_MARK)
        term = raw.rstrip(PREFIX_MARK) if prefix else raw
        if not any(char.isalnum() for char in term):
            continue
        parts.append(_quote(term) + (PREFIX_MARK if prefix else ""))
    return " ".join(parts) if parts else None


def split_marks(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """The snippet without its marks, and the (start, end) of each marked stretch."""
    text: list[str] = []
    spans: list[tuple[int, int]] = []
    length, opened = 0, None
    for char in marked:
        if char == MARK_OPEN:
            opened = length
        elif char == MARK_CLOSE:
            if opened is not None and length > opened:
                spans.append((opened, length))
            opened = None
        else:
            text.append(char)
            length += 1
    return "".join(text), spans


def ranked_search_sql(conditions: list[str]) -> str:
    """The search query: rank the matches first, then cut snippets for one page only.

    Parameters in order: the bm25 weights, the MATCH expression, the filter
    parameters, limit, offset, then snippet's open/close/ellipsis/tokens and the
    MATCH expression again. `snippet()` is costly, and SQLite evaluates result
    columns before ORDER BY ... LIMIT, so a single query would cut a snippet for
    every match (about 10x slower on a common word in 100,000 articles).
    """
    weights = ", ".join("?" for _ in BM25_WEIGHTS)
    join = " JOIN articles a ON a.seq = f.rowid" if conditions else ""
    where = "".join(f" AND {condition}" for condition in conditions)
    return (
        "WITH top AS ("
        f" SELECT f.rowid AS seq, bm25(articles_fts, {weights}) AS rank"
        f" FROM articles_fts f{join} WHERE articles_fts MATCH ?{where}"
        " ORDER BY rank, f.rowid LIMIT ? OFFSET ?)"
        " SELECT a.id, a.title, a.url, a.published, a.source, a.language, top.rank,"
        " snippet(articles_fts, -1, ?, ?, ?, ?) AS snippet"
        " FROM top JOIN articles_fts ON articles_fts.rowid = top.seq"
        " JOIN articles a ON a.seq = top.seq"
        " WHERE articles_fts MATCH ? ORDER BY top.rank, top.seq"
    )


FACET_ROWS = 10


def search_facets(db: sqlite3.Connection, expression: str | None, scan: int) -> SearchFacets:
    """Facet counts over the `scan` most recently stored matches (newest articles if None).

    Not the best-ranked ones: ranking every match is what makes a common word slow,
    and a facet only needs a fair sample of what the query finds.
    """
    if expression is None:
        seqs = [
            row[0]
            for row in db.execute(
                "SELECT seq FROM articles ORDER BY published_key DESC, id DESC LIMIT ?", (scan,)
            )
        ]
    else:
        seqs = [
            row[0]
            for row in db.execute(
                "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?"
                " ORDER BY rowid DESC LIMIT ?",
                (expression, scan),
            )
        ]
    if not seqs:
        return SearchFacets()
    db.execute("CREATE TEMP TABLE IF NOT EXISTS facet_scope (seq INTEGER PRIMARY KEY)")
    db.execute("DELETE FROM temp.facet_scope")
    db.executemany("INSERT INTO temp.facet_scope (seq) VALUES (?)", [(seq,) for seq in seqs])
    # CROSS JOIN keeps the sample as the outer loop (SQLite never reorders it): with a
    # plain JOIN the planner may scan every article and probe the sample instead.
    scope = "SELECT a.id FROM temp.facet_scope s CROSS JOIN articles a ON a.seq = s.seq"

    def top(sql: str) -> list[tuple[str, str, int]]:
        return [(row[0], row[1], row[2]) for row in db.execute(sql, (FACET_ROWS,))]

    entities = top(
        "SELECT e.id, e.name, count(DISTINCT ae.article_id) AS n FROM article_entities ae"
        " JOIN entities e ON e.id = ae.entity_id"
        f" WHERE ae.article_id IN ({scope}) AND e.type NOT IN ('GPE', 'LOC', 'FAC')"
        " GROUP BY e.id ORDER BY n DESC, e.id LIMIT ?"
    )
    # Places are the resolved ones (on the map), named as the gazetteer names them.
    places = top(
        "SELECT entity_id, min(name), count(DISTINCT article_id) AS n FROM places"
        f" WHERE article_id IN ({scope}) GROUP BY entity_id ORDER BY n DESC, entity_id LIMIT ?"
    )
    rows = db.execute(
        "SELECT a.source, a.language, a.published_day FROM temp.facet_scope s"
        " CROSS JOIN articles a ON a.seq = s.seq"
    ).fetchall()
    sources: Counter[str] = Counter(row[0] for row in rows if row[0])
    languages: Counter[str] = Counter(row[1] for row in rows if row[1])
    days = sorted(row[2] for row in rows if row[2])
    months: Counter[str] = Counter(day[:7] for day in days)
    event_types = [
        (row[0], row[1])
        for row in db.execute(
            "SELECT type, count(DISTINCT article_id) AS n FROM events"
            f" WHERE article_id IN ({scope}) GROUP BY type ORDER BY n DESC, type LIMIT ?",
            (FACET_ROWS,),
        )
    ]
    return SearchFacets(
        scanned=len(seqs),
        sources=sources.most_common(FACET_ROWS),
        languages=languages.most_common(FACET_ROWS),
        months=sorted(months.items()),
        entities=entities,
        places=places,
        event_types=event_types,
        first_day=days[0] if days else None,
        last_day=days[-1] if days else None,
    )
