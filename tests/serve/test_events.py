"""The events page, its CSV and /api/events on the real app over a real SQLite store."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from newsloom.serve import ServeSettings, create_app
from tests.serve.test_events_data import ATTACK, PROTEST, RAID, SCRIPT, build_events_store


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = tmp_path_factory.mktemp("events") / "events.db"
    build_events_store(path)
    with TestClient(create_app(ServeSettings(store=str(path)))) as opened:
        yield opened


def rows_of(client: TestClient, query: str = "") -> list[dict[str, str]]:
    response = client.get(f"/events.csv{query}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.text)))


def table_types(html: str) -> list[str]:
    return re.findall(r'<tr class="event-row" data-type="([A-Z]+)">', html)


def test_page_lists_events_newest_first_with_timeline_and_map(client: TestClient) -> None:
    html = client.get("/events").text
    assert table_types(html) == ["PROTEST", "ASSAULT", "COERCE", "PROTEST"]
    assert "Crowds rallied against the port tax" in html
    assert 'data-chart="bar"' in html and "2031-03-04" in html  # the per-day chart table
    assert html.count('class="marker"') == 3  # Orvik (two events), Varna, Kandor
    assert "Orvik: 2 events" in html


def test_type_filter_narrows_page_and_csv_alike(client: TestClient) -> None:
    html = client.get("/events?type=coerce").text
    assert table_types(html) == ["COERCE"]
    assert '<option value="COERCE" selected>' in html
    rows = rows_of(client, "?type=COERCE")
    assert [r["event_type"] for r in rows] == ["COERCE"]
    assert rows[0]["notes"] == RAID and rows[0]["actor2"] == "Kestrel Union"


def test_place_and_day_filters(client: TestClient) -> None:
    assert [r["event_type"] for r in rows_of(client, "?place=Kandor")] == ["ASSAULT"]
    assert [r["notes"] for r in rows_of(client, "?place=gpe:orvik&until=2031-03-02")] == [PROTEST]
    since = rows_of(client, "?since=2031-03-03&until=2031-03-04")
    assert [r["notes"] for r in since] == [ATTACK, RAID]
    # a bad day is left out, and the page says so
    html = client.get("/events?since=not-a-date").text
    assert table_types(html) != [] and "is not a day" in html and 'role="alert"' in html


def test_csv_rows_match_the_page(client: TestClient) -> None:
    html = client.get("/events").text
    rows = rows_of(client)
    assert [r["event_type"] for r in rows] == table_types(html)
    attack = next(r for r in rows if r["event_type"] == "ASSAULT")
    assert attack["fatalities"] == "12" and attack["location"] == "Kandor"
    assert attack["url"] == "https://events.example/3"
    assert attack["latitude"] == "34.5"


def test_hostile_text_is_escaped_and_defused(client: TestClient) -> None:
    html = client.get("/events").text
    assert SCRIPT not in html
    assert "&lt;script&gt;" in html
    hostile = next(r for r in rows_of(client) if "HYPERLINK" in r["notes"])
    assert hostile["notes"].startswith("'=")
    assert hostile["actor1"].startswith("'=")


def test_article_page_shows_actor_target_and_fatalities(client: TestClient) -> None:
    item = client.get("/api/events?type=ASSAULT").json()["items"][0]
    html = client.get(f"/articles/{item['article']['id']}").text
    section = html[html.index('id="events"') :]
    assert "Militants → 12 soldiers" in section and "12 killed" in section


def test_api_lists_events_with_citation(client: TestClient) -> None:
    body = client.get("/api/events?type=COERCE").json()
    assert body["total"] == 1 and body["next_cursor"] is None
    item = body["items"][0]
    assert item["sentence"] == RAID
    assert item["article"]["url"] == "https://events.example/2"
    assert item["target"]["entity_id"] == "org:kestrel-union"
    assert (item["place_name"], item["latitude"]) == ("Varna", 43.2)
    start, end = item["trigger_span"]
    assert end - start == len("raided")


def test_api_filters_and_pagination(client: TestClient) -> None:
    first = client.get("/api/events?limit=2").json()
    assert len(first["items"]) == 2 and first["next_cursor"] == "o2" and first["total"] == 4
    rest = client.get("/api/events?limit=2&cursor=o2").json()
    assert rest["next_cursor"] is None
    seen = [i["sentence"] for i in first["items"] + rest["items"]]
    assert len(set(seen)) == 4
    assert client.get("/api/events?entity=org:kestrel-union").json()["total"] == 1
    assert client.get("/api/events?place=orvik").json()["total"] == 2
    assert client.get("/api/events?since=2031-03-04").json()["total"] == 2
    assert client.get("/api/events?type=NOPE").status_code == 422
    assert client.get("/api/events?since=yesterday").status_code == 422


def test_api_events_page_with_the_cursor_they_give(client: TestClient) -> None:
    everything = client.get("/api/events", params={"limit": 100}).json()
    assert everything["next_cursor"] is None and len(everything["items"]) > 2
    seen, cursor = [], None
    while True:
        params: dict[str, str | int] = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = client.get("/api/events", params=params).json()
        seen.extend((item["article"]["id"], item["trigger_span"][0]) for item in page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [(i["article"]["id"], i["trigger_span"][0]) for i in everything["items"]]
    for bad in ("2", "o-1", "x10"):
        assert client.get("/api/events", params={"cursor": bad}).status_code == 422
