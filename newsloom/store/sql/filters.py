"""Article filters shared by listing, search and facets, as SQL conditions on `articles a`.

Entity and place filters take an id or any stored name (case-insensitive); the event
type filter needs the events table (schema version 7). Every condition is a bound
parameter, never text pasted into SQL.
"""

from __future__ import annotations

from typing import Any

from newsloom.store.records import ArticleFilter
from newsloom.store.sql.dialect import Db
from newsloom.store.sql.fact_queries import find_entity_id

# What an unknown entity or place name matches: no article.
NO_MATCH = "1 = 0"


def filter_conditions(db: Db, filters: ArticleFilter) -> tuple[list[str], list[Any]]:
    """(conditions to AND, their parameters) for articles aliased `a`."""
    conditions: list[str] = []
    params: list[Any] = []
    for column, value in (("a.source", filters.source), ("a.language", filters.language)):
        if value:
            conditions.append(f"{column} = ?")
            params.append(value)
    if filters.since is not None:
        conditions.append("a.published_day >= ?")
        params.append(filters.since.isoformat())
    if filters.until is not None:
        conditions.append("a.published_day <= ?")
        params.append(filters.until.isoformat())
    # A place is an entity too (`gpe:fr`, or any of its names).
    for table, name in (("article_entities", filters.entity), ("places", filters.place)):
        if not name:
            continue
        entity_id = find_entity_id(db, name)
        if entity_id is None:
            conditions.append(NO_MATCH)
        else:
            conditions.append(f"a.id IN (SELECT article_id FROM {table} WHERE entity_id = ?)")
            params.append(entity_id)
    if filters.event_type:
        conditions.append("a.id IN (SELECT article_id FROM events WHERE type = ?)")
        params.append(filters.event_type.upper())
    return conditions, params
