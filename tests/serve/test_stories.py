"""The stories pages, the article page's Duplicates/Story panel and `/api/stories`, on the
real app and a real SQLite store holding an invented wire story and its copies."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsloom.record import Event, Provenance
from newsloom.store import open_store
from tests.serve.conftest import ClientFactory
from tests.store.stories_fixtures import (
    copy_cut_and_edited,
    copy_with_boilerplate,
    unrelated_same_words,
    wire_original,
)

SCRIPT = "<script>alert(1)</script>"


def _storm(text: str) -> Event:
    """An event row as the events stage writes it, added by hand: this test is about stories."""
    start = text.index("storm surge")
    return Event("DISASTER", "storm", (start, start + 5), 0, text.index("."), date="2031-05-06")


@pytest.fixture
def story_ids(filled_db: Path) -> dict[str, str]:
    hostile = copy_cut_and_edited()
    hostile.title = f"Brellan {SCRIPT}"
    hostile.site = f"evil.example{SCRIPT}"
    hostile.url = "javascript:alert(1)"
    hostile.provenance = [Provenance("feeds/evil.xml", "feed", "1")]
    articles = {
        "original": wire_original(),
        "boiler": copy_with_boilerplate(),
        "hostile": hostile,
        "unrelated": unrelated_same_words(),
    }
    with open_store(filled_db) as store:
        for article in articles.values():
            store.save(article)
    with sqlite3.connect(filled_db) as db:
        db.execute(
            "INSERT INTO events (article_id, position, type, date, day, place_id, record,"
            " confidence) VALUES (?, 0, 'DISASTER', '2031-05-06', '2031-05-06', NULL, ?, 0.8)",
            (articles["original"].id, json.dumps(_storm(articles["original"].text).to_dict())),
        )
    return {name: article.id for name, article in articles.items()}


@pytest.fixture
def client(story_ids: dict[str, str], make_client: ClientFactory) -> TestClient:
    return make_client()


def test_api_lists_and_shows_the_story(client: TestClient, story_ids: dict[str, str]) -> None:
    original = story_ids["original"]
    listed = client.get("/api/stories", params={"limit": 100})
    assert listed.status_code == 200
    mine = [s for s in listed.json()["items"] if s["id"] == original]
    assert len(mine) == 1
    assert mine[0]["article_count"] == 3 and mine[0]["source_count"] == 3
    detail = client.get(f"/api/stories/{original}").json()
    ids = [a["id"] for a in detail["articles"]]
    assert ids == [original, story_ids["boiler"], story_ids["hostile"]]
    assert [a["copy_of"] for a in detail["articles"]] == [None, original, original]
    assert [e["type"] for e in detail["events"]] == ["DISASTER"]
    placed = client.get(f"/api/articles/{story_ids['hostile']}/story").json()
    assert placed["copy_of"]["id"] == original
    assert [a["id"] for a in placed["copies"]] == [story_ids["boiler"]]
    alone = client.get(f"/api/articles/{story_ids['unrelated']}/story").json()
    assert alone["story"]["article_count"] == 1 and alone["copy_of"] is None


def test_api_answers_404_and_422(client: TestClient) -> None:
    assert client.get("/api/stories/nope").status_code == 404
    assert client.get("/api/articles/nope/story").status_code == 404
    assert client.get("/api/stories", params={"cursor": "%%%"}).status_code == 422
    assert client.get("/api/stories", params={"limit": 0}).status_code == 422


def test_api_pages_with_a_cursor(client: TestClient) -> None:
    first = client.get("/api/stories", params={"limit": 1, "single": True}).json()
    assert len(first["items"]) == 1 and first["next_cursor"]
    second = client.get(
        "/api/stories", params={"limit": 1, "single": True, "cursor": first["next_cursor"]}
    ).json()
    assert second["items"][0]["id"] != first["items"][0]["id"]


def test_stories_pages_render(client: TestClient, story_ids: dict[str, str]) -> None:
    original = story_ids["original"]
    listing = client.get("/stories")
    assert listing.status_code == 200
    assert f'href="/stories/{original}"' in listing.text
    assert wire_original().title in listing.text
    page = client.get(f"/stories/{original}")
    assert page.status_code == 200
    for article_id in (original, story_ids["boiler"], story_ids["hostile"]):
        assert f'href="/articles/{article_id}"' in page.text
    assert page.text.count('class="copy"') == 2
    assert "DISASTER" in page.text
    assert client.get("/stories/nope").status_code == 404


def test_article_page_shows_duplicates_and_story(
    client: TestClient, story_ids: dict[str, str]
) -> None:
    copy = client.get(f"/articles/{story_ids['boiler']}").text
    duplicates = _section(copy, "duplicates")
    assert "A syndicated copy of" in duplicates
    assert f'href="/articles/{story_ids["original"]}"' in duplicates
    assert f'href="/stories/{story_ids["original"]}"' in _section(copy, "story")
    alone = client.get(f"/articles/{story_ids['unrelated']}").text
    assert "none" in _section(alone, "duplicates") and "none" in _section(alone, "story")


def test_hostile_titles_are_escaped(client: TestClient, story_ids: dict[str, str]) -> None:
    pages = [
        client.get(f"/stories/{story_ids['original']}").text,
        client.get(f"/articles/{story_ids['original']}").text,
        client.get("/stories?single=1").text,
    ]
    for html in pages:
        assert SCRIPT not in html
        assert 'href="javascript:' not in html.lower()
    assert "&lt;script&gt;" in pages[0] and "&lt;script&gt;" in pages[1]


def _section(html: str, section_id: str) -> str:
    match = re.search(rf'<section id="{section_id}">(.*?)</section>', html, re.S)
    assert match is not None
    return match.group(1)
