"""`/api/places`, `/api/places/{id}` and the /places page, on the real app and store."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from newsloom.record import Place
from newsloom.store import open_store
from tests.serve.conftest import ENRICHED_COUNT, ClientFactory
from tests.store.articles import make_article

HOSTILE = '<script>alert("x")</script>'


def add_hostile_place(db: Path) -> None:
    body = "Dockers walked out in Quillmarsh on Friday."
    article = make_article(body, locator="hostile", url="https://velmora-gazette.example/h")
    start = body.index("Quillmarsh")
    article.places = [
        Place("gpe:quillmarsh", HOSTILE, -33.5, 151.0, "city", "Quillmarsh", start, start + 10)
    ]
    with open_store(db) as store:
        store.save(article)


def test_api_lists_stored_places_with_counts(app_client: TestClient) -> None:
    body = app_client.get("/api/places").json()
    [sound] = [p for p in body["items"] if p["entity_id"] == "gpe:marlowe-sound"]
    assert sound["articles"] == ENRICHED_COUNT
    assert (sound["latitude"], sound["longitude"], sound["kind"]) == (57.25, -4.5, "city")
    assert body["total"] == len(body["items"])


def test_api_filters_and_paginates(app_client: TestClient) -> None:
    assert app_client.get("/api/places", params={"country": "GB"}).json()["total"] == 1
    assert app_client.get("/api/places", params={"country": "FR"}).json()["items"] == []
    assert app_client.get("/api/places", params={"q": "marl"}).json()["total"] == 1
    late = app_client.get("/api/places", params={"since": "2031-03-04"}).json()
    assert late["items"][0]["articles"] == 2
    assert app_client.get("/api/places", params={"kind": "planet"}).status_code == 422
    page = app_client.get("/api/places", params={"limit": 1}).json()
    assert page["next_cursor"] is None  # one place only in the fixture


def test_api_place_detail_has_articles_and_evidence(app_client: TestClient) -> None:
    body = app_client.get("/api/places/gpe:marlowe-sound").json()
    assert body["place"]["name"] == "Marlowe Sound"
    assert len(body["articles"]) == ENRICHED_COUNT
    first = body["articles"][0]
    assert first["published"].startswith("2031-03-05")  # newest first
    assert first["text"] == "Marlowe Sound"
    assert first["url"].startswith("https://velmora-gazette.example/")
    assert app_client.get("/api/places/gpe:nowhere").status_code == 404


def test_places_page_has_a_marker_and_a_row_per_place(app_client: TestClient) -> None:
    page = app_client.get("/places")
    assert page.status_code == 200
    html = page.text
    assert html.count('class="marker"') == 1
    assert 'href="/entities/gpe:marlowe-sound"' in html
    assert "/static/map.js" in html
    assert 'id="place-table"' in html and "Marlowe Sound" in html


def test_places_page_escapes_hostile_names(filled_db: Path, make_client: ClientFactory) -> None:
    add_hostile_place(filled_db)
    html = make_client().get("/places").text
    assert HOSTILE not in html
    assert "&lt;script&gt;" in html
    assert html.count('class="marker"') == 2
    api = make_client().get("/api/places/gpe:quillmarsh").json()
    assert api["place"]["name"] == HOSTILE  # JSON carries it as data, unchanged


def test_places_page_filters_by_kind(app_client: TestClient) -> None:
    html = app_client.get("/places", params={"kind": "country"}).text
    assert 'class="marker"' not in html
    assert "No places match." in html
