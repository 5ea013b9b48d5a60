"""Full-text search in PostgreSQL: the search contract (`newsloom.store.sql.search`) over
the `articles.search` tsvector (`schema.FULL_TEXT_SEARCH`).

Each term becomes a `tsquery` built by PostgreSQL from the term as plain text, never
parsed as query syntax: `phraseto_tsquery` for a word (a term the parser cuts in several
tokens, `e-mail` or `lantern*festival`, is a phrase, as a quoted FTS5 string), and for a
prefix term `to_tsquery` of the term as one quoted lexeme with `:*`. The terms are ANDed
(`&&`). Both go through the `newsloom_search` configuration, which folds case and accents
as the index did.

Ranking is `ts_rank` with the title weighing `TITLE_WEIGHT` times the text and the score
divided by 1 + log(document length), ties in storage order (`seq`), best first; the
score is `ts_rank`'s (higher is better). Snippets are `ts_headline` over the text, or the
title when only the title matches, with the same marks, about `SNIPPET_TOKENS` words, and
`SNIPPET_ELLIPSIS` where the excerpt cuts the column.

Where this differs from SQLite's FTS5 (docs/store.md): bm25 weighs rare terms more and
ts_rank does not, so the order of matches of several terms may differ; the PostgreSQL
parser keeps some tokens whole that FTS5 splits (`e-mail` is indexed whole and in parts,
an address or a URL as one token); a prefix applies to every word of a multi-word term,
not only the last; only the first `SEARCH_TEXT_CHARS` characters of a text are indexed.
"""

from __future__ import annotations

from newsloom.store.postgres.schema import SEARCH_CONFIG, SEARCH_TEXT_CHARS
from newsloom.store.records import SNIPPET_ELLIPSIS, ArticleFilter, SearchFacets, SearchHit
from newsloom.store.sql import search as shared
from newsloom.store.sql.dialect import Db
from newsloom.store.sql.filters import filter_conditions
from newsloom.store.sql.search import Terms

# ts_rank's weights of {D, C, B, A}: the text is D, the title A (at most 1 each).
RANK_WEIGHTS = f"{{{shared.TEXT_WEIGHT / shared.TITLE_WEIGHT}, 0, 0, 1}}"
# ts_rank's normalisation: divide by 1 + the logarithm of the document's length.
RANK_NORMALIZATION = 1
HEADLINE_OPTIONS = (
    f"StartSel={shared.MARK_OPEN}, StopSel={shared.MARK_CLOSE}, MaxWords={shared.SNIPPET_TOKENS},"
    f" MinWords={shared.SNIPPET_TOKENS // 2}, ShortWord=0, MaxFragments=1"
)


def _lexeme(term: str) -> str:
    """A term as one quoted `tsquery` lexeme (quotes doubled, backslashes escaped)."""
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def query_sql(terms: Terms) -> tuple[str, list[str]]:
    """The `tsquery` of the terms as SQL, and its parameters."""
    parts, params = [], []
    for term, prefix in terms:
        if prefix:
            parts.append(f"to_tsquery('{SEARCH_CONFIG}', ?)")
            params.append(_lexeme(term) + ":*")
        else:
            parts.append(f"phraseto_tsquery('{SEARCH_CONFIG}', ?)")
            params.append(term)
    return "(" + " && ".join(parts) + ")", params


def search(
    db: Db, terms: Terms, limit: int, offset: int, filters: ArticleFilter
) -> list[SearchHit]:
    """One page of hits, best first; snippets are cut for that page only."""
    query, query_params = query_sql(terms)
    conditions, params = filter_conditions(db, filters)
    where = "".join(f" AND {condition}" for condition in conditions)
    text = f"left(coalesce(a.text, ''), {SEARCH_TEXT_CHARS})"
    rows = db.execute(
        f"WITH q AS (SELECT {query} AS query),"
        " top AS ("
        f" SELECT a.seq, ts_rank('{RANK_WEIGHTS}', a.search, q.query, {RANK_NORMALIZATION})"
        f" AS rank FROM articles a, q WHERE a.search @@ q.query{where}"
        " ORDER BY rank DESC, a.seq LIMIT ? OFFSET ?)"
        " SELECT a.id, a.title, a.url, a.published, a.source, a.language, a.site, top.rank,"
        f" {text} AS body,"
        f" ts_headline('{SEARCH_CONFIG}', {text}, q.query, ?) AS body_snippet,"
        f" ts_headline('{SEARCH_CONFIG}', coalesce(a.title, ''), q.query, ?) AS title_snippet"
        " FROM top JOIN articles a ON a.seq = top.seq, q ORDER BY top.rank DESC, top.seq",
        [*query_params, *params, limit, max(offset, 0), HEADLINE_OPTIONS, HEADLINE_OPTIONS],
    ).fetchall()
    hits = []
    for row in rows:
        if shared.MARK_OPEN not in row["body_snippet"] and shared.MARK_OPEN in row["title_snippet"]:
            snippet = _cut_marks(row["title_snippet"], row["title"] or "")
        else:
            snippet = _cut_marks(row["body_snippet"], row["body"])
        hits.append(shared.search_hit(row, snippet, float(row["rank"])))
    return hits


def _cut_marks(marked: str, column: str) -> str:
    """The headline with `SNIPPET_ELLIPSIS` where it leaves out words of its column."""
    plain = marked.replace(shared.MARK_OPEN, "").replace(shared.MARK_CLOSE, "")
    start = column.find(plain)
    if start < 0:
        return marked
    before, after = column[:start], column[start + len(plain) :]
    head = SNIPPET_ELLIPSIS if any(char.isalnum() for char in before) else ""
    tail = SNIPPET_ELLIPSIS if any(char.isalnum() for char in after) else ""
    return head + marked + tail


def search_facets(db: Db, terms: Terms | None, scan: int) -> SearchFacets:
    """Facet counts over the `scan` most recently stored matches (newest articles if None),
    as in SQLite: a fair sample, not the best-ranked (ranking every match is slow)."""
    if terms is None:
        rows = db.execute(
            "SELECT seq FROM articles ORDER BY published_key DESC, id DESC LIMIT ?", (scan,)
        )
    else:
        query, params = query_sql(terms)
        rows = db.execute(
            f"SELECT seq FROM articles WHERE search @@ {query} ORDER BY seq DESC LIMIT ?",
            (*params, scan),
        )
    seqs = [int(row[0]) for row in rows]
    if not seqs:
        return SearchFacets()
    return shared.facet_counts(
        db,
        len(seqs),
        "unnest(CAST(? AS BIGINT[])) AS s (seq) JOIN articles a ON a.seq = s.seq",
        (seqs,),
    )
