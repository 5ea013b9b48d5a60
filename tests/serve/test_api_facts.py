"""`/api/entities`, `/api/entities/{id_or_name}`, `/api/quotes`, runs, drops, later stages."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.serve.conftest import ENRICHED_COUNT


def test_entities_most_articles_first_with_type_filter_and_cursor(
    app_client: TestClient,
) -> None:
    everything = app_client.get("/api/entities").json()
    ids = [e["id"] for e in everything["items"]]
    assert set(ids) == {"person:tilda-quenby", "person:oskar-veil", "gpe:marlowe-sound"}
    counts = [e["article_count"] for e in everything["items"]]
    assert counts == sorted(counts, reverse=True) and everything["next_cursor"] is None
    assert everything["total"] == 3

    people = app_client.get("/api/entities", params={"type": "PERSON"}).json()["items"]
    assert {e["type"] for e in people} == {"PERSON"} and len(people) == 2

    first = app_client.get("/api/entities", params={"limit": 1}).json()
    assert first["next_cursor"] == "o1" and [e["id"] for e in first["items"]] == ids[:1]
    second = app_client.get("/api/entities", params={"limit": 2, "cursor": "o1"}).json()
    assert [e["id"] for e in second["items"]] == ids[1:3]


@pytest.mark.parametrize("name", ["person:tilda-quenby", "Tilda Quenby", "QUENBY"])
def test_entity_detail_by_id_name_or_alias(app_client: TestClient, name: str) -> None:
    response = app_client.get(f"/api/entities/{name}")
    assert response.status_code == 200
    detail = response.json()
    assert detail["id"] == "person:tilda-quenby"
    assert set(detail["aliases"]) == {"Tilda Quenby", "Quenby"}
    assert len(detail["articles"]) == ENRICHED_COUNT
    assert {a["source"] for a in detail["articles"]} == {"Velmora Gazette", "Marlowe Courier"}


def test_entity_detail_roles_quotes_and_mentions_per_day(app_client: TestClient) -> None:
    detail = app_client.get("/api/entities/Tilda Quenby").json()
    role = detail["roles"][0]
    assert role["title"] == "harbour master" and (role["start"], role["end"]) == (0, 14)
    assert role["article"]["url"] and role["article"]["published"]

    days = detail["mentions_over_time"]
    assert [d["day"] for d in days] == [f"2031-03-0{n}" for n in range(1, 6)]
    assert all(d["articles"] == 1 and d["mentions"] == 3 for d in days)

    assert len(detail["quotes_by"]) == ENRICHED_COUNT
    assert {q["text"] for q in detail["quotes_by"]} == {"We expect the first ferry at dawn,"}
    about = detail["quotes_about"]
    assert about and {q["speaker"] for q in about} == {"Oskar Veil"}
    assert all(q["article"]["id"] and q["confidence"] > 0 for q in about)


def test_unknown_entity_is_404(app_client: TestClient) -> None:
    response = app_client.get("/api/entities/Nobody Atall")
    assert response.status_code == 404 and response.json()["detail"]


def test_quotes_filter_by_speaker_and_since(app_client: TestClient) -> None:
    everything = app_client.get("/api/quotes", params={"limit": 100}).json()["items"]
    assert len(everything) == 2 * ENRICHED_COUNT
    veil = app_client.get("/api/quotes", params={"speaker": "Oskar Veil"}).json()["items"]
    assert len(veil) == ENRICHED_COUNT and {q["speaker"] for q in veil} == {"Oskar Veil"}
    recent = app_client.get(
        "/api/quotes", params={"speaker": "Oskar Veil", "since": "2031-03-04"}
    ).json()["items"]
    assert sorted(q["article"]["published"] for q in recent) == ["2031-03-04", "2031-03-05"]
    quote = recent[0]
    assert {"start", "end", "confidence"} <= set(quote)
    assert set(quote["article"]) >= {"id", "url", "source", "published"}
    assert quote["article"]["source"] is not None


def test_quotes_limit_and_bad_since(app_client: TestClient) -> None:
    assert len(app_client.get("/api/quotes", params={"limit": 3}).json()["items"]) == 3
    assert app_client.get("/api/quotes", params={"since": "soon"}).status_code == 422


def test_runs_report_the_fixture_ingest(app_client: TestClient) -> None:
    runs = app_client.get("/api/runs").json()["items"]
    assert len(runs) == 1
    assert runs[0]["status"] == "finished" and runs[0]["counts"]["stored"] > 0


def test_drops_list_with_reason_filter(app_client: TestClient, auth: dict[str, str]) -> None:
    empty = app_client.post(
        "/api/ingest",
        params={"enrich": "false"},
        files={"file": ("blank.txt", b"   \n", "text/plain")},
        headers=auth,
    )
    assert empty.status_code == 200, empty.text
    drops = app_client.get("/api/drops").json()["items"]
    assert [d["reason"] for d in drops] == ["empty"]
    assert drops[0]["input"].startswith("upload:") and drops[0]["input"].endswith("/blank.txt")
    assert app_client.get("/api/drops", params={"reason": "binary"}).json()["items"] == []
