"""The web UI in a real browser (Debian's Chromium via Playwright) against a live server.

The server runs in a thread on a free loopback port; screenshots go to tmp_path only.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from newsloom.serve import ServeSettings, create_app
from tests.serve.browser import CHROMIUM, CHROMIUM_ARGS, needs_chromium, serve_live
from tests.serve.ui_fixtures import UIStore, build_ui_store

pytestmark = needs_chromium
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")


@dataclass(slots=True)
class LiveServer:
    base: str
    store: UIStore


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    ui_store = build_ui_store(tmp_path_factory.mktemp("ui-browser") / "ui.db")
    app = create_app(ServeSettings(store=str(ui_store.path)))
    with serve_live(app) as base:
        yield LiveServer(base, ui_store)


@pytest.fixture(scope="module")
def browser(live: LiveServer) -> Iterator[sync_api.Browser]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@dataclass(slots=True)
class Watched:
    """A page with every dialog, console error and page error it produced."""

    page: sync_api.Page
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture
def watched(browser: sync_api.Browser) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(5000)
    seen = Watched(page)

    def on_dialog(dialog: sync_api.Dialog) -> None:
        seen.dialogs.append(dialog.message)
        dialog.dismiss()

    def on_console(message: sync_api.ConsoleMessage) -> None:
        if message.type == "error":
            seen.errors.append(message.text)

    page.on("dialog", on_dialog)
    page.on("console", on_console)
    page.on("pageerror", lambda error: seen.errors.append(str(error)))
    page.on(
        "response",
        lambda response: (
            seen.errors.append(f"HTTP {response.status} {response.url}")
            if response.status >= 400
            else None
        ),
    )
    yield seen
    context.close()


def test_every_page_loads_and_draws_its_charts_and_map(live: LiveServer, watched: Watched) -> None:
    page = watched.page
    for path, heading in [
        ("/", "Dashboard"),
        ("/search", "Search"),
        ("/entities", "Entities"),
        ("/entities/person:tilda-quenby", "Tilda Quenby"),
        ("/events", "Events"),
        ("/places", "Places"),
        ("/stories", "Stories"),
        (f"/stories/{live.store.enriched_id}", "Velmora council approves ferry timetable"),
        (f"/articles/{live.store.enriched_id}", "Velmora council approves ferry timetable"),
    ]:
        response = page.goto(live.base + path)
        assert response is not None and response.status == 200, path
        assert heading in page.locator("h1").inner_text(), path
        if path in {"/", "/entities/person:tilda-quenby"}:
            page.wait_for_selector("figure.chart-drawn canvas")
        if path in {"/events", "/places"}:
            page.wait_for_selector("#world-map path.land", state="attached")
            assert len(page.get_attribute("#world-map path.land", "d") or "") > 1000
        if path == "/places":  # the invented town's marker, drawn above the land
            assert page.locator("#world-map circle.marker").count() >= 1
            assert page.evaluate(
                "document.querySelector('#world-map g.markers').previousElementSibling"
                ".classList.contains('land')"
            )
    assert watched.errors == []


def test_search_then_follow_an_entity_link(live: LiveServer, watched: Watched) -> None:
    page = watched.page
    page.goto(live.base + "/")
    page.fill(".quick-search input[name=q]", "Quenby")
    page.press(".quick-search input[name=q]", "Enter")
    page.wait_for_url("**/search?q=Quenby")
    assert page.locator(".result").count() == 2
    assert page.locator(".snippet mark").first.inner_text() == "Quenby"
    page.locator('[data-facet="entity"] a', has_text="Oskar Veil").click()
    page.wait_for_url("**entity=person%3Aoskar-veil**")
    assert page.locator(".result").count() == 1
    page.locator('[data-facet="entity"] a[title="about Tilda Quenby"]').click()
    page.wait_for_url("**/entities/person:tilda-quenby")
    assert page.locator("#quotes-by blockquote").count() == 1
    assert watched.errors == []


def test_article_highlights_show_evidence_and_confidence(
    live: LiveServer, watched: Watched, tmp_path: Path
) -> None:
    page = watched.page
    page.goto(f"{live.base}/articles/{live.store.enriched_id}")
    marks = page.locator("#article-text mark.hl")
    assert marks.count() >= 10
    time_mark = page.locator('#article-text mark[data-kind="time"]')
    assert "confidence 1.00" in (time_mark.get_attribute("title") or "")
    time_mark.hover()
    time_mark.click()
    popover = page.locator("#popover")
    assert popover.is_visible()
    assert "DATE 2031-03-07" in popover.inner_text()
    assert "Evidence: “on Friday”" in popover.inner_text()
    assert "Confidence: 1.00" in popover.inner_text()
    page.locator('#article-text mark[data-evidence="Tilda Quenby"]').click()
    assert "Confidence: 0.90" in popover.inner_text()
    assert popover.locator("a").get_attribute("href") == "/entities/person:tilda-quenby"
    page.locator("#removed summary").click()
    assert page.locator("#removed li").first.is_visible()
    page.screenshot(path=str(tmp_path / "article.png"), full_page=True)
    page.goto(live.base + "/")
    page.wait_for_selector("figure.chart-drawn canvas")
    page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)
    assert (tmp_path / "article.png").stat().st_size > 10_000
    assert watched.errors == []


def test_hostile_article_runs_nothing(live: LiveServer, watched: Watched) -> None:
    page = watched.page
    for path in [
        f"/articles/{live.store.hostile_id}",
        "/search?q=Zorvath",
        "/entities",
        "/stories?single=1",
        "/places",
        "/events",
    ]:
        page.goto(live.base + path)
        page.wait_for_load_state("load")
        assert page.evaluate("document.querySelectorAll('img, style, iframe').length") == 0
        # getAttribute: an SVG link's `href` (map markers) is an object, not a string.
        bad_links = page.evaluate(
            "[...document.querySelectorAll('a[href]')]"
            ".filter(a => !['http:', 'https:'].includes("
            "new URL(a.getAttribute('href'), document.baseURI).protocol)).length"
        )
        assert bad_links == 0, path
    page.goto(f"{live.base}/articles/{live.store.hostile_id}")
    assert "<script>alert(1)</script>" in page.locator("h1").inner_text()
    shown = []
    for mark in page.locator("#article-text mark.hl").all():
        mark.click()
        shown.append(page.locator("#popover").inner_text())
        page.keyboard.press("Escape")
    assert any("<img src=x onerror=alert(1)>" in text for text in shown)
    page.locator("#removed summary").click()
    page.wait_for_timeout(200)
    assert watched.dialogs == []
    assert watched.errors == []
