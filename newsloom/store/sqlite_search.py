"""Turning free user text into a safe SQLite FTS5 MATCH expression.

Every whitespace-separated term becomes a double-quoted FTS5 string (inner quotes
doubled), so operators (`AND`, `OR`, `NOT`, `NEAR(`), column filters, `-`, `^`
and unbalanced quotes are searched as words instead of parsed as syntax. Terms are
ANDed. A term ending in `*` stays a prefix search. Terms without a letter or
digit are dropped, NUL characters (FTS5 ends a string at one) and lone surrogates
(not encodable as UTF-8) are removed; a query with no terms left matches nothing.
"""

from __future__ import annotations

# bm25 weight of each FTS column, in table order (title, text): a title match counts more.
BM25_WEIGHTS: tuple[float, ...] = (10.0, 1.0)
# Tokens of context `snippet()` keeps around the matched terms.
SNIPPET_TOKENS = 16
PREFIX_MARK = "*"


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
