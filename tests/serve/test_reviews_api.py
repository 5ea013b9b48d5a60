"""Reviews over the API (issue 11, item 5): writing needs the token; the article view
hides rejected facts unless asked; reviews list, page and export on their own."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from fastapi.testclient import TestClient


def _article(client: TestClient, **params: Any) -> dict[str, Any]:
    first = client.get("/api/articles", params={"q": "ferry", "limit": 1}).json()["items"][0]
    response = client.get(f"/api/articles/{first['id']}", params=params)
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


def _review(article: dict[str, Any], fact: dict[str, Any], kind: str, **extra: Any) -> Any:
    return {
        "article_id": article["id"],
        "kind": kind,
        "start": fact["start"],
        "end": fact["end"],
        **extra,
    }


def test_writing_a_review_needs_the_token(app_client: TestClient) -> None:
    article = _article(app_client)
    body = _review(article, article["quotes"][0], "quote", verdict="rejected")
    assert app_client.post("/api/reviews", json=body).status_code == 401
    wrong = {"Authorization": "Bearer nope"}
    assert app_client.post("/api/reviews", json=body, headers=wrong).status_code == 401
    assert app_client.get("/api/reviews").json()["total"] == 0


def test_a_rejected_quote_is_hidden_from_the_article_unless_asked(
    app_client: TestClient, auth: dict[str, str]
) -> None:
    article = _article(app_client)
    quotes = article["quotes"]
    assert len(quotes) == 2 and article["reviews"] == []
    body = _review(article, quotes[0], "quote", verdict="rejected", comment="not a quote")
    saved = app_client.post("/api/reviews", json=body, headers=auth)
    assert saved.status_code == 200 and saved.json()["created"]

    shown = _article(app_client)
    assert [q["text"] for q in shown["quotes"]] == [quotes[1]["text"]]
    assert shown["reviews"][0]["verdict"] == "rejected"
    everything = _article(app_client, include_rejected="true")
    assert len(everything["quotes"]) == 2


def test_a_confirmed_time_stays_and_a_correction_needs_its_value(
    app_client: TestClient, auth: dict[str, str]
) -> None:
    article = _article(app_client)
    time = article["times"][0]
    ok = _review(article, time, "time", verdict="confirmed")
    assert app_client.post("/api/reviews", json=ok, headers=auth).status_code == 200
    assert len(_article(app_client)["times"]) == 1
    bad = _review(article, time, "time", verdict="corrected")
    assert app_client.post("/api/reviews", json=bad, headers=auth).status_code == 422
    unknown = {**ok, "article_id": "no-such-article"}
    assert app_client.post("/api/reviews", json=unknown, headers=auth).status_code == 404


def test_reviews_list_pages_and_export_every_row(
    app_client: TestClient, auth: dict[str, str]
) -> None:
    article = _article(app_client)
    facts = [(q, "quote") for q in article["quotes"]] + [(article["times"][0], "time")]
    for n, (fact, kind) in enumerate(facts):
        verdict = "corrected" if n == 0 else "confirmed"
        body = _review(article, fact, kind, verdict=verdict, value={"speaker": "X"})
        assert app_client.post("/api/reviews", json=body, headers=auth).status_code == 200

    first = app_client.get("/api/reviews", params={"limit": 2}).json()
    assert first["total"] == 3 and len(first["items"]) == 2 and first["next_cursor"]
    second = app_client.get("/api/reviews", params={"limit": 2, "cursor": first["next_cursor"]})
    assert len(second.json()["items"]) == 1 and second.json()["next_cursor"] is None
    assert app_client.get("/api/reviews", params={"kind": "time"}).json()["total"] == 1

    exported = app_client.get("/api/export/reviews", params={"format": "csv"})
    assert exported.status_code == 200
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert len(rows) == first["total"]
    corrected = [row for row in rows if row["verdict"] == "corrected"]
    assert len(corrected) == 1 and json.loads(corrected[0]["value"]) == {"speaker": "X"}
    lines = app_client.get("/api/export/reviews", params={"format": "jsonl", "kind": "quote"})
    assert len(lines.text.strip().splitlines()) == 2
