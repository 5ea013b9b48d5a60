"""Small UI fixes (issue 11, item 6): /docs from local assets, the sign-in text true to
the protect-reads setting, a true day axis on the dashboard, and the site's name where
no wire source is named."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsloom.serve import ServeSettings, create_app
from newsloom.serve.ui import assets
from newsloom.serve.ui.queries import CHART_BARS, time_axis
from newsloom.serve.ui.render import publisher
from newsloom.store import open_store
from tests.serve.conftest import ClientFactory
from tests.store.articles import make_article

SWAGGER_INSTALLED = assets.vendor_available("swagger-ui-bundle.js")


def _hosts(html: str) -> set[str]:
    return set(re.findall(r"(?:https?:)?//([A-Za-z0-9.-]+)", html))


@pytest.mark.skipif(not SWAGGER_INSTALLED, reason="swagger-ui-dist is not installed (npm ci)")
def test_docs_load_swagger_ui_from_this_server(app_client: TestClient) -> None:
    html = app_client.get("/docs").text
    assert "/static/vendor/swagger-ui-bundle.js" in html
    assert "/static/vendor/swagger-ui.css" in html
    assert _hosts(html) == set()  # no CDN, no external favicon
    script = app_client.get("/static/vendor/swagger-ui-bundle.js")
    assert script.status_code == 200 and "SwaggerUIBundle" in script.text
    css = app_client.get("/static/vendor/swagger-ui.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert app_client.get("/redoc").status_code == 404  # it would load from a CDN


def test_docs_without_npm_link_the_schema(
    app_client: TestClient, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(assets, "NODE_MODULES", tmp_path)
    html = app_client.get("/docs").text
    assert 'href="/openapi.json"' in html and "npm ci" in html
    assert _hosts(html) == set()


def test_sign_in_text_follows_the_protect_reads_setting(make_client: ClientFactory) -> None:
    # Open reads with a token: reading needs no sign-in, reviewing facts does.
    open_reads = make_client().get("/login").text
    assert "Reading on this server is open" in open_reads and "to review facts" in open_reads
    assert "protects reading" not in open_reads and 'action="/login"' in open_reads
    nothing = make_client(token=None).get("/login").text
    assert "nothing to sign in to" in nothing and 'action="/login"' not in nothing
    protected = make_client(protect_reads=True).get("/login").text
    assert "This server protects reading" in protected and 'action="/login"' in protected
    assert "is open" not in protected
    no_token = make_client(protect_reads=True, token=None).get("/login").text
    assert "has no token set" in no_token and 'action="/login"' not in no_token


def test_time_axis_draws_every_bucket_of_the_span_at_its_time() -> None:
    # Under CHART_BARS days: one bar a day, empty days 0; what has no day is counted apart.
    short = time_axis([("2031-03-03", 1), ("2031-03-01", 5), ("not a day", 9), (None, 2)])
    assert short.unit == "day" and short.undated == 11
    assert short.rows == [("2031-03-01", 5), ("2031-03-02", 0), ("2031-03-03", 1)]
    # Two years apart: one bar a month, every month between drawn.
    months = time_axis([("2029-11-20", 2), ("2029-11-02", 1), ("2031-02-01", 4)])
    assert months.unit == "month" and months.first == "2029-11" and months.last == "2031-02"
    assert len(months.rows) == 16 and dict(months.rows)["2029-11"] == 3
    assert dict(months.rows)["2030-06"] == 0
    # 2008 and 2019 are never side by side: the ten years between them are drawn.
    years = time_axis([("2008-06-01", 4), ("2019-03-01", 2), ("2019-03-04", 1)])
    labels = [label for label, _ in years.rows]
    assert years.unit == "year" and labels == [str(y) for y in range(2008, 2020)]
    assert dict(years.rows) == {**{str(y): 0 for y in range(2009, 2019)}, "2008": 4, "2019": 3}
    # Centuries apart: runs of years, so the chart stays within CHART_BARS bars.
    wide = time_axis([("1700-01-01", 1), ("2031-01-01", 1)])
    assert len(wide.rows) <= CHART_BARS and wide.rows[0] == ("1700–1702", 1)
    assert wide.counted == 2 and time_axis([]).rows == []


def _days_apart_store(path: Path) -> Path:
    with open_store(path) as store:
        for n, day in enumerate((dt.date(2008, 6, 1), dt.date(2019, 3, 1), dt.date(2019, 3, 3))):
            store.save(
                make_article(
                    f"The Velmora ferry ran on schedule, report {n}.",
                    url=f"https://velmora-gazette.example/r{n}",
                    locator=f"r{n}",
                    published=day,
                    source=None,
                )
            )
    return path


def test_dashboard_axis_spans_every_year_of_the_store(tmp_path: Path) -> None:
    db = _days_apart_store(tmp_path / "s.db")
    with TestClient(create_app(ServeSettings(store=str(db)))) as client:
        html = client.get("/").text
    chart = html.split('id="per-day">')[1].split("</section>")[0]
    years = re.findall(r'<th scope="row">([0-9]+)</th><td>(\d+)</td>', chart)
    assert years == [("2008", "1"), *[(str(y), "0") for y in range(2009, 2019)], ("2019", "2")]
    assert "Articles per year" in chart and "One bar per year from 2008 to 2019" in chart
    # No wire source: the newest list names the site, not "unknown source".
    newest = html.split('id="newest"')[1].split("</section>")[0]
    assert "velmora-gazette.example" in newest and "unknown source" not in html


def test_publisher_prefers_source_then_site_then_host() -> None:
    assert publisher("Korvex Wire", "pellamy-post.example") == "Korvex Wire"
    assert publisher(None, "pellamy-post.example") == "pellamy-post.example"
    assert publisher(" ", None, "https://www.pellamy-post.example/a") == "pellamy-post.example"
    assert publisher(None, None, None) == "unknown source"


def test_search_results_name_the_site_without_a_source(tmp_path: Path) -> None:
    db = _days_apart_store(tmp_path / "s.db")
    with TestClient(create_app(ServeSettings(store=str(db)))) as client:
        for params in ({"q": "ferry"}, {}):
            html = client.get("/search", params=params).text
            assert "velmora-gazette.example" in html and "unknown source" not in html
        # The API's hits and the search export carry the site too.
        hits = client.get("/api/search", params={"q": "ferry"}).json()["items"]
        assert len(hits) == 3 and {hit["site"] for hit in hits} == {"velmora-gazette.example"}
        exported = client.get("/api/export/search", params={"q": "ferry", "format": "jsonl"})
        rows = [json.loads(line) for line in exported.text.splitlines()]
        assert len(rows) == 3 and {row["site"] for row in rows} == {"velmora-gazette.example"}
