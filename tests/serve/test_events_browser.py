"""The events page in a real browser (Debian's Chromium via Playwright): filter, map, CSV.

Modelled on test_ui_browser.py: a live server in a thread on a free loopback port, over a
store of invented articles with coded events (tests/serve/test_events_data.py).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsloom.serve import ServeSettings, create_app
from tests.serve.browser import CHROMIUM, CHROMIUM_ARGS, needs_chromium, serve_live
from tests.serve.test_events_data import RAID, SCRIPT, build_events_store

pytestmark = needs_chromium
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("events-browser") / "events.db"
    build_events_store(path)
    with serve_live(create_app(ServeSettings(store=str(path)))) as base_url:
        yield base_url


@pytest.fixture
def page(base: str) -> Iterator[tuple[sync_api.Page, list[str]]]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(accept_downloads=True)
        opened = context.new_page()
        opened.set_default_timeout(5000)
        problems: list[str] = []
        opened.on("dialog", lambda dialog: (problems.append(dialog.message), dialog.dismiss()))
        opened.on("pageerror", lambda error: problems.append(str(error)))
        opened.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        yield opened, problems
        browser.close()


def test_filter_by_type_and_download_the_rows_shown(
    base: str, page: tuple[sync_api.Page, list[str]]
) -> None:
    tab, problems = page
    tab.goto(base + "/events")
    assert tab.locator("#event-table tbody tr").count() == 4
    assert tab.locator("#world-map circle.marker").count() == 3
    tab.select_option("#event-filters select[name=type]", "COERCE")
    tab.click("#event-filters button")
    tab.wait_for_url("**/events?type=COERCE**")
    rows = tab.locator("#event-table tbody tr")
    assert rows.count() == 1
    assert "Kestrel Union" in rows.first.inner_text()
    assert tab.locator("#world-map circle.marker").count() == 1
    with tab.expect_download() as download_info:
        tab.click("#export .export-csv")
    content = Path(download_info.value.path()).read_text(encoding="utf-8")
    records = list(csv.DictReader(io.StringIO(content)))
    assert [(r["event_type"], r["notes"], r["location"]) for r in records] == [
        ("COERCE", RAID, "Varna")
    ]
    assert problems == []


def test_hostile_event_text_does_not_run(base: str, page: tuple[sync_api.Page, list[str]]) -> None:
    tab, problems = page
    tab.goto(base + "/events?type=PROTEST")
    assert SCRIPT in tab.locator("#event-table").inner_text()  # shown as text
    assert tab.locator("#event-table script").count() == 0
    assert problems == []
