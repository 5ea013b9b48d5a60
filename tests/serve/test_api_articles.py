"""`/api/articles`, `/api/articles/{id}` and `/api/search` on the real app and store."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.serve.conftest import ENRICHED_COUNT, FIRST_DAY


def walk(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    """Every item of a listing, page by page (bounded)."""
    items: list[dict[str, Any]] = []
    cursor = None
    for _ in range(100):
        query = {**params, **({"cursor": cursor} if cursor else {})}
        response = client.get("/api/articles", params=query)
        assert response.status_code == 200, response.text
        page = response.json()
        items.extend(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            return items
    raise AssertionError("pagination did not end")


def test_pages_walk_every_article_once_newest_first(app_client: TestClient) -> None:
    everything = app_client.get("/api/articles", params={"limit": 100}).json()
    assert everything["next_cursor"] is None
    walked = walk(app_client, limit=3)
    assert [a["id"] for a in walked] == [a["id"] for a in everything["items"]]
    assert len({a["id"] for a in walked}) == len(walked) > ENRICHED_COUNT
    dated = [a["published"][:10] for a in walked if a["published"]]
    assert dated == sorted(dated, reverse=True)


def test_list_items_carry_what_a_citation_needs(app_client: TestClient) -> None:
    item = app_client.get("/api/articles", params={"limit": 1}).json()["items"][0]
    assert set(item) >= {"id", "url", "source", "published", "title"}
    assert item["url"].startswith("https://")


def test_since_until_filters_by_publication_day(app_client: TestClient) -> None:
    since, until = FIRST_DAY + dt.timedelta(days=1), FIRST_DAY + dt.timedelta(days=3)
    items = walk(app_client, since=since.isoformat(), until=until.isoformat(), limit=2)
    assert [a["published"] for a in items] == ["2031-03-04", "2031-03-03", "2031-03-02"]


def test_source_and_language_filters(app_client: TestClient) -> None:
    courier = walk(app_client, source="Marlowe Courier")
    assert len(courier) == 2 and {a["source"] for a in courier} == {"Marlowe Courier"}
    english = walk(app_client, language="en")
    assert english and {a["language"] for a in english} == {"en"}
    assert walk(app_client, language="xx") == []


@pytest.mark.parametrize("name", ["person:tilda-quenby", "Tilda Quenby", "quenby"])
def test_entity_filter_by_id_name_or_alias_pages_its_articles(
    app_client: TestClient, name: str
) -> None:
    items = walk(app_client, entity=name, limit=2)
    assert len(items) == ENRICHED_COUNT == len({a["id"] for a in items})
    assert items[0]["published"] == "2031-03-05"


def test_entity_filter_combines_with_other_filters(app_client: TestClient) -> None:
    items = walk(app_client, entity="Oskar Veil", source="Velmora Gazette", since="2031-03-02")
    assert [a["published"] for a in items] == ["2031-03-05", "2031-03-03"]
    assert walk(app_client, entity="Nobody Atall") == []


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 0},
        {"limit": 201},
        {"limit": "many"},
        {"since": "yesterday"},
        {"until": "2031-02-30"},
        {"cursor": "not-a-cursor"},
    ],
)
def test_bad_query_values_are_422_with_a_detail(
    app_client: TestClient, params: dict[str, Any]
) -> None:
    response = app_client.get("/api/articles", params=params)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_article_is_the_full_json_with_facts_and_offsets(app_client: TestClient) -> None:
    first = walk(app_client, entity="Tilda Quenby")[0]
    article = app_client.get(f"/api/articles/{first['id']}").json()
    assert article["id"] == first["id"] and article["enrichment"] == "done"
    text = article["text"]
    quenby = next(e for e in article["entities"] if e["id"] == "person:tilda-quenby")
    for mention in quenby["mentions"]:
        assert text[mention["start"] : mention["end"]] == mention["text"]
    for quote in article["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["text"]
    assert article["times"][0]["value"] == "2031-03-07"
    assert article["provenance"] and article["paragraphs"]


def test_unknown_article_is_404_json(app_client: TestClient) -> None:
    response = app_client.get("/api/articles/0000000000000000")
    assert response.status_code == 404
    assert "0000000000000000" in response.json()["detail"]


def test_search_ranks_hits_with_marked_snippets_and_sources(app_client: TestClient) -> None:
    response = app_client.get("/api/search", params={"q": "harbour board session", "limit": 3})
    assert response.status_code == 200
    hits = response.json()["items"]
    assert len(hits) == 3
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    for hit in hits:
        assert hit["highlights"]
        for start, end in hit["highlights"]:
            assert hit["snippet"][start:end].casefold() in {"harbour", "board", "session"}
        assert hit["source"] in {"Velmora Gazette", "Marlowe Courier"}
        assert hit["url"] and hit["published"]


def search_walk(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        extra = {"cursor": cursor} if cursor else {}
        page = client.get("/api/search", params={**params, **extra}).json()
        items.extend(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            return items


def test_search_pages_with_a_cursor_and_takes_the_listing_filters(
    app_client: TestClient,
) -> None:
    everything = app_client.get("/api/search", params={"q": "harbour", "limit": 100}).json()
    assert everything["next_cursor"] is None and len(everything["items"]) > 2
    paged = search_walk(app_client, q="harbour", limit=2)
    assert [h["id"] for h in paged] == [h["id"] for h in everything["items"]]
    sources = {h["source"] for h in everything["items"] if h["source"]}
    assert len(sources) > 1
    one = sorted(sources)[0]
    filtered = search_walk(app_client, q="harbour", source=one, limit=2)
    assert filtered and {h["source"] for h in filtered} == {one}
    assert len(filtered) < len(paged)
    dated = search_walk(app_client, q="harbour", since="2031-03-05")
    assert dated and all(h["published"][:10] >= "2031-03-05" for h in dated)
    assert len(dated) < len(paged)


def test_search_entity_filter_keeps_only_articles_naming_it(app_client: TestClient) -> None:
    all_hits = search_walk(app_client, q="harbour")
    with_veil = search_walk(app_client, q="harbour", entity="Oskar Veil")
    assert 0 < len(with_veil) < len(all_hits)
    for hit in with_veil:
        article = app_client.get(f"/api/articles/{hit['id']}").json()
        assert any(e["id"] == "person:oskar-veil" for e in article["entities"])
    assert search_walk(app_client, q="harbour", entity="Nobody Atall") == []


@pytest.mark.parametrize("cursor", ["x", "o-1", "o99999999", "o1e3"])
def test_search_rejects_a_cursor_it_did_not_give(app_client: TestClient, cursor: str) -> None:
    response = app_client.get("/api/search", params={"q": "harbour", "cursor": cursor})
    assert response.status_code == 422


@pytest.mark.parametrize("q", ["", '"unbalanced', "AND OR NOT", "*", "zzzqqq"])
def test_search_with_odd_or_matchless_queries_is_empty_not_an_error(
    app_client: TestClient, q: str
) -> None:
    response = app_client.get("/api/search", params={"q": q})
    assert response.status_code == 200
    assert response.json()["items"] == []


def test_search_needs_q_and_bounds_limit(app_client: TestClient) -> None:
    assert app_client.get("/api/search").status_code == 422
    assert app_client.get("/api/search", params={"q": "ferry", "limit": 500}).status_code == 422
