"""Input shards an ingest has written: what lets a rerun skip work already stored.

The pipeline (`newsloom.pipeline.shards`) cuts its inputs into shards: a whole file, or
a run of records of a large WARC or JSONL file, each named by an opaque `key` that holds
the file's identity (path, size, modification time), the range and the options. While a
run writes a shard's results it records how many of the shard's inputs are written
(`items`), and `finished` once all are, so a rerun skips the finished shards and the
written start of an unfinished one. The store only keeps the rows; it never reads keys.

Progress only grows: a row keeps the largest `items` recorded and stays finished once
finished (the key names one unchanged file, so a shard done once is done). The table is
made only if missing: a store rewound to an older version by hand may have it already.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsloom.store.sql.dialect import Db

SHARDS_SQL = """
CREATE TABLE IF NOT EXISTS shards (
    key TEXT PRIMARY KEY,
    items INTEGER NOT NULL DEFAULT 0,
    finished INTEGER NOT NULL DEFAULT 0,
    run_id INTEGER REFERENCES runs (id) ON DELETE SET NULL,
    updated TEXT NOT NULL
);
"""

_UPSERT = (
    "INSERT INTO shards (key, items, finished, run_id, updated) VALUES (?, ?, ?, ?, ?)"
    " ON CONFLICT (key) DO UPDATE SET"
    " items = CASE WHEN excluded.items > shards.items THEN excluded.items ELSE shards.items END,"
    " finished = CASE WHEN excluded.finished > shards.finished"
    " THEN excluded.finished ELSE shards.finished END,"
    " run_id = excluded.run_id, updated = excluded.updated"
)


def read_shard(db: Db, key: str) -> tuple[int, bool] | None:
    """(inputs written, finished) of one shard; None when no run recorded it."""
    row = db.execute("SELECT items, finished FROM shards WHERE key = ?", (key,)).fetchone()
    return None if row is None else (int(row[0]), bool(row[1]))


def write_shards(
    db: Db,
    run_id: int | None,
    shards: Sequence[tuple[str, int, bool]],
    now: str,
) -> None:
    """Record (key, inputs written, finished) for each shard (inside the caller's
    transaction)."""
    db.executemany(
        _UPSERT, [(key, items, int(finished), run_id, now) for key, items, finished in shards]
    )
