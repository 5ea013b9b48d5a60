"""Full-text search in SQLite: a safe FTS5 MATCH expression, bm25 ranking, snippets, facets.

What search promises is in `newsloom.store.sql.search`. Here every term becomes a
double-quoted FTS5 string (inner quotes doubled), so operators (`AND`, `OR`, `NOT`,
`NEAR(`), column filters, `-`, `^` and unbalanced quotes are searched as words instead of
parsed as syntax; a prefix term keeps its `*` after the string. The `unicode61` tokenizer
with `remove_diacritics 2` folds case and accents; NUL characters (FTS5 ends a string at
one) never reach it.

Matches are ranked first and snippets cut for one page only; facets count a sample
of the matches with plain SQL aggregates.
"""

from __future__ import annotations

from newsloom.store.records import SNIPPET_ELLIPSIS, ArticleFilter, SearchFacets, SearchHit
from newsloom.store.sql.dialect import Db
from newsloom.store.sql.filters import filter_conditions
from newsloom.store.sql.search import (
    MARK_CLOSE,
    MARK_OPEN,
    PREFIX_MARK,
    SNIPPET_TOKENS,
    TEXT_WEIGHT,
    TITLE_WEIGHT,
    Terms,
    facet_counts,
    search_hit,
    search_terms,
)

# bm25 weight of each FTS column, in table order (title, text): a title match counts more.
BM25_WEIGHTS: tuple[float, ...] = (TITLE_WEIGHT, TEXT_WEIGHT)


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def match_expression(query: str) -> str | None:
    """The FTS5 expression for `query`, or None when it has no searchable term."""
    return expression_of(search_terms(query)) or None


def expression_of(terms: Terms) -> str:
    """The FTS5 expression of the terms: quoted strings, a prefix's `*` outside."""
    return " ".join(_quote(term) + (PREFIX_MARK if prefix else "") for term, prefix in terms)


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
        " SELECT a.id, a.title, a.url, a.published, a.source, a.language, a.site, top.rank,"
        " snippet(articles_fts, -1, ?, ?, ?, ?) AS snippet"
        " FROM top JOIN articles_fts ON articles_fts.rowid = top.seq"
        " JOIN articles a ON a.seq = top.seq"
        " WHERE articles_fts MATCH ? ORDER BY top.rank, top.seq"
    )


def search(
    db: Db, terms: Terms, limit: int, offset: int, filters: ArticleFilter
) -> list[SearchHit]:
    """One page of hits, best first (bm25 is lower for better matches: the score is its
    negative)."""
    expression = expression_of(terms)
    conditions, params = filter_conditions(db, filters)
    rows = db.execute(
        ranked_search_sql(conditions),
        (
            *BM25_WEIGHTS,
            expression,
            *params,
            limit,
            max(offset, 0),
            MARK_OPEN,
            MARK_CLOSE,
            SNIPPET_ELLIPSIS,
            SNIPPET_TOKENS,
            expression,
        ),
    ).fetchall()
    return [search_hit(row, row["snippet"] or "", -float(row["rank"])) for row in rows]


def search_facets(db: Db, terms: Terms | None, scan: int) -> SearchFacets:
    """Facet counts over the `scan` most recently stored matches (newest articles if None).

    Not the best-ranked ones: ranking every match is what makes a common word slow,
    and a facet only needs a fair sample of what the query finds.
    """
    if terms is None:
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
                (expression_of(terms), scan),
            )
        ]
    if not seqs:
        return SearchFacets()
    db.execute("CREATE TEMP TABLE IF NOT EXISTS facet_scope (seq INTEGER PRIMARY KEY)")
    db.execute("DELETE FROM temp.facet_scope")
    db.executemany("INSERT INTO temp.facet_scope (seq) VALUES (?)", [(seq,) for seq in seqs])
    # CROSS JOIN keeps the sample as the outer loop (SQLite never reorders it): with a
    # plain JOIN the planner may scan every article and probe the sample instead.
    return facet_counts(db, len(seqs), "temp.facet_scope s CROSS JOIN articles a ON a.seq = s.seq")
