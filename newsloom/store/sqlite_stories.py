"""Stories in SQLite (schema version 8): syndicated copies and same-event groups.

Owned by the stories stage; `STORIES_SQL` is the migration, `assign_story` is called
inside `SqliteStore.save`'s transaction for every new or changed article.
"""

from __future__ import annotations

import sqlite3

from newsloom.record import Article

STORIES_SQL = """
CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    title TEXT,
    first_published TEXT,
    last_published TEXT,
    article_count INTEGER NOT NULL DEFAULT 0,
    source_count INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE story_articles (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    story_id TEXT NOT NULL,
    copy_of TEXT,
    similarity REAL NOT NULL DEFAULT 1.0
);
CREATE INDEX story_articles_story ON story_articles (story_id);
"""


def assign_story(db: sqlite3.Connection, article_id: str, article: Article) -> None:
    """Place the article in a story (a stub until the stories stage lands)."""
    del db, article_id, article
