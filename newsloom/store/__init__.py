"""The storage layer: the only code that talks to a database.

`open_store` picks the backend from the location's URL scheme (`backends.BACKENDS`): a
file path or `sqlite:///path` opens (creating and migrating) an embedded SQLite store;
`postgresql://user@host/db` a PostgreSQL one that many processes may write at once
(`postgres`). Both run the same SQL for all but connecting, locking, migrating and
search (`sql`). Nothing outside `newsloom.store` imports a backend; callers use `Store`
(`base`) and the records it returns (`records`).
"""

from __future__ import annotations

from newsloom.store.backends import BACKENDS, open_store
from newsloom.store.base import (
    LOCK_WAIT_SECONDS,
    SchemaError,
    Store,
    StoreBusy,
    StoreUnavailable,
)
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
    "StoreUnavailable",
    "open_store",
]
