"""The analyst's workflow in a real browser (Debian's Chromium via Playwright, issue 11):
an export holds every row the list counts, not the page shown; the quotes page finds a
speaker by surname; a bad day is a visible notice."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsloom.serve import ServeSettings, create_app
from newsloom.serve.ui import events as events_page
from tests.serve.browser import CHROMIUM, CHROMIUM_ARGS, needs_chromium, serve_live
from tests.serve.test_api_analyst import KESSLING_SAID, add_kessling
from tests.serve.test_events_data import build_events_store

pytestmark = needs_chromium
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")


@pytest.fixture
def base(filled_db: Path) -> Iterator[str]:
    add_kessling(filled_db)
    with serve_live(create_app(ServeSettings(store=str(filled_db)))) as base_url:
        yield base_url


@pytest.fixture
def events_base(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    path = tmp_path / "events.db"
    build_events_store(path)
    monkeypatch.setattr(events_page, "PAGE_SIZE", 2)  # fewer rows shown than match
    with serve_live(create_app(ServeSettings(store=str(path)))) as base_url:
        yield base_url


@pytest.fixture
def tab() -> Iterator[tuple[sync_api.Page, list[str]]]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(accept_downloads=True)
        opened = context.new_page()
        opened.set_default_timeout(5000)
        problems: list[str] = []
        opened.on("pageerror", lambda error: problems.append(str(error)))
        opened.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        yield opened, problems
        browser.close()


def download(page: sync_api.Page, selector: str) -> str:
    with page.expect_download() as info:
        page.click(selector)
    return Path(info.value.path()).read_text(encoding="utf-8")


def test_the_events_export_holds_every_event_the_page_counts(
    events_base: str, tab: tuple[sync_api.Page, list[str]]
) -> None:
    page, problems = tab
    page.goto(events_base + "/events?confidence=0")
    assert page.locator("#event-table tbody tr").count() == 2  # one page
    total = int(page.locator("#event-total").inner_text().split()[0])
    assert total == 4
    rows = list(csv.DictReader(io.StringIO(download(page, "#export .export-csv"))))
    assert len(rows) == total
    page.click(".next-page")
    page.wait_for_url("**cursor=o2**")
    assert page.locator("#event-table tbody tr").count() == 2
    assert problems == []


def test_quotes_by_surname_and_their_export(
    base: str, tab: tuple[sync_api.Page, list[str]]
) -> None:
    page, problems = tab
    page.goto(base + "/")
    page.click("nav >> text=Quotes")
    page.fill("#quote-filters input[name=speaker]", "Kessling")
    page.click("#quote-filters button")
    page.wait_for_url("**/quotes?speaker=Kessling**")
    assert page.locator("li.quote blockquote").all_inner_texts() == [KESSLING_SAID]
    assert "Dorota Kessling" in page.locator("#resolved-speaker").inner_text()
    lines = download(page, "#export .export-jsonl").splitlines()
    assert len(lines) == 1 and KESSLING_SAID in lines[0]
    page.goto(base + "/quotes?since=0")
    assert "is not a day" in page.locator("#notices").inner_text()
    assert problems == []
