"""The analyst's API (issue 11): exports of every filtered list, one paging style, strict
days, and names that resolve to the main entity they may mean."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from newsloom.record import Entity, Mention, Quote
from newsloom.serve import ServeSettings, create_app, exports
from newsloom.store import open_store
from tests.serve.conftest import ENRICHED_COUNT, ClientFactory
from tests.serve.test_events_data import RAID, build_events_store
from tests.store.articles import make_article, span

# An invented speaker known by her full name only, and a one-article place sharing her
# surname: "Kessling" must find her (more mentions), with the place as "did you mean".
KESSLING_BODY = (
    "Dorota Kessling opened the new lock gates at Orrin Weir."
    "\n\n"
    '"The weir will hold through the spring floods," said Dorota Kessling.'
    "\n\n"
    "Boats queued below the gates while Dorota Kessling spoke."
)
KESSLING_SAID = "The weir will hold through the spring floods,"
PLACE_BODY = "The ferry to Kessling was late again on Tuesday."


def add_kessling(db: Path) -> None:
    person = make_article(KESSLING_BODY, locator="kessling-1", url="https://weir.example/1")
    text = person.text
    entity = Entity("person:dorota-kessling", "Dorota Kessling", "PERSON")
    entity.mentions = [
        Mention("Dorota Kessling", *span(text, "Dorota Kessling", n)) for n in range(3)
    ]
    person.entities = [entity]
    said = Quote(
        KESSLING_SAID,
        "direct",
        *span(text, KESSLING_SAID),
        cue="said",
        speaker="Dorota Kessling",
        speaker_id=entity.id,
    )
    person.quotes = [said]
    person.enrichment = "done"
    place = make_article(PLACE_BODY, locator="kessling-2", url="https://weir.example/2")
    town = Entity("gpe:kessling", "Kessling", "GPE")
    town.mentions = [Mention("Kessling", *span(place.text, "Kessling"))]
    place.entities = [town]
    place.enrichment = "done"
    with open_store(db) as store:
        store.save(person)
        store.save(place)


@pytest.fixture
def events_client(tmp_path: Path) -> TestClient:
    path = tmp_path / "events.db"
    build_events_store(path)
    return TestClient(create_app(ServeSettings(store=str(path))))


def csv_rows(response: object) -> list[dict[str, str]]:
    text = response.content.decode("utf-8")  # type: ignore[attr-defined]
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Exports read the store two rows at a time, so every test spans several pages."""
    monkeypatch.setattr(exports, "BATCH", 2)


@pytest.mark.usefixtures("small_batches")
def test_an_event_export_holds_every_row_the_list_counts(events_client: TestClient) -> None:
    listed = events_client.get("/api/events", params={"limit": 1}).json()
    assert listed["total"] == 4 and listed["next_cursor"] == "o1"  # more than one page
    rows = csv_rows(events_client.get("/api/export/events", params={"format": "csv"}))
    assert len(rows) == listed["total"]
    raid = next(r for r in rows if r["notes"] == RAID)
    assert raid["event_type"] == "COERCE" and raid["location"] == "Varna"
    assert raid["actor2"] == "Kestrel Union"
    assert raid["url"] == "https://events.example/2"
    assert int(raid["end"]) - int(raid["start"]) == len(RAID)
    # ACLED's columns first, then newsloom's evidence and confidence
    assert list(rows[0])[:11] == [
        "event_date",
        "event_type",
        "sub_event_type",
        "actor1",
        "actor2",
        "location",
        "latitude",
        "longitude",
        "fatalities",
        "source",
        "notes",
    ]
    assert {"article_id", "url", "published", "start", "end", "confidence"} <= set(rows[0])


@pytest.mark.usefixtures("small_batches")
def test_an_export_takes_the_lists_filters(events_client: TestClient) -> None:
    for params in ({"type": "COERCE"}, {"place": "orvik"}, {"since": "2031-03-04"}):
        total = events_client.get("/api/events", params=params).json()["total"]
        lines = events_client.get("/api/export/events", params={**params, "format": "jsonl"})
        records = [json.loads(line) for line in lines.text.splitlines()]
        assert len(records) == total > 0
    assert events_client.get("/api/export/events", params={"since": "0"}).status_code == 422


@pytest.mark.usefixtures("small_batches")
@pytest.mark.parametrize(
    ("kind", "params"),
    [
        ("articles", {}),
        ("articles", {"entity": "Quenby"}),
        ("search", {"q": "ferry"}),
        ("quotes", {}),
        ("quotes", {"speaker": "Quenby"}),
        ("entities", {}),
        ("places", {}),
    ],
)
def test_every_list_exports_as_many_rows_as_it_counts(
    app_client: TestClient, kind: str, params: dict[str, str]
) -> None:
    listed = app_client.get(f"/api/{kind}", params={**params, "limit": 1}).json()
    assert listed["total_capped"] is False
    for fmt in ("csv", "jsonl", "parquet"):
        response = app_client.get(f"/api/export/{kind}", params={**params, "format": fmt})
        assert response.status_code == 200, response.text
        assert f'filename="{kind}.{fmt}"' in response.headers["content-disposition"]
        if fmt == "csv":
            count = len(csv_rows(response))
        elif fmt == "jsonl":
            count = len(response.text.splitlines())
        else:
            count = pq.read_table(pa.BufferReader(response.content)).num_rows
        assert count == listed["total"], (kind, fmt)


def test_quote_rows_carry_their_evidence(app_client: TestClient) -> None:
    rows = csv_rows(app_client.get("/api/export/quotes", params={"speaker": "Oskar Veil"}))
    assert len(rows) == ENRICHED_COUNT
    article = app_client.get(f"/api/articles/{rows[0]['article_id']}").json()
    start, end = int(rows[0]["start"]), int(rows[0]["end"])
    assert article["text"][start:end] == rows[0]["text"]
    assert rows[0]["article_source"] in {"Velmora Gazette", "Marlowe Courier"}


def test_a_csv_cell_a_spreadsheet_would_run_is_defused(events_client: TestClient) -> None:
    rows = csv_rows(events_client.get("/api/export/events", params={"type": "PROTEST"}))
    assert any(r["notes"].startswith("'=HYPERLINK") for r in rows)


def test_every_list_pages_with_a_cursor_a_limit_and_a_total(app_client: TestClient) -> None:
    for path in ("/api/articles", "/api/entities", "/api/quotes", "/api/places", "/api/runs"):
        body = app_client.get(path).json()
        assert body["limit"] == 50 and "total" in body and "next_cursor" in body, path
        seen, cursor = [], None
        while True:
            page = app_client.get(
                path, params={"limit": 2, **({"cursor": cursor} if cursor else {})}
            )
            assert page.status_code == 200, (path, page.text)
            seen += page.json()["items"]
            cursor = page.json()["next_cursor"]
            if cursor is None:
                break
        assert len(seen) == body["total"] == len(body["items"]), path
        assert app_client.get(path, params={"limit": 201}).status_code == 422


def test_a_cursor_the_schema_allows_never_gives_422(app_client: TestClient) -> None:
    schema = app_client.get("/openapi.json").json()
    for path in ("/api/articles", "/api/stories", "/api/search", "/api/events", "/api/quotes"):
        parameters = schema["paths"][path]["get"]["parameters"]
        cursor = next(p for p in parameters if p["name"] == "cursor")
        limit = next(p for p in parameters if p["name"] == "limit")
        assert limit["schema"]["maximum"] == 200 and limit["schema"]["default"] == 50
        assert "pattern" in cursor["schema"]["anyOf"][0], path
    for path, cursor in [
        ("/api/articles", "k2031-03-03_0"),
        ("/api/articles", "k_zz"),
        ("/api/stories", "k_abc"),
        ("/api/search", "o9999999"),
        ("/api/events", "o0"),
        ("/api/quotes", "o3"),
    ]:
        response = app_client.get(path, params={"cursor": cursor, "q": "ferry"})
        assert response.status_code == 200, (path, cursor, response.text)
    newer = app_client.get("/api/articles", params={"cursor": "k2031-03-03_0"}).json()
    assert all(item["published"] < "2031-03-03" for item in newer["items"] if item["published"])
    for path, cursor in [("/api/articles", "not-a-cursor"), ("/api/events", "2")]:
        assert app_client.get(path, params={"cursor": cursor}).status_code == 422


def test_every_string_a_cursor_pattern_allows_pages_without_422(app_client: TestClient) -> None:
    """Any cursor matching the pattern the OpenAPI schema gives a list is answered with a
    page (empty past the end), on every list of the API."""
    schema = app_client.get("/openapi.json").json()
    lists = []
    for path, operations in schema["paths"].items():
        get = operations.get("get", {})
        cursor = next((p for p in get.get("parameters", []) if p["name"] == "cursor"), None)
        if cursor is not None:
            lists.append((path.replace("{id_or_name}", "Quenby"), cursor["schema"]["anyOf"][0]))
    assert len(lists) == 11  # articles, search, entities, an entity's articles, quotes,
    # places, events, stories, runs, drops, reviews

    @settings(max_examples=150, deadline=None)
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        path, cursor_schema = data.draw(st.sampled_from(lists))
        cursor = data.draw(st.from_regex(cursor_schema["pattern"], fullmatch=True))
        params = {"cursor": cursor, "q": "ferry", "limit": 2}
        response = app_client.get(path, params=params)
        assert response.status_code == 200, (path, cursor, response.text)
        assert response.json()["limit"] == 2

    check()


@pytest.mark.parametrize("path", ["/api/articles", "/api/events", "/api/quotes", "/api/stories"])
@pytest.mark.parametrize("value", ["0", "1700000000", "2031-02-30", "yesterday"])
def test_a_day_is_written_yyyy_mm_dd_or_refused_with_a_message(
    app_client: TestClient, path: str, value: str
) -> None:
    response = app_client.get(path, params={"since": value})
    assert response.status_code == 422
    message = response.json()["detail"][0]["msg"]
    assert "YYYY-MM-DD" in message


def test_quotes_filter_by_words_days_kind_and_entity_discussed(app_client: TestClient) -> None:
    def total(**params: str) -> int:
        response = app_client.get("/api/quotes", params=params)
        assert response.status_code == 200, response.text
        return int(response.json()["total"])

    everything = total()
    assert everything == 2 * ENRICHED_COUNT
    assert total(q="FIRST FERRY") == ENRICHED_COUNT
    assert total(kind="reported") == 0 and total(kind="direct") == everything
    # Veil's words mention Quenby: the quote discusses her
    assert total(about="Quenby") == ENRICHED_COUNT
    assert total(since="2031-03-07") == ENRICHED_COUNT  # Quenby's are dated the 7th
    assert total(until="2031-03-02") == 2
    assert total(q="100%") == 0


def test_a_surname_finds_the_speaker_known_by_her_full_name(
    make_client: ClientFactory, filled_db: Path
) -> None:
    add_kessling(filled_db)
    client = make_client()
    quotes = client.get("/api/quotes", params={"speaker": "Kessling"}).json()
    assert [q["text"] for q in quotes["items"]] == [KESSLING_SAID]
    person = client.get("/api/entities/Kessling").json()
    assert person["id"] == "person:dorota-kessling"
    assert [e["id"] for e in person["did_you_mean"]] == ["gpe:kessling"]
    articles = client.get("/api/articles", params={"entity": "kessling"}).json()
    assert [a["url"] for a in articles["items"]] == ["https://weir.example/1"]
    assert client.get("/api/entities/gpe:kessling").json()["did_you_mean"] == []
    assert client.get("/api/entities/Nobody%20Atall").status_code == 404


def test_an_entity_lists_every_article_page_by_page(app_client: TestClient) -> None:
    detail = app_client.get("/api/entities/Quenby").json()
    assert detail["article_total"] == ENRICHED_COUNT
    first = app_client.get("/api/entities/Quenby/articles", params={"limit": 3}).json()
    rest = app_client.get(
        "/api/entities/Quenby/articles", params={"cursor": first["next_cursor"]}
    ).json()
    ids = [a["id"] for a in first["items"] + rest["items"]]
    assert len(set(ids)) == first["total"] == ENRICHED_COUNT
