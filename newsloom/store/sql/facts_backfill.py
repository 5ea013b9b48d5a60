"""Migration 5's data step: facts saved before the fact tables move out of `extra`.

Up to schema version 4 the facts (entities, quotes, times) were kept in the
`articles.extra` JSON; from version 5 the fact tables are their only copy.
"""

from __future__ import annotations

import json

from newsloom.record import Article
from newsloom.store.rows import dumps
from newsloom.store.sql.dialect import Db
from newsloom.store.sql.facts import refresh_entities, write_schema5_facts

BATCH_SIZE = 500
# The fact kinds schema 4 kept in `extra` (fixed: later kinds never were there).
SCHEMA4_FACT_KEYS = ("entities", "quotes", "times")


def move_facts_out_of_extra(db: Db) -> None:
    """Write every article's facts into the fact tables and drop them from `extra`."""
    touched: set[str] = set()
    last_seq = 0
    while True:
        rows = db.execute(
            "SELECT seq, id, extra FROM articles WHERE seq > ? ORDER BY seq LIMIT ?",
            (last_seq, BATCH_SIZE),
        ).fetchall()
        if not rows:
            break
        for seq, article_id, extra in rows:
            record = json.loads(extra or "{}")
            facts = Article.from_dict(
                {key: record.get(key) for key in (*SCHEMA4_FACT_KEYS, "enrichment")}
            )
            touched |= write_schema5_facts(db, article_id, facts)
            kept = {key: value for key, value in record.items() if key not in SCHEMA4_FACT_KEYS}
            db.execute("UPDATE articles SET extra = ? WHERE seq = ?", (dumps(kept), seq))
        last_seq = rows[-1][0]
    refresh_entities(db, touched)
