"""Migration 8's data step: put the articles a store already holds into stories.

Stories are assigned when an article is saved; a store upgraded from an earlier version
holds articles that were saved before, so each is assigned here once, oldest first (the
order a fresh ingest would have seen them in), inside the migration's transaction.
"""

from __future__ import annotations

from newsloom.store.rows import article_from_row
from newsloom.store.sql.dialect import Db
from newsloom.store.sql.facts import attach_facts, read_facts
from newsloom.store.sql.stories import assign_story

BATCH_SIZE = 500


def assign_stored_articles(db: Db) -> None:
    last_seq = 0
    while True:
        records = [
            dict(row)
            for row in db.execute(
                "SELECT * FROM articles WHERE seq > ? ORDER BY seq LIMIT ?", (last_seq, BATCH_SIZE)
            )
        ]
        if not records:
            return
        facts = read_facts(db, [record["id"] for record in records])
        for record in records:
            article = attach_facts(article_from_row(record, []), facts[record["id"]])
            assign_story(db, record["id"], article)
        last_seq = records[-1]["seq"]
