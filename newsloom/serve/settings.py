"""Server settings, read once from arguments and the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass

from newsloom.store import LOCK_WAIT_SECONDS

MEGABYTE = 1024 * 1024


@dataclass(slots=True, frozen=True)
class ServeSettings:
    # The store the server reads (and `POST /ingest` writes).
    store: str = "newsloom.db"
    # Needed by `POST /ingest` (always) and by read endpoints when `protect_reads`.
    token: str | None = None
    protect_reads: bool = False
    # Largest upload `POST /ingest` accepts.
    max_upload_bytes: int = 20 * MEGABYTE
    # Seconds a write waits for another writer's lock; past it `POST /ingest` answers 503.
    lock_wait: float = LOCK_WAIT_SECONDS

    @classmethod
    def from_env(cls, store: str = "newsloom.db") -> ServeSettings:
        return cls(
            store=os.environ.get("NEWSLOOM_DB", store),
            token=os.environ.get("NEWSLOOM_TOKEN") or None,
            protect_reads=os.environ.get("NEWSLOOM_PROTECT_READS", "") in {"1", "true", "yes"},
        )
