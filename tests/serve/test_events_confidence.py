"""The confidence floor: the events page and CSV hide unsure events unless asked,
/api/events lists everything unless asked."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from newsloom.serve import ServeSettings, create_app
from newsloom.store import open_store
from tests.serve.test_events_data import _article, _event, event_articles

MAYBE = "Officials in Varna might ban all rallies next month."


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = tmp_path_factory.mktemp("events-confidence") / "events.db"
    maybe = _article(5, MAYBE, "Varna", dt.date(2031, 3, 6))
    maybe.events = [
        _event(
            maybe, MAYBE, "SANCTION", "ban", date="2031-03-06", mode="hypothetical", confidence=0.3
        )
    ]
    with open_store(path) as store:
        for article in [*event_articles(), maybe]:
            store.save(article)
    with TestClient(create_app(ServeSettings(store=str(path)))) as opened:
        yield opened


def types(html: str) -> list[str]:
    return re.findall(r'<tr class="event-row" data-type="([A-Z]+)">', html)


def csv_types(client: TestClient, query: str) -> list[str]:
    response = client.get(f"/events.csv{query}")
    return [r["event_type"] for r in csv.DictReader(io.StringIO(response.text))]


def test_page_and_csv_hide_unsure_events_by_default(client: TestClient) -> None:
    html = client.get("/events").text
    assert "SANCTION" not in types(html)
    assert len(types(html)) == 4
    assert '<option value="0.5" selected>' in html
    assert "confidence=0.5" in html  # the CSV link carries the floor
    assert "SANCTION" not in csv_types(client, "")


def test_page_and_csv_show_them_when_asked(client: TestClient) -> None:
    html = client.get("/events?confidence=0").text
    assert types(html)[0] == "SANCTION"
    assert '<option value="0" selected>' in html
    assert csv_types(client, "?confidence=0")[0] == "SANCTION"
    strict = client.get("/events?confidence=0.9").text
    assert types(strict) == ["PROTEST"]  # only the 0.9 rally
    # An unknown choice falls back to the default rather than failing.
    assert "SANCTION" not in types(client.get("/events?confidence=abc").text)


def test_api_lists_every_event_unless_asked(client: TestClient) -> None:
    everything = client.get("/api/events").json()
    assert everything["total"] == 5
    assert everything["items"][0]["mode"] == "hypothetical"
    assert client.get("/api/events?min_confidence=0.5").json()["total"] == 4
    assert client.get("/api/events?min_confidence=0.85").json()["total"] == 2
    assert client.get("/api/events?min_confidence=2").status_code == 422
