"""Small UI fixes in a real browser: the navigation at phone width, and /docs drawn from
this server's own files (Debian's Chromium via Playwright, a live server)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsloom.serve import ServeSettings, create_app
from newsloom.serve.ui import assets
from newsloom.store import open_store
from tests.serve.browser import CHROMIUM, CHROMIUM_ARGS, needs_chromium, serve_live
from tests.store.articles import make_article

pytestmark = needs_chromium
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

PHONE = {"width": 375, "height": 740}


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("small-browser") / "s.db"
    with open_store(path) as store:
        store.save(make_article())
    with serve_live(create_app(ServeSettings(store=str(path)))) as url:
        yield url


@pytest.fixture(scope="module")
def browser(base: str) -> Iterator[sync_api.Browser]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.mark.parametrize("path", ["/", "/search", "/login"])
def test_no_nav_link_leaves_a_phone_screen(
    browser: sync_api.Browser, base: str, path: str, tmp_path: Path
) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(5000)
    page.goto(base + path)
    links = page.locator(".top nav a")
    assert links.count() == 7
    for n in range(links.count()):
        box = links.nth(n).bounding_box()
        assert box is not None
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], links.nth(
            n
        ).inner_text()
    # Nor does anything else widen the page past the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(tmp_path / "phone.png"))
    context.close()


@pytest.mark.skipif(
    not assets.vendor_available("swagger-ui-bundle.js"),
    reason="swagger-ui-dist is not installed (npm ci)",
)
def test_docs_draw_from_local_files_only(browser: sync_api.Browser, base: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(10000)
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(base + "/docs")
    page.wait_for_selector(".swagger-ui .opblock")
    assert page.locator(".swagger-ui .opblock").count() > 10
    assert asked and all(url.startswith((base, "data:")) for url in asked), asked
    context.close()
