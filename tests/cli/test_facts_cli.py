"""`newsloom events`, `newsloom places`, `newsloom stories` and `newsloom export KIND` on
stores of invented articles: the rows, filters that narrow them, and exports holding
exactly the API list's total."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsloom.cli import app
from newsloom.serve import ServeSettings, create_app
from newsloom.store import open_store
from tests.cli.fact_app import fact_store
from tests.serve.test_events_data import build_events_store
from tests.store.stories_fixtures import (
    copy_cut_and_edited,
    copy_with_boilerplate,
    unrelated_same_words,
    wire_original,
)

runner = CliRunner(env={"COLUMNS": "240"})


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def _lines(*args: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in _run(*args).splitlines()]


@pytest.fixture
def events_db(tmp_path: Path) -> str:
    path = tmp_path / "events.db"
    build_events_store(path)
    return str(path)


def test_events_json_rows_and_filters(events_db: str) -> None:
    rows = _lines("events", "--db", events_db, "--json")
    assert [row["event_type"] for row in rows] == ["PROTEST", "ASSAULT", "COERCE", "PROTEST"]
    assert [row["event_date"] for row in rows] == [
        "2031-03-05",
        "2031-03-04",
        "2031-03-03",
        "2031-03-01",
    ]
    assert rows[1]["fatalities"] == 12 and rows[1]["location"] == "Kandor"
    assert rows[1]["url"] == "https://events.example/3"
    protests = _lines("events", "--db", events_db, "--json", "--type", "protest")
    assert [row["location"] for row in protests] == ["Orvik", "Orvik"]
    sure = _lines("events", "--db", events_db, "--json", "--min-confidence", "0.8")
    assert [row["event_type"] for row in sure] == ["ASSAULT", "COERCE", "PROTEST"]
    days = _lines(
        "events", "--db", events_db, "--json", "--since", "2031-03-03", "--until", "2031-03-04"
    )
    assert [row["event_type"] for row in days] == ["ASSAULT", "COERCE"]
    varna = _lines("events", "--db", events_db, "--json", "--place", "Varna")
    assert [row["actor2"] for row in varna] == ["Kestrel Union"]
    paged = _lines("events", "--db", events_db, "--json", "--limit", "2", "--offset", "2")
    assert [row["event_type"] for row in paged] == ["COERCE", "PROTEST"]


def test_events_table_pages_and_bad_filters(events_db: str) -> None:
    table = _run("events", "--db", events_db, "--limit", "2")
    assert "Kandor" in table and "1–2 of 4" in table and "more: --offset 2" in table
    for bad in (["--type", "PICNIC"], ["--since", "0"], ["--since", "2031-02-30"]):
        result = runner.invoke(app, ["events", "--db", events_db, *bad])
        assert result.exit_code == 2, bad
    wrong = runner.invoke(app, ["events", "--db", events_db, "--since", "0"])
    assert "YYYY-MM-DD" in wrong.output


def test_places_rows_and_filters(events_db: str) -> None:
    rows = _lines("places", "--db", events_db, "--json")
    assert rows[0]["entity_id"] == "gpe:orvik" and rows[0]["articles"] == 2
    assert {row["name"] for row in rows} == {"Orvik", "Varna", "Kandor"}
    assert [row["name"] for row in _lines("places", "--db", events_db, "--json", "-q", "Va")] == [
        "Varna"
    ]
    late = _lines("places", "--db", events_db, "--json", "--since", "2031-03-04")
    assert {row["name"] for row in late} == {"Kandor", "Orvik"}
    assert _lines("places", "--db", events_db, "--json", "--kind", "country") == []
    bad = runner.invoke(app, ["places", "--db", events_db, "--kind", "planet"])
    assert bad.exit_code == 2
    assert "Kandor" in _run("places", "--db", events_db)


def test_stories_lists_the_shared_story(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    original = wire_original()
    with open_store(path) as store:
        for article in (original, copy_with_boilerplate(), copy_cut_and_edited()):
            store.save(article)
        store.save(unrelated_same_words())
    rows = _lines("stories", "--db", str(path), "--json")
    assert [(row["id"], row["article_count"]) for row in rows] == [(original.id, 3)]
    every = _lines("stories", "--db", str(path), "--json", "--single")
    assert len(every) == 2
    assert _lines("stories", "--db", str(path), "--json", "--since", "2031-06-01") == []
    assert original.title is not None and original.title in _run("stories", "--db", str(path))


def _api_total(db: str, path: str, **params: str) -> int:
    settings = ServeSettings(store=db, token="t")
    with TestClient(create_app(settings)) as client:
        response = client.get(path, params=params)
        assert response.status_code == 200, response.text
        return int(response.json()["total"])


@pytest.mark.parametrize(
    ("kind", "api", "base", "narrow"),
    [
        ("events", "/api/events", {}, {"type": "PROTEST"}),
        ("places", "/api/places", {}, {"since": "2031-03-04"}),
        ("articles", "/api/articles", {}, {"until": "2031-03-03"}),
        ("search", "/api/search", {"q": "Orvik"}, {"since": "2031-03-05"}),
    ],
)
def test_export_kind_holds_the_api_total(
    events_db: str, kind: str, api: str, base: dict[str, str], narrow: dict[str, str]
) -> None:
    def export(params: dict[str, str]) -> list[dict[str, str]]:
        options = [f"--{'query' if name == 'q' else name}={v}" for name, v in params.items()]
        text = _run("export", kind, "--format", "csv", "--db", events_db, *options)
        return list(csv.DictReader(io.StringIO(text)))

    everything = export(base)
    assert len(everything) == _api_total(events_db, api, **base) > 0
    fewer = export({**base, **narrow})
    assert 0 < len(fewer) < len(everything)
    assert len(fewer) == _api_total(events_db, api, **base, **narrow)


def test_export_quotes_and_entities(tmp_path: Path) -> None:
    db = str(fact_store(tmp_path / "s.db"))
    rows = _lines("export", "quotes", "--db", db, "--format", "jsonl")
    assert len(rows) == _api_total(db, "/api/quotes") == 2
    by_quenby = _lines("export", "quotes", "--db", db, "--speaker", "Quenby")
    assert [row["text"] for row in by_quenby] == ["We expect the first ferry at dawn,"]
    assert by_quenby[0]["url"] == "https://velmora-gazette.example/ferry"
    out = tmp_path / "quotes.parquet"
    _run("export", "quotes", "--db", db, "--format", "parquet", "--output", str(out))
    table = pq.read_table(out)
    assert table.num_rows == 2 and "start" in table.column_names
    entities = _lines("export", "entities", "--db", db)
    assert len(entities) == _api_total(db, "/api/entities") == 3
    people = _lines("export", "entities", "--db", db, "--type", "person")
    assert [row["entity_id"] for row in people] == ["person:tilda-quenby", "person:oskar-veil"]


def test_export_kind_refuses_filters_it_does_not_take(tmp_path: Path) -> None:
    db = str(fact_store(tmp_path / "s.db"))
    wrong = runner.invoke(app, ["export", "events", "--db", db, "--speaker", "Quenby"])
    assert wrong.exit_code == 2 and "--speaker" in wrong.output
    no_words = runner.invoke(app, ["export", "search", "--db", db])
    assert no_words.exit_code == 2
    no_kind = runner.invoke(app, ["export", "--db", db, "--type", "PROTEST"])
    assert no_kind.exit_code == 2


def test_export_without_kind_is_the_whole_store(tmp_path: Path) -> None:
    db = str(fact_store(tmp_path / "s.db"))
    rows = _lines("export", "--format", "jsonl", "--db", db)
    assert len(rows) == 2 and "text" in rows[0] and "entities" in rows[0]
