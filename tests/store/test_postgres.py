"""What only the PostgreSQL store has to show: its locations, its schema, several
processes writing one store at once, and connections that drop mid-run.

Everything else a store does is tested on both backends by the rest of tests/store."""

from __future__ import annotations

import multiprocessing
import secrets
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import psycopg
import pytest

from newsloom.pipeline import Pipeline
from newsloom.record import RunCounts
from newsloom.store import SchemaError, StoreBusy, StoreUnavailable, open_store
from newsloom.store.postgres import LATEST_VERSION, PostgresStore
from newsloom.store.postgres.schema import LOCK_CLASS, MIGRATIONS
from newsloom.store.sql.schema import Migration
from newsloom.store.sqlite import LATEST_VERSION as SQLITE_VERSION
from tests.pipeline.corpus import write_corpus
from tests.store.articles import make_article
from tests.store.databases import (
    POSTGRES_URL,
    Locations,
    admin,
    end_sessions,
    query,
    require_postgres,
    table,
)
from tests.store.test_merge_order import _inputs, snapshot

# Columns that record when or in which order a row was written, not what it holds.
CLOCK_COLUMNS = frozenset({"created", "modified", "added", "seq"})


@pytest.fixture
def pg(tmp_path: Path) -> Iterator[Locations]:
    require_postgres()
    with closing(Locations("postgresql", tmp_path)) as made:
        yield made


def _schema_of(location: str) -> str:
    return location.rsplit("application_name=", 1)[1]


# -- locations ------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["postgresql", "postgres"])
def test_a_postgresql_url_opens_the_postgresql_store(pg: Locations, scheme: str) -> None:
    location = scheme + pg.new().removeprefix("postgresql")
    with open_store(location) as store:
        assert isinstance(store, PostgresStore)
        assert store.schema_version() == LATEST_VERSION == SQLITE_VERSION
        store.save(make_article())
        assert store.count_articles() == 1


def test_an_unknown_scheme_is_refused_naming_those_there_are() -> None:
    with pytest.raises(ValueError, match=r"'oracle'.*postgresql://.*sqlite://"):
        open_store("oracle://localhost/news")


def test_a_url_that_went_through_path_is_refused_not_made_a_folder() -> None:
    folded = Path("postgresql://newsloom@db.example/news")  # as a --db typed Path gives it
    with pytest.raises(ValueError, match="URL read as a file path"):
        open_store(folded)
    assert not Path("postgresql:").exists()


def test_an_unreachable_server_is_a_clear_error() -> None:
    with pytest.raises(StoreUnavailable, match="cannot connect") as raised:
        open_store("postgresql://newsloom:secret@127.0.0.1:1/news")
    assert "secret" not in str(raised.value)


def test_a_search_path_without_a_schema_is_refused(pg: Locations) -> None:
    location = pg.new().replace("search_path%3D", "search_path%3Dno_such_schema_")
    with pytest.raises(SchemaError, match="no schema"):
        open_store(location)


# -- schema ---------------------------------------------------------------------------


def test_reopening_applies_nothing_twice(pg: Locations) -> None:
    location = pg.new()
    with open_store(location) as store:
        store.save(make_article())
    with open_store(location) as store:
        assert store.count_articles() == 1
        assert store.schema_version() == LATEST_VERSION
        assert query(store, "SELECT count(*) FROM newsloom_schema") == [(1,)]


def test_a_newer_schema_than_known_is_refused(pg: Locations) -> None:
    location = pg.new()
    open_store(location).close()
    with admin() as connection:
        connection.execute(
            f'UPDATE "{_schema_of(location)}".newsloom_schema SET version = %s',
            (LATEST_VERSION + 5,),
        )
    with pytest.raises(SchemaError, match="newer"):
        open_store(location)


def test_a_failed_migration_rolls_back_to_the_previous_version(pg: Locations) -> None:
    location = pg.new()
    broken = (
        *MIGRATIONS,
        Migration(LATEST_VERSION + 1, "broken", "CREATE TABLE x (a INT); BOGUS;"),
    )
    with pytest.raises(psycopg.errors.SyntaxError):
        PostgresStore(location, migrations=broken)
    with open_store(location) as store:
        assert store.schema_version() == LATEST_VERSION
        assert query(store, "SELECT to_regclass('x') IS NULL") == [(True,)]


def test_search_has_a_generated_tsvector_with_a_gin_index_and_text_sorts_by_code_point(
    pg: Locations,
) -> None:
    with open_store(pg.new()) as store:
        indexes = query(
            store,
            "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema()"
            " AND indexname = 'articles_search'",
        )
        assert len(indexes) == 1 and "gin (search)" in str(indexes[0][0])
        collations = query(
            store,
            "SELECT DISTINCT collation_name FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND data_type = 'text'",
        )
        assert collations == [("C",)]
        for number, title in enumerate(("b", "B", "a", "é", "Z")):
            store.save(make_article(f"Text {number}.", title=title, url=None, input=title))
        titles = query(store, "SELECT title FROM articles ORDER BY title")
        assert [row[0] for row in titles] == sorted(["b", "B", "a", "é", "Z"])


def test_a_store_made_without_unaccent_says_its_search_keeps_accents(
    pg: Locations, caplog: pytest.LogCaptureFixture
) -> None:
    location = pg.new()
    open_store(location).close()
    with admin() as connection:
        connection.execute(
            f'ALTER TEXT SEARCH CONFIGURATION "{_schema_of(location)}".newsloom_search'
            " ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part"
            " WITH simple"
        )
    with caplog.at_level("WARNING"), open_store(location) as store:
        store.save(make_article("The Café Özil reopened.", title="Reopening"))
        assert store.search("cafe") == [] and len(store.search("café")) == 1
    assert "search keeps accents" in caplog.text


# -- writers --------------------------------------------------------------------------


def test_reads_go_on_while_another_writer_holds_the_lock_and_writes_wait(pg: Locations) -> None:
    location = pg.new()
    with PostgresStore(location, lock_wait=0.3) as store, admin() as holder:
        store.save(make_article())
        run_id = store.start_run([])
        with holder.transaction():
            holder.execute(
                "SELECT pg_advisory_xact_lock(%s, hashtext(%s))", (LOCK_CLASS, _schema_of(location))
            )
            assert store.count_articles() == 1
            assert [hit.id for hit in store.search("harbour")] == [make_article().assign_id()]
            with pytest.raises(StoreBusy, match="another writer"):
                store.save(make_article("Another text.", url=None, input="other"))
            store.record_progress(run_id, RunCounts(read=5))  # skipped, not raised
        store.record_progress(run_id, RunCounts(read=6))
        assert store.count_articles() == 1
        assert store.runs()[0].counts.read == 6


def _save_all_in_another_process(location: str, order: list[int], start: Any) -> None:
    """Save the merge-order inputs in `order`, after every process has reached `start`."""
    inputs = _inputs()
    with open_store(location) as store:
        start.wait()
        for position in order:
            store.save(inputs[position])


@pytest.mark.slow  # three more Python processes
def test_processes_saving_the_same_inputs_at_once_store_each_article_once(
    pg: Locations,
) -> None:
    """Copies of one text under other URLs, the same URL from other inputs, stories: three
    processes save them all at once, each in another order, and the store ends as one
    process saving them once would leave it."""
    alone = pg.new("alone")
    with open_store(alone) as store:
        for article in _inputs():
            store.save(article)
        expected = snapshot(store)
    shared = pg.new("shared")  # opened, made and migrated by all three at once
    count = len(_inputs())
    orders = [list(range(count)), list(reversed(range(count)))]
    orders.append([(n * 3) % count for n in range(count)])
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(len(orders))
    processes = [
        context.Process(target=_save_all_in_another_process, args=(shared, order, start))
        for order in orders
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
        assert process.exitcode == 0
    with open_store(shared) as store, open_store(alone) as single:
        assert snapshot(store) == expected
        assert store.count_articles() == len(expected["articles"]) == 4
        duplicates = query(
            store, "SELECT content_hash FROM articles GROUP BY content_hash HAVING count(*) > 1"
        )
        assert duplicates == []
        # Provenance positions are the order inputs arrived in, as in SQLite.
        arrival = CLOCK_COLUMNS | {"position"}
        for name in ("provenance", "article_entities", "story_articles", "story_bands"):
            assert table(store, name, arrival) == table(single, name, arrival)


# -- dropped connections --------------------------------------------------------------


def test_a_connection_ended_by_the_server_is_tried_again_unseen(pg: Locations) -> None:
    location = pg.new()
    with open_store(location) as store:
        store.save(make_article())
        assert end_sessions(_schema_of(location)) >= 1
        second = make_article("The ferry now leaves at ten.", url=None, input="later")
        assert store.save(second) == "stored"
        assert store.count_articles() == 2
        assert store.get(second.id) is not None


def _ingest(location: str, corpus: Path, progress: Any = None) -> RunCounts:
    with Pipeline(location, stages=[]) as pipeline:
        pipeline.counts_interval = 0.0
        return pipeline.ingest([str(corpus)], progress).counts


def test_a_run_whose_connections_are_ended_mid_way_finishes_with_every_article(
    pg: Locations, tmp_path: Path
) -> None:
    corpus = write_corpus(tmp_path / "in", 8)
    location = pg.new()
    ended: list[int] = []
    seen: list[str] = []

    def end_them(counts: RunCounts) -> None:
        if counts.read == 3 and not ended:
            ended.append(end_sessions(_schema_of(location)))  # the run lock's session too
            with open_store(location) as other:  # finds the run's lock free
                seen.append(other.runs()[0].status)
        elif counts.read == 5:
            with open_store(location) as other:  # the run took its lock again
                seen.append(other.runs()[0].status)

    counts = _ingest(location, corpus, end_them)
    assert ended and ended[0] >= 2
    assert seen == ["interrupted", "running"]
    assert (counts.read, counts.stored, counts.dropped) == (8, 8, {})
    with open_store(location) as store:
        assert store.count_articles() == 8
        (run,) = store.runs()
        assert run.status == "finished" and run.counts.stored == 8


@pytest.fixture
def own_role(pg: Locations) -> Iterator[tuple[str, str]]:
    """(location, role): a store owned by a role of its own, which the test may lock out."""
    role = f"nl_test_role_{secrets.token_hex(4)}"
    location = pg.new("owned")
    schema = _schema_of(location)
    try:
        with admin() as connection:
            connection.execute(f'CREATE ROLE "{role}" LOGIN')
            connection.execute(f'ALTER SCHEMA "{schema}" OWNER TO "{role}"')
    except psycopg.Error as error:
        pytest.skip(f"the test server does not let {POSTGRES_URL} make roles: {error}")
    user = POSTGRES_URL.split("://", 1)[1].split("@", 1)[0]
    yield location.replace(f"://{user}@", f"://{role}@", 1), role
    end_sessions(schema)
    with admin() as connection:
        connection.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        connection.execute(f'DROP ROLE IF EXISTS "{role}"')


@pytest.mark.slow  # waits out the lock wait several times (about 6 s)
def test_a_server_gone_past_the_wait_stops_the_run_and_a_rerun_completes_it(
    own_role: tuple[str, str], pg: Locations, tmp_path: Path
) -> None:
    location, role = own_role
    corpus = write_corpus(tmp_path / "in", 8)
    whole = pg.new("whole")
    _ingest(whole, corpus)

    def lock_out(counts: RunCounts) -> None:
        if counts.read == 3:
            with admin() as connection:
                connection.execute(f'ALTER ROLE "{role}" NOLOGIN')
            end_sessions(_schema_of(location))

    store = PostgresStore(location, lock_wait=0.5)
    with pytest.raises(StoreUnavailable, match="did not answer"), Pipeline(store, stages=[]) as run:
        run.counts_interval = 0.0
        run.ingest([str(corpus)], lock_out)
    with admin() as connection:
        connection.execute(f'ALTER ROLE "{role}" LOGIN')
    with open_store(location) as reopened:
        (stopped,) = reopened.runs()
        assert stopped.status == "interrupted"
        assert 0 < reopened.count_articles() < 8
    counts = _ingest(location, corpus)
    assert counts.read == 8 and counts.stored + counts.unchanged == 8
    with open_store(location) as resumed, open_store(whole) as uninterrupted:
        for name in ("articles", "provenance", "story_articles"):
            assert table(resumed, name, CLOCK_COLUMNS) == table(uninterrupted, name, CLOCK_COLUMNS)
