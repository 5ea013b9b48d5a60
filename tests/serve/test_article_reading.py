"""Reading an article (issue 11, item 4): each listed fact links to its highlight, the
legend's checkboxes hide one kind of highlight, and the story sits near the top."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsloom.serve import ServeSettings, create_app
from newsloom.store import open_store
from tests.serve.browser import CHROMIUM, CHROMIUM_ARGS, needs_chromium, serve_live
from tests.store.articles import make_enriched_article


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    path = tmp_path_factory.mktemp("reading") / "s.db"
    article = make_enriched_article()
    with open_store(path) as store:
        store.save(article)
    assert article.id is not None
    return path, article.id


def test_each_listed_fact_links_to_a_unique_highlight(stored: tuple[Path, str]) -> None:
    path, article_id = stored
    with TestClient(create_app(ServeSettings(store=str(path)))) as client:
        html = client.get(f"/articles/{article_id}").text
    ids = re.findall(r'<mark id="([^"]+)"', html)
    assert len(ids) == len(set(ids))  # a span reopened across marks keeps one id
    # Quenby, Veil, Marlowe Sound; two quotes; one time; the place's first mention.
    assert set(ids) == {"hl-entity-0", "hl-entity-1", "hl-entity-2", "hl-quote-0"} | {
        "hl-quote-1",
        "hl-time-0",
    }
    links = re.findall(r'<a class="in-text" href="#([^"]+)"', html)
    assert set(links) <= set(ids) and Counter(links)["hl-entity-2"] == 2  # entity and place
    assert len(links) == 7
    # The story comes before the text, not after the facts.
    assert html.index('id="duplicates"') < html.index('id="article-text"')


sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")


@pytest.fixture(scope="module")
def live(stored: tuple[Path, str]) -> Iterator[str]:
    path, article_id = stored
    with serve_live(create_app(ServeSettings(store=str(path)))) as base:
        yield f"{base}/articles/{article_id}"


@needs_chromium
def test_fact_link_lands_on_its_highlight_and_a_toggle_hides_a_kind(live: str) -> None:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1000, "height": 500})
        page.set_default_timeout(5000)
        page.goto(live)
        quote_mark = page.locator("#hl-quote-1")
        background = "getComputedStyle(document.getElementById('hl-quote-1')).backgroundColor"
        shown = page.evaluate(background)
        assert shown not in ("rgba(0, 0, 0, 0)", "transparent")
        # Untick quotes: their marks read as plain text; entities stay highlighted.
        page.uncheck(".hl-toggle input[data-toggle=quote]")
        assert page.evaluate(background) == "rgba(0, 0, 0, 0)"
        entity = "getComputedStyle(document.getElementById('hl-entity-0')).backgroundColor"
        assert page.evaluate(entity) != "rgba(0, 0, 0, 0)"
        # The quote's "in text" link scrolls to its mark and shows quotes again.
        page.locator("#quotes a.in-text").nth(1).click()
        page.wait_for_url("**#hl-quote-1")
        assert page.is_checked(".hl-toggle input[data-toggle=quote]")
        assert page.evaluate(background) == shown
        assert quote_mark.evaluate("m => m.matches(':target')")
        box = quote_mark.bounding_box()
        assert box is not None and 0 <= box["y"] < 500  # in the viewport
        browser.close()


@pytest.fixture(scope="module")
def syndicated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """A wire story, a copy, and a copy whose page gave its site's name as the title."""
    from tests.store.stories_fixtures import (
        copy_cut_and_edited,
        copy_with_boilerplate,
        wire_original,
    )

    # The first published, so that neither the earliest title nor the first one wins.
    named_by_site = copy_cut_and_edited()
    named_by_site.site = named_by_site.title = "Pellamy Post TV"
    named_by_site.published = dt.datetime(2031, 5, 6, 8, 0, tzinfo=dt.UTC)
    path = tmp_path_factory.mktemp("syndicated") / "s.db"
    copy = copy_with_boilerplate()
    with open_store(path) as store:
        for article in (named_by_site, wire_original(), copy):
            store.save(article)
    assert copy.id is not None
    with serve_live(create_app(ServeSettings(store=str(path)))) as base:
        yield base, copy.id


@needs_chromium
def test_the_story_and_its_copies_open_the_page_titled_by_a_headline(
    syndicated: tuple[str, str],
) -> None:
    base, copy_id = syndicated
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1000, "height": 900})
        page.set_default_timeout(5000)
        page.goto(f"{base}/articles/{copy_id}")
        # Above the text, where a reader starts: what it copies, and its story.
        duplicates = page.locator("#duplicates").bounding_box()
        story = page.locator("#story").bounding_box()
        text = page.locator("#article-text").bounding_box()
        assert duplicates and story and text and duplicates["y"] < text["y"]
        assert story["y"] < text["y"]
        assert "A syndicated copy of" in page.locator("#duplicates").inner_text()
        # The story is named by its most central headline, never the site's name.
        title = page.locator("#story p a").first.inner_text()
        assert title == "Storm cracks Brellan breakwater, harbour closed"
        assert "Pellamy Post TV" in page.locator("#duplicates").inner_text()  # a copy
        page.click("#story p a")
        page.wait_for_url("**/stories/**")
        assert page.locator("h1").inner_text() == title
        browser.close()
