"""Rejected facts leave the API's lists and exports unless `include_rejected=true`
(issue 11, item 5); quote and event exports carry each row's `review`; the reviews
export on their own from the API and the CLI, as evaluation data."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsloom.cli import app
from newsloom.serve import ServeSettings, create_app
from tests.serve.conftest import TOKEN
from tests.serve.test_events_data import build_events_store

AUTH = {"Authorization": f"Bearer {TOKEN}"}
runner = CliRunner()


def _review(
    client: TestClient, article_id: str, kind: str, start: int, end: int, **extra: Any
) -> None:
    body = {"article_id": article_id, "kind": kind, "start": start, "end": end, **extra}
    response = client.post("/api/reviews", json=body, headers=AUTH)
    assert response.status_code == 200, response.text


def _csv(client: TestClient, path: str, **params: str) -> list[dict[str, str]]:
    response = client.get(path, params={"format": "csv", **params})
    assert response.status_code == 200, response.text
    return list(csv.DictReader(io.StringIO(response.text)))


def _total(client: TestClient, path: str, **params: str) -> int:
    total: int = client.get(path, params=params).json()["total"]
    return total


@pytest.fixture
def events_db(tmp_path: Path) -> Path:
    path = tmp_path / "events.db"
    build_events_store(path)
    return path


@pytest.fixture
def events_client(events_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(ServeSettings(store=str(events_db), token=TOKEN))) as client:
        yield client


def test_quotes_hide_the_rejected_and_their_export_says_each_review(
    app_client: TestClient,
) -> None:
    quotes = app_client.get("/api/quotes", params={"limit": 200}).json()
    total = quotes["total"]
    first, second = quotes["items"][:2]
    _review(
        app_client,
        first["article"]["id"],
        "quote",
        first["start"],
        first["end"],
        verdict="rejected",
        comment="a headline, not speech",
    )
    _review(
        app_client,
        second["article"]["id"],
        "quote",
        second["start"],
        second["end"],
        verdict="corrected",
        value={"speaker": "Tilda Quenby"},
    )

    assert _total(app_client, "/api/quotes") == total - 1
    assert _total(app_client, "/api/quotes", include_rejected="true") == total
    rows = _csv(app_client, "/api/export/quotes")
    assert len(rows) == total - 1
    assert not any(
        (r["article_id"], r["start"]) == (first["article"]["id"], str(first["start"])) for r in rows
    )
    reviewed = [r for r in rows if r["review"]]
    assert [(r["review"], json.loads(r["review_value"])) for r in reviewed] == [
        ("corrected", {"speaker": "Tilda Quenby"})
    ]
    assert all(r["review_value"] == "" for r in rows if not r["review"])
    everything = _csv(app_client, "/api/export/quotes", include_rejected="true")
    assert sorted(r["review"] for r in everything if r["review"]) == ["corrected", "rejected"]
    lines = app_client.get("/api/export/quotes", params={"format": "jsonl"}).text.splitlines()
    assert sum(json.loads(line)["review"] == "corrected" for line in lines) == 1
    # The API's list says each quote's review as the export does.
    listed = app_client.get("/api/quotes", params={"limit": 200, "include_rejected": "true"})
    said = {
        (q["article"]["id"], q["start"]): (q["review"], q["review_value"])
        for q in listed.json()["items"]
    }
    assert said[(first["article"]["id"], first["start"])] == ("rejected", None)
    assert said[(second["article"]["id"], second["start"])] == (
        "corrected",
        {"speaker": "Tilda Quenby"},
    )
    assert sum(review is not None for review, _ in said.values()) == 2


def test_events_hide_the_rejected_by_trigger_and_export_the_review(
    events_client: TestClient,
) -> None:
    events = events_client.get("/api/events").json()["items"]
    assert len(events) == 4
    raid = next(e for e in events if e["type"] == "COERCE")
    article = events_client.get(f"/api/articles/{raid['article']['id']}").json()
    start, end = article["events"][0]["trigger_span"]
    _review(events_client, article["id"], "event", start, end, verdict="rejected")
    assert _total(events_client, "/api/events") == 3
    assert "COERCE" not in {e["type"] for e in events_client.get("/api/events").json()["items"]}
    assert _total(events_client, "/api/events", include_rejected="true") == 4
    assert len(_csv(events_client, "/api/export/events")) == 3
    rows = _csv(events_client, "/api/export/events", include_rejected="true")
    assert [r["event_type"] for r in rows if r["review"] == "rejected"] == ["COERCE"]
    listed = events_client.get("/api/events", params={"include_rejected": "true"}).json()
    assert [(e["type"], e["review"]) for e in listed["items"] if e["review"]] == [
        ("COERCE", "rejected")
    ]
    assert events_client.get(f"/api/articles/{article['id']}").json()["events"] == []
    shown = events_client.get(f"/api/articles/{article['id']}?include_rejected=true").json()
    assert len(shown["events"]) == 1 and shown["reviews"][0]["kind"] == "event"


def test_places_and_entities_hide_what_is_wholly_rejected(events_client: TestClient) -> None:
    places = events_client.get("/api/places").json()
    kandor = next(p for p in places["items"] if p["name"] == "Kandor")
    mention = events_client.get(f"/api/places/{kandor['entity_id']}").json()["articles"][0]
    _review(
        events_client,
        mention["article_id"],
        "place",
        mention["start"],
        mention["end"],
        verdict="rejected",
    )
    assert _total(events_client, "/api/places") == places["total"] - 1
    assert _total(events_client, "/api/places", include_rejected="true") == places["total"]
    assert len(_csv(events_client, "/api/export/places")) == places["total"] - 1


def test_an_entity_whose_mentions_are_all_rejected_leaves_the_entities_list(
    app_client: TestClient,
) -> None:
    before = _total(app_client, "/api/entities")
    veil = app_client.get("/api/entities/person:oskar-veil").json()
    for ref in veil["articles"]:
        article = app_client.get(f"/api/articles/{ref['id']}").json()
        entity = next(e for e in article["entities"] if e["id"] == "person:oskar-veil")
        for m in entity["mentions"]:
            _review(app_client, article["id"], "entity", m["start"], m["end"], verdict="rejected")
    assert _total(app_client, "/api/entities") == before - 1
    ids = {e["id"] for e in app_client.get("/api/entities", params={"limit": 200}).json()["items"]}
    assert "person:oskar-veil" not in ids
    assert _total(app_client, "/api/entities", include_rejected="true") == before
    exported = _csv(app_client, "/api/export/entities", include_rejected="true")
    assert "person:oskar-veil" in {r["entity_id"] for r in exported}


def test_reviews_export_on_their_own_from_the_cli(
    events_db: Path, events_client: TestClient
) -> None:
    events = events_client.get("/api/events").json()["items"]
    for event, verdict in zip(events[:3], ("rejected", "confirmed", "corrected"), strict=True):
        article = events_client.get(f"/api/articles/{event['article']['id']}").json()
        start, end = article["events"][0]["trigger_span"]
        _review(
            events_client,
            article["id"],
            "event",
            start,
            end,
            verdict=verdict,
            value="ATTACK" if verdict == "corrected" else None,
            comment=f"{verdict} here",
        )
    result = runner.invoke(app, ["export", "reviews", "--db", str(events_db)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(r["verdict"] for r in rows) == ["confirmed", "corrected", "rejected"]
    corrected = next(r for r in rows if r["verdict"] == "corrected")
    assert json.loads(corrected["value"]) == "ATTACK" and corrected["comment"] == "corrected here"
    assert set(corrected) >= {"article_id", "kind", "start", "end", "verdict", "value", "comment"}
    only = runner.invoke(
        app,
        ["export", "reviews", "--db", str(events_db), "--verdict", "rejected", "--format", "csv"],
    )
    assert [r["verdict"] for r in csv.DictReader(io.StringIO(only.stdout))] == ["rejected"]
    # the CLI's event export hides the rejected one unless asked, like the API's
    listed = runner.invoke(app, ["export", "events", "--db", str(events_db)])
    assert len(listed.stdout.splitlines()) == 3
    everything = runner.invoke(
        app, ["export", "events", "--db", str(events_db), "--include-rejected"]
    )
    reviews = [json.loads(line)["review"] for line in everything.stdout.splitlines()]
    assert sorted(r for r in reviews if r) == ["confirmed", "corrected", "rejected"]
    bad = runner.invoke(app, ["export", "reviews", "--db", str(events_db), "--verdict", "maybe"])
    assert bad.exit_code == 2
    wrong = runner.invoke(app, ["export", "articles", "--db", str(events_db), "--include-rejected"])
    assert wrong.exit_code == 2 and "--include-rejected" in wrong.output
