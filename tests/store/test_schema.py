from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from newsloom.record import Article
from newsloom.store import SchemaError, open_store
from newsloom.store.rows import article_row, dumps
from newsloom.store.sql.facts_backfill import SCHEMA4_FACT_KEYS
from newsloom.store.sqlite import LATEST_VERSION, SQLiteStore
from newsloom.store.sqlite.connection import connect
from newsloom.store.sqlite.schema import MIGRATIONS, Migration, migrate, split_statements
from tests.store.articles import make_article, make_enriched_article


def test_new_store_is_at_latest_version(tmp_path: Path) -> None:
    with open_store(tmp_path / "n.db") as store:
        assert store.schema_version() == LATEST_VERSION == len(MIGRATIONS)


def _write_as_version_one(path: Path, article: Article) -> None:
    """Write `article` the way a newsloom at schema version 1 did (no `extra` column)."""
    row = {k: v for k, v in article_row(article, article.assign_id()).items() if k != "extra"}
    connection = sqlite3.connect(path)
    with connection:
        connection.execute(
            f"INSERT INTO articles ({', '.join(row)}, created, modified)"
            f" VALUES ({', '.join('?' for _ in row)}, 'then', 'then')",
            list(row.values()),
        )
        for position, item in enumerate(article.provenance):
            connection.execute(
                "INSERT INTO provenance VALUES (?, ?, ?, ?, ?, 'then')",
                (article.id, position, item.input, item.reader, item.locator),
            )
        connection.execute(
            "INSERT INTO runs (started, status, inputs, counts)"
            " VALUES ('2031-01-01T00:00:00+00:00', 'finished', '[\"a\"]', '{\"read\": 1}')"
        )
    connection.close()


def test_opening_a_version_one_store_upgrades_it_with_data_intact(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    article = make_article("The lighthouse keeper of Skerrow retired after forty years.")
    with SQLiteStore(path, migrations=MIGRATIONS[:1]) as old:
        assert old.schema_version() == 1
    _write_as_version_one(path, article)
    with open_store(path) as upgraded:
        assert upgraded.schema_version() == LATEST_VERSION
        loaded = upgraded.get(article.id)
        assert loaded is not None and loaded.to_dict() == article.to_dict()
        assert [hit.id for hit in upgraded.search("lighthouse")] == [article.id]
        (run,) = upgraded.runs()
        assert run.inputs == ["a"] and run.counts.read == 1
        assert upgraded.save(make_article("Revised: the keeper stays.")) == "updated"


def test_reopening_applies_nothing_twice(tmp_path: Path) -> None:
    path = tmp_path / "n.db"
    with open_store(path) as store:
        store.save(make_article())
    with open_store(path) as store:
        assert store.count_articles() == 1
        assert store.schema_version() == LATEST_VERSION


def test_failed_migration_rolls_back_to_previous_version(tmp_path: Path) -> None:
    broken = (*MIGRATIONS, Migration(len(MIGRATIONS) + 1, "broken", "CREATE TABLE x (a); BOGUS;"))
    path = tmp_path / "n.db"
    with pytest.raises(sqlite3.OperationalError):
        SQLiteStore(path, migrations=broken)
    with open_store(path) as store:
        assert store.schema_version() == LATEST_VERSION
    connection = sqlite3.connect(path)
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    connection.close()
    assert "x" not in tables


def test_newer_schema_than_known_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {LATEST_VERSION + 5}")
    connection.close()
    with pytest.raises(SchemaError, match="newer"):
        open_store(path)


def test_migrations_must_be_numbered_without_gaps() -> None:
    connection = connect(":memory:", 0)
    with pytest.raises(SchemaError):
        migrate(connection, [Migration(2, "skips one", "SELECT 1;")])


def test_split_statements_keeps_trigger_bodies_whole() -> None:
    script = "CREATE TABLE a (x); CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1; SELECT 2; END;"
    assert len(split_statements(script)) == 2


def test_wal_and_foreign_keys_are_on(tmp_path: Path) -> None:
    store = open_store(tmp_path / "n.db")
    assert isinstance(store, SQLiteStore)
    with store:
        connection = store._db
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_tables_and_indexes_exist(tmp_path: Path) -> None:
    with open_store(tmp_path / "n.db"):
        pass
    connection = sqlite3.connect(tmp_path / "n.db")
    names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    connection.close()
    assert {"articles", "provenance", "pending_fetches", "runs", "articles_fts"} <= names
    assert {"articles_url", "articles_canonical_url", "articles_content_hash"} <= names
    assert {"entities", "article_entities", "mentions", "roles", "quotes", "times"} <= names


def test_open_store_accepts_sqlite_urls(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path}/url.db") as store:
        store.save(make_article())
    assert (tmp_path / "url.db").is_file()
    with open_store("sqlite:///:memory:") as memory:
        assert memory.count_articles() == 0


def test_open_store_creates_missing_directories(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "deep" / "er" / "n.db")) as store:
        assert store.count_articles() == 0


@pytest.mark.parametrize("location", ["oracle://localhost/news", "mysql://x/y", "sqlite:///"])
def test_unknown_or_empty_locations_raise_value_error(location: str) -> None:
    with pytest.raises(ValueError):
        open_store(location)


def test_closed_store_refuses_work(tmp_path: Path) -> None:
    store = open_store(tmp_path / "n.db")
    store.close()
    store.close()
    with pytest.raises(RuntimeError, match="closed"):
        store.count_articles()


def _write_as_version_four(path: Path, articles: list[Article]) -> None:
    """Write articles the way a newsloom at schema version 4 did: facts inside `extra`."""
    connection = sqlite3.connect(path)
    with connection:
        for article in articles:
            row = article_row(article, article.assign_id())
            record = article.to_dict()
            row["extra"] = dumps({k: record[k] for k in ("enrichment", *SCHEMA4_FACT_KEYS)})
            connection.execute(
                f"INSERT INTO articles ({', '.join(row)}, created, modified)"
                f" VALUES ({', '.join('?' for _ in row)}, 'then', 'then')",
                list(row.values()),
            )
            for position, item in enumerate(article.provenance):
                connection.execute(
                    "INSERT INTO provenance VALUES (?, ?, ?, ?, ?, 'then')",
                    (article.id, position, item.input, item.reader, item.locator),
                )
    connection.close()


def test_version_four_store_upgrades_with_facts_moved_into_tables(tmp_path: Path) -> None:
    path = tmp_path / "v4.db"
    first = make_enriched_article()
    second = make_enriched_article(
        "Tilda Quenby opened the new quay.", locator="entry-2", url="https://x.example/quay"
    )
    plain = make_article("The lighthouse keeper of Skerrow retired.", locator="entry-3", url=None)
    for article in (first, second):
        article.places = []  # places came with schema version 6
    with SQLiteStore(path, migrations=MIGRATIONS[:4]) as old:
        assert old.schema_version() == 4
    _write_as_version_four(path, [first, second, plain])

    with open_store(path) as upgraded:
        assert upgraded.schema_version() == LATEST_VERSION
        for article in (first, second, plain):
            loaded = upgraded.get(article.id)
            assert loaded is not None and loaded.to_dict() == article.to_dict()
        quenby = upgraded.entities(type="PERSON")[0]
        assert (quenby.id, quenby.article_count, quenby.mention_count) == (
            "person:tilda-quenby",
            2,
            4,
        )
        assert [q.quote.speaker for q in upgraded.quotes(speaker="quenby")] == ["Quenby"]
        assert isinstance(upgraded, SQLiteStore)
        extras = [row[0] for row in upgraded._db.execute("SELECT extra FROM articles")]
        assert all("entities" not in json.loads(extra) for extra in extras)
        again = make_enriched_article()
        again.places = []
        assert upgraded.save(again) == "unchanged"
