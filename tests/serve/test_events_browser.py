"""The events page in a real browser (Debian's Chromium via Playwright): filter, map, CSV.

Modelled on test_ui_browser.py: a live server in a thread on a free loopback port, over a
store of invented articles with coded events (tests/serve/test_events_data.py).
"""

from __future__ import annotations

import csv
import io
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsloom.serve import ServeSettings, create_app
from tests.serve.test_events_data import RAID, SCRIPT, build_events_store

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="browser tests need Debian's Chromium at /usr/bin/chromium"
)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
uvicorn = pytest.importorskip("uvicorn")

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("events-browser") / "events.db"
    build_events_store(path)
    app = create_app(ServeSettings(store=str(path)))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.05)
    else:
        pytest.fail("the server did not start within 5 s")
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=5)


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
        tab.click("#events-csv")
    content = Path(download_info.value.path()).read_text(encoding="utf-8")
    records = list(csv.DictReader(io.StringIO(content)))
    assert [(r["type"], r["sentence"], r["place"]) for r in records] == [("COERCE", RAID, "Varna")]
    assert problems == []


def test_hostile_event_text_does_not_run(base: str, page: tuple[sync_api.Page, list[str]]) -> None:
    tab, problems = page
    tab.goto(base + "/events?type=PROTEST")
    assert SCRIPT in tab.locator("#event-table").inner_text()  # shown as text
    assert tab.locator("#event-table script").count() == 0
    assert problems == []
