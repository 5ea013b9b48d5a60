"""The analyst's pages (issue 11): the quotes page, names that resolve on entity pages,
export links that carry each page's filters, cursor pagers and visible notices."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from tests.serve.conftest import ENRICHED_COUNT, ClientFactory
from tests.serve.test_api_analyst import KESSLING_SAID, add_kessling


def export_hrefs(html: str) -> dict[str, str]:
    found = re.findall(r'<a class="export-(\w+)" href="([^"]+)"', html)
    return {fmt: href.replace("&amp;", "&") for fmt, href in found}


def test_the_quotes_page_filters_and_exports_what_it_lists(app_client: TestClient) -> None:
    html = app_client.get("/quotes", params={"q": "first ferry", "speaker": "Quenby"}).text
    assert html.count('<li class="quote"') == ENRICHED_COUNT
    assert f"{ENRICHED_COUNT} quotes" in html
    assert 'id="resolved-speaker"' in html and "Tilda Quenby" in html
    hrefs = export_hrefs(html)
    assert set(hrefs) == {"csv", "jsonl", "parquet"}
    exported = app_client.get(hrefs["jsonl"])
    assert len(exported.text.splitlines()) == ENRICHED_COUNT
    # each quote links to its highlight in the article
    assert re.search(r'href="/articles/\w+#f-quote-\d+"', html)
    assert 'aria-current="page">Quotes<' in html


def test_quotes_by_kind_and_a_bad_day_is_shown_not_ignored(app_client: TestClient) -> None:
    reported = app_client.get("/quotes", params={"kind": "reported"}).text
    assert "0 quotes" in reported
    html = app_client.get("/quotes", params={"since": "0"}).text
    assert 'role="alert"' in html and "“0” is not a day" in html
    assert f"{2 * ENRICHED_COUNT} quotes" in html  # the filter was left out


def test_an_entity_page_opens_the_main_entity_a_surname_means(
    make_client: ClientFactory, filled_db: Path
) -> None:
    add_kessling(filled_db)
    client = make_client()
    html = client.get("/entities/Kessling").text
    assert "<h1>Dorota Kessling" in html
    assert 'id="did-you-mean"' in html and 'href="/entities/gpe%3Akessling"' in html
    quotes = client.get("/quotes", params={"speaker": "Kessling"}).text
    assert KESSLING_SAID in quotes and "did you mean" in quotes


def test_an_entity_pages_through_all_its_articles(app_client: TestClient) -> None:
    html = app_client.get("/entities/person:tilda-quenby").text
    assert f"1–{ENRICHED_COUNT} of {ENRICHED_COUNT}" in html
    hrefs = export_hrefs(html)
    assert "entity=person%3Atilda-quenby" in hrefs["csv"]
    rows = app_client.get(hrefs["csv"]).text.strip().splitlines()
    assert len(rows) == 1 + ENRICHED_COUNT


def test_every_list_page_exports_with_its_filters(app_client: TestClient) -> None:
    for path, params, expected in [
        ("/search", {"q": "ferry", "source": "Velmora Gazette"}, "/api/export/search?q=ferry"),
        ("/search", {"since": "2031-03-02"}, "/api/export/articles?since=2031-03-02"),
        ("/entities", {"type": "PERSON"}, "/api/export/entities?type=PERSON"),
        ("/places", {"country": "GB"}, "/api/export/places?country=GB"),
        ("/events", {"type": "PROTEST"}, "/api/export/events?type=PROTEST"),
    ]:
        html = app_client.get(path, params=params).text
        hrefs = export_hrefs(html)
        assert hrefs["csv"].startswith(expected), (path, hrefs)
        assert app_client.get(hrefs["csv"]).status_code == 200
