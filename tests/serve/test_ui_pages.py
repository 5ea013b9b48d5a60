"""The web UI pages, rendered by the real app on a real SQLite store."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsloom.serve import ServeSettings, create_app
from tests.serve.list_fixtures import LIST_COUNT, build_list_store
from tests.serve.ui_fixtures import UIStore, build_ui_store


@pytest.fixture(scope="module")
def ui_store(tmp_path_factory: pytest.TempPathFactory) -> UIStore:
    return build_ui_store(tmp_path_factory.mktemp("ui") / "ui.db")


@pytest.fixture(scope="module")
def client(ui_store: UIStore) -> Iterator[TestClient]:
    with TestClient(create_app(ServeSettings(store=str(ui_store.path)))) as test_client:
        yield test_client


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_dashboard_shows_counts_entities_newest_and_runs(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    html = response.text
    assert "Articles over time" in html
    # the samples ingest run with its counts, and the chart's table: the samples of 2025
    # and the invented articles of March 2031, one bar a month, the months between empty
    assert re.search(r"<td>#1</td><td>[^<]+</td><td>finished</td>", html)
    assert '<th scope="row">2031-03</th><td>3</td>' in html
    assert '<th scope="row">2028-06</th><td>0</td>' in html
    assert 'href="/entities/person:tilda-quenby"' in html
    stories = html.split('id="stories">')[1].split("</section>")[0]
    assert 'href="/stories/' in stories and "2 articles" in stories
    assert 'href="/articles/' in html


def test_search_shows_snippets_with_marks_and_facets(client: TestClient) -> None:
    html = client.get("/search", params={"q": "Quenby"}).text
    assert "<mark>Quenby</mark>" in html
    assert "2 results" in html
    facets = html.split('aria-label="Facets"')[1].split('aria-label="Results"')[0]
    assert "Velmora Gazette" in facets
    assert "2031-03" in facets
    assert "Tilda Quenby" in facets and "Marlowe Sound" in facets


def test_search_filters_narrow_the_results(client: TestClient) -> None:
    everything = client.get("/search", params={"q": "port"}).text
    by_date = client.get("/search", params={"q": "port", "since": "2031-03-05"}).text
    by_entity = client.get("/search", params={"q": "Quenby", "entity": "person:oskar-veil"}).text
    counts = [
        int(re.search(r"(\d+) results?", page).group(1))  # type: ignore[union-attr]
        for page in (everything, by_date, by_entity)
    ]
    assert counts[0] > counts[1] >= 1
    assert counts[2] == 1
    assert "Velmora council approves ferry timetable" in by_entity


def test_search_without_words_lists_newest_and_bad_dates_are_ignored(client: TestClient) -> None:
    response = client.get("/search", params={"since": "not-a-date", "language": "en"})
    assert response.status_code == 200
    assert "No articles match." not in response.text


def test_article_page_highlights_facts_with_evidence_and_confidence(
    client: TestClient, ui_store: UIStore
) -> None:
    html = client.get(f"/articles/{ui_store.enriched_id}").text
    assert "Velmora council approves ferry timetable" in html
    assert 'href="https://velmora-gazette.example/ferry"' in html
    assert "Ilse Marrow" in html
    assert html.count('data-kind="quote"') == 2
    assert 'data-kind="time"' in html and 'data-label="DATE 2031-03-07"' in html
    # Quenby's mention inside Veil's quote is nested in the quote mark
    assert re.search(r'data-kind="quote"[^>]*><mark [^>]*data-evidence="Quenby"', html)
    assert 'title="PERSON Tilda Quenby · evidence: “Tilda Quenby” · confidence 0.90"' in html
    assert "<details" in html and "boilerplate" in html and "Subscribe to our newsletter" in html
    assert 'href="https://velmora-gazette.example/fares"' in html
    assert "feeds/velmora.xml" in html
    # No copy of it is stored; the later report on the reopening shares its lede and both
    # entities, so the two make one story.
    assert re.search(r'id="duplicates"><h2>\w+</h2><p class="empty">none</p>', html)
    story = html.split('id="story">')[1].split("</section>")[0]
    assert "Part of" in story and "Marlowe Sound port to reopen" in story


def test_unknown_article_and_entity_are_404_pages(client: TestClient) -> None:
    assert client.get("/articles/nope").status_code == 404
    response = client.get("/entities/person:nobody")
    assert response.status_code == 404
    assert "No entity" in text_of(response.text)


def test_entities_list_and_entity_page(client: TestClient) -> None:
    listing = client.get("/entities").text
    assert 'href="/entities/person:tilda-quenby"' in listing
    only_places = client.get("/entities", params={"type": "GPE"}).text
    assert "Marlowe Sound" in only_places and "Tilda Quenby" not in only_places
    html = client.get("/entities/person:tilda-quenby").text
    assert "harbour master" in html
    assert "We expect the first ferry at dawn," in html  # a quote by her
    assert "Quenby has cleared the channel" in html  # a quote about her
    # mentions per day: three on 4 March, one on 6 March
    assert '<th scope="row">2031-03-04</th><td>3</td>' in html
    assert '<th scope="row">2031-03-06</th><td>1</td>' in html


def test_static_files_and_missing_vendor_asset(client: TestClient) -> None:
    assert "mark.hl" in client.get("/static/app.css").text
    assert "textContent" in client.get("/static/app.js").text
    assert client.get("/static/vendor/not-listed.js").status_code == 404
    assert client.get("/static/package.json").status_code == 404


def test_charts_degrade_to_tables_without_the_chart_library(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from newsloom.serve.ui import assets as ui_assets

    monkeypatch.setattr(ui_assets, "NODE_MODULES", tmp_path)
    html = client.get("/").text
    assert "chart.umd.min.js" not in html
    assert '<table class="chart-data">' in html
    assert client.get("/static/vendor/chart.umd.min.js").status_code == 404


def test_search_pages_through_results_fifty_at_a_time(tmp_path: Path) -> None:
    with TestClient(create_app(ServeSettings(store=str(build_list_store(tmp_path / "l.db"))))) as c:
        first = c.get("/search").text
        ids_first = re.findall(r'<h3><a href="/articles/(\w+)"', first)
        assert len(ids_first) == 50 and 'class="next-page" href="/search?cursor=o50"' in first
        second = c.get("/search", params={"cursor": "o50"}).text
        ids_second = re.findall(r'<h3><a href="/articles/(\w+)"', second)
        assert len(ids_second) == LIST_COUNT - 50 and not set(ids_first) & set(ids_second)
        assert 'class="previous-page"' in second and 'class="next-page"' not in second


def test_a_bad_search_page_link_gives_the_first_page_and_says_so(client: TestClient) -> None:
    for bad in ("-3", "two", "o99999999"):
        response = client.get("/search", params={"cursor": bad})
        assert response.status_code == 200 and "not one this site gives" in response.text


def test_a_page_past_the_end_is_empty_with_the_total_and_a_way_back(client: TestClient) -> None:
    response = client.get("/search", params={"cursor": "o9999999"})
    assert response.status_code == 200
    assert "none of 23" in response.text and "previous" in response.text


def test_a_page_number_too_long_for_a_cursor_gives_the_first_page(client: TestClient) -> None:
    response = client.get("/entities", params={"cursor": "o" + "9" * 23})
    assert response.status_code == 200 and "not one this site gives" in response.text
    assert "1–4 of 4" in response.text
