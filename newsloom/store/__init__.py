"""The storage layer: the only code that talks to a database.

`open_store` picks the backend from the location's URL scheme (`backends.BACKENDS`): a
file path or `sqlite:///path` opens (creating and migrating) an embedded SQLite store.
Nothing outside `newsloom.store.sqlite` imports that backend; callers use `Store`
(`base`) and the records it returns (`records`).
"""

from __future__ import annotations

from newsloom.store.backends import BACKENDS, open_store
from newsloom.store.base import LOCK_WAIT_SECONDS, SchemaError, Store, StoreBusy
from newsloom.store.records import (
    ArticleRef,
    ArticleSummary,
    DropRecord,
    EntityDetail,
    EntitySummary,
    Page,
    QuoteRecord,
    RoleRecord,
    RunRecord,
    SaveOutcome,
    SearchHit,
)

__all__ = [
    "BACKENDS",
    "LOCK_WAIT_SECONDS",
    "ArticleRef",
    "ArticleSummary",
    "DropRecord",
    "EntityDetail",
    "EntitySummary",
    "Page",
    "QuoteRecord",
    "RoleRecord",
    "RunRecord",
    "SaveOutcome",
    "SchemaError",
    "SearchHit",
    "Store",
    "StoreBusy",
    "open_store",
]
