"""Small UI fixes in a real browser: the navigation and every page at phone width (wide
tables scroll inside their own box), and /docs drawn from this server's own files
(Debian's Chromium via Playwright, a live server)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsloom.serve import ServeSettings, create_app
from newsloom.serve.ui import assets
from tests.serve.browser import CHROMIUM, CHROMIUM_ARGS, needs_chromium, serve_live
from tests.serve.ui_fixtures import build_ui_store

pytestmark = needs_chromium
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """The UI store (the samples' ingest run, enriched articles, events of the samples)."""
    ui = build_ui_store(tmp_path_factory.mktemp("small-browser") / "s.db")
    return str(ui.path), ui.enriched_id


@pytest.fixture(scope="module")
def base(stored: tuple[str, str]) -> Iterator[str]:
    with serve_live(create_app(ServeSettings(store=stored[0]))) as url:
        yield url


@pytest.fixture(scope="module")
def browser(base: str) -> Iterator[sync_api.Browser]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


# Each page with a wide table (the dashboard's runs, the entities, events and places
# tables, the article's entities and provenance) as well as the plain ones.
PAGES = ["/", "/search", "/login", "/entities", "/quotes", "/stories", "/events", "/places"]


@pytest.mark.parametrize("path", [*PAGES, "article"])
def test_no_nav_link_leaves_a_phone_screen(
    browser: sync_api.Browser, base: str, stored: tuple[str, str], path: str, tmp_path: Path
) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(5000)
    page.goto(base + (f"/articles/{stored[1]}" if path == "article" else path))
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


def test_the_sign_in_page_says_what_signing_in_is_for(
    browser: sync_api.Browser, base: str, stored: tuple[str, str]
) -> None:
    page = browser.new_context().new_page()
    page.set_default_timeout(5000)
    page.goto(base + "/login")  # no token set: nothing to sign in to, no form
    assert "nothing to sign in to" in page.locator("main").inner_text()
    assert page.locator("form[action='/login']").count() == 0
    with serve_live(create_app(ServeSettings(store=stored[0], token="t"))) as with_token:
        page.goto(with_token + "/login")  # reads open: signing in is for reviewing
        said = page.locator("main").inner_text()
        assert "Reading on this server is open" in said and "to review facts" in said
        assert "protects reading" not in said
        page.fill("input[name=token]", "t")
        page.click("form[action='/login'] button")
        page.wait_for_url(with_token + "/")
    with serve_live(
        create_app(ServeSettings(store=stored[0], token="t", protect_reads=True))
    ) as protected:
        page.context.close()
        page = browser.new_context().new_page()  # not signed in
        answer = page.goto(protected + "/")  # the sign-in page itself, as a 401
        assert answer is not None and answer.status == 401
        assert "This server protects reading" in page.locator("main").inner_text()
    page.context.close()
