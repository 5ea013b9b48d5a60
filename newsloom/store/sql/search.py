"""What full-text search means on every backend: the terms of a query, the weights, the
marks around matched words in a snippet, the hits and the facets.

The contract (tests/store/test_search*.py): every whitespace-separated word of the query
is a term, searched as words, never parsed as syntax (`AND`, `NEAR(`, quotes, `-`, `^`
are words); the terms are ANDed; a term ending in `*` is a prefix; a term without a letter
or digit is dropped, NUL and lone surrogates are removed, and a query with no term left
matches nothing. Matching ignores case and accents. Best matches come first (a match in
the title weighs `TITLE_WEIGHT` times one in the text), ties in storage order; `offset`
pages through that order; filters are those of listing (`filters.filter_conditions`).
A hit's snippet is a short excerpt of its best-matching column, cuts marked with
`SNIPPET_ELLIPSIS`, its highlights the offsets of the matched words in it.

How a backend ranks and cuts snippets is its own (`sqlite/search.py`: FTS5 and bm25;
`postgres/search.py`: `tsvector` and `ts_rank`); facets are counted the same way on both
over a sample of matches the backend picks (`facet_counts`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from newsloom.record import parse_iso
from newsloom.store.records import SearchFacets, SearchHit
from newsloom.store.sql.dialect import Db, Row

# How much a match in the title counts against one in the text.
TITLE_WEIGHT = 10.0
TEXT_WEIGHT = 1.0
# Words of context a snippet keeps around the matched terms.
SNIPPET_TOKENS = 16
PREFIX_MARK = "*"
# What snippets wrap matched terms in: private-use characters, taken out again by
# `split_marks` (a stray one already in an article is dropped there, never mistaken).
MARK_OPEN = "\ue000"
MARK_CLOSE = "\ue001"
FACET_ROWS = 10

# The terms of a query: (term, whether it is a prefix).
Terms = list[tuple[str, bool]]


def search_terms(query: str) -> Terms:
    """The (term, is a prefix) of a query; empty when nothing in it can be searched."""
    terms: Terms = []
    text = query.encode("utf-8", "replace").decode("utf-8").replace("\x00", " ")
    for raw in text.split():
        prefix = raw.endswith(PREFIX_MARK)
        term = raw.rstrip(PREFIX_MARK) if prefix else raw
        if any(char.isalnum() for char in term):
            terms.append((term, prefix))
    return terms


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


def search_hit(row: Row, marked_snippet: str, score: float) -> SearchHit:
    """A hit from a row of `articles` (id, title, url, published, source, language, site)."""
    snippet, highlights = split_marks(marked_snippet)
    return SearchHit(
        id=row["id"],
        title=row["title"],
        url=row["url"],
        published=parse_iso(row["published"]),
        snippet=snippet,
        highlights=highlights,
        score=score,
        source=row["source"],
        language=row["language"],
        site=row["site"],
    )


def facet_counts(db: Db, scanned: int, sample: str, parameters: Sequence[Any] = ()) -> SearchFacets:
    """Facets over a sample of `scanned` articles: `sample` is a FROM clause naming them
    `a` (with its `parameters`), which the backend builds from the matches it picked."""
    scope = f"SELECT a.id FROM {sample}"

    def top(sql: str) -> list[tuple[str, str, int]]:
        return [(row[0], row[1], int(row[2])) for row in db.execute(sql, (*parameters, FACET_ROWS))]

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
        f"SELECT a.source, a.language, a.published_day FROM {sample}", parameters
    ).fetchall()
    sources: Counter[str] = Counter(row[0] for row in rows if row[0])
    languages: Counter[str] = Counter(row[1] for row in rows if row[1])
    days = sorted(row[2] for row in rows if row[2])
    months: Counter[str] = Counter(day[:7] for day in days)
    event_types = [
        (row[0], int(row[1]))
        for row in db.execute(
            "SELECT type, count(DISTINCT article_id) AS n FROM events"
            f" WHERE article_id IN ({scope}) GROUP BY type ORDER BY n DESC, type LIMIT ?",
            (*parameters, FACET_ROWS),
        )
    ]
    return SearchFacets(
        scanned=scanned,
        sources=sources.most_common(FACET_ROWS),
        languages=languages.most_common(FACET_ROWS),
        months=sorted(months.items()),
        entities=entities,
        places=places,
        event_types=event_types,
        first_day=days[0] if days else None,
        last_day=days[-1] if days else None,
    )
