"""Small UI fixes (issue 11, item 6): /docs from local assets, the sign-in text true to
the protect-reads setting, a true day axis on the dashboard, and the site's name where
no wire source is named."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsloom.serve import ServeSettings, create_app
from newsloom.serve.ui import assets
from newsloom.serve.ui.queries import day_axis
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


def test_day_axis_fills_empty_days_and_keeps_years_apart() -> None:
    axis = day_axis([("2008-06-01", 4), ("2019-03-01", 2), ("2019-03-04", 1)], days=90)
    days = [day for day, _ in axis.rows]
    # 2008 is not set beside 2019: the axis is the 90 days up to the latest day.
    assert days[-1] == "2019-03-04" and days[0] == "2018-12-05" and len(days) == 90
    assert days == sorted(days)
    counts = dict(axis.rows)
    assert counts["2019-03-01"] == 2 and counts["2019-03-02"] == 0 and counts["2019-03-04"] == 1
    assert axis.earlier == 4
    short = day_axis([("2031-03-03", 1), ("2031-03-01", 5), ("not a day", 9)])
    assert short.rows == [("2031-03-01", 5), ("2031-03-02", 0), ("2031-03-03", 1)]
    assert short.earlier == 0 and day_axis([]).rows == []


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


def test_dashboard_axis_is_every_day_to_the_latest(tmp_path: Path) -> None:
    db = _days_apart_store(tmp_path / "s.db")
    with TestClient(create_app(ServeSettings(store=str(db)))) as client:
        html = client.get("/").text
    chart = html.split('id="per-day">')[1].split("</section>")[0]
    days = re.findall(r'<th scope="row">([0-9-]+)</th><td>(\d+)</td>', chart)
    assert days[-3:] == [("2019-03-01", "1"), ("2019-03-02", "0"), ("2019-03-03", "1")]
    assert all(day > "2018" for day, _ in days)
    assert "older days are not shown" in chart
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
