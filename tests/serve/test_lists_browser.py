"""Every list of the UI in a real browser (Debian's Chromium via Playwright, issue 11,
items 1-3 and 6): each pages the same way (50 a page, "51–55 of 55", next and previous
by cursor), its export holds every row the list counts, a page link or a day it cannot
use is a visible notice, a short name finds the main entity, and rows name the site
where no wire source is known. The store has 55 of everything (`list_fixtures`)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsloom.serve import ServeSettings, create_app
from tests.serve.browser import CHROMIUM, CHROMIUM_ARGS, needs_chromium, serve_live
from tests.serve.list_fixtures import BOARD, LIST_COUNT, build_list_store

pytestmark = needs_chromium
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

PAGE = 50

# (page, selector of its rows, how many rows the list holds, whether it has dates)
LISTS = [
    ("/search?q=quay", "ol.result-list li.result", LIST_COUNT, True),
    ("/search?language=en", "ol.result-list li.result", LIST_COUNT, True),
    ("/entities", "#entity-table tbody tr", 2 * LIST_COUNT + 1, False),
    ("/quotes", "#quote-list li.quote", LIST_COUNT, True),
    ("/events?confidence=0", "#event-table tbody tr", LIST_COUNT, True),
    ("/places", "#place-table tbody tr", LIST_COUNT, True),
    ("/stories?single=1", "#stories tbody tr", LIST_COUNT, False),
    ("/entities/org:pellam-harbour-board", "#articles li", LIST_COUNT, False),
]
EXPORTED = [path for path, *_ in LISTS if not path.startswith("/stories")]


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = build_list_store(tmp_path_factory.mktemp("lists") / "l.db")
    with serve_live(create_app(ServeSettings(store=str(path)))) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[sync_api.Browser]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def tab(browser: sync_api.Browser) -> Iterator[tuple[sync_api.Page, list[str]]]:
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(5000)
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    yield page, problems
    context.close()


def with_params(path: str, extra: str) -> str:
    return f"{path}{'&' if '?' in path else '?'}{extra}"


@pytest.mark.parametrize(("path", "rows", "count", "dated"), LISTS)
def test_every_list_pages_by_cursor_with_its_total(
    base: str,
    tab: tuple[sync_api.Page, list[str]],
    path: str,
    rows: str,
    count: int,
    dated: bool,
) -> None:
    page, problems = tab
    page.goto(base + path)
    assert page.locator(rows).count() == PAGE
    assert page.locator(".pager .page-label").inner_text() == f"1–{PAGE} of {count}"
    assert page.locator(".previous-page").count() == 0
    first = page.locator(rows).all_inner_texts()
    page.click(".next-page")
    page.wait_for_url(f"**cursor=o{PAGE}**")
    shown = min(count - PAGE, PAGE)
    assert page.locator(rows).count() == shown
    label = f"{PAGE + 1}–{PAGE + shown} of {count}"
    assert page.locator(".pager .page-label").inner_text() == label
    assert not set(first) & set(page.locator(rows).all_inner_texts())
    page.click(".previous-page")
    page.wait_for_url(lambda url: "cursor=" not in url)
    assert page.locator(rows).all_inner_texts() == first
    # A page link that is no page: the first page, and a notice that says so.
    page.goto(base + with_params(path, "cursor=page-two"))
    assert "not one this site gives" in page.locator("#notices").inner_text()
    assert page.locator(".pager .page-label").inner_text() == f"1–{PAGE} of {count}"
    if dated:  # a day that is no day is shown, not ignored
        page.goto(base + with_params(path, "since=2031-02-30"))
        assert "is not a day" in page.locator("#notices").inner_text()
        assert page.locator(".pager .page-label").inner_text().endswith(f" of {count}")
    assert problems == []


@pytest.mark.parametrize("path", EXPORTED)
def test_every_export_holds_every_row_the_list_counts(
    base: str, tab: tuple[sync_api.Page, list[str]], path: str
) -> None:
    page, problems = tab
    page.goto(base + path)
    total = int(page.locator(".pager .page-label").inner_text().split(" of ")[1])
    assert total > PAGE  # more rows than the page shows
    with page.expect_download() as info:
        page.click("#export .export-csv")
    exported = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text("utf-8"))))
    assert len(exported) == total
    with page.expect_download() as info:
        page.click("#export .export-jsonl")
    assert len(Path(info.value.path()).read_text("utf-8").splitlines()) == total
    assert problems == []


def test_search_takes_a_short_entity_name_and_names_the_site(
    base: str, tab: tuple[sync_api.Page, list[str]]
) -> None:
    page, problems = tab
    page.goto(base + "/search")
    page.fill(".search-form input[name=entity]", "Harbour Board")
    page.click(".search-form button")
    page.wait_for_url("**entity=Harbour+Board**")
    assert BOARD in page.locator("#resolved-entity").inner_text()
    assert page.locator(".pager .page-label").inner_text() == f"1–{PAGE} of {LIST_COUNT}"
    # No wire source: each row names the site, never "unknown source".
    meta = page.locator("li.result p.muted").all_inner_texts()
    assert meta and all("velmora-gazette.example" in line for line in meta)
    page.goto(base + "/search?q=quay")
    meta = page.locator("li.result p.muted").all_inner_texts()
    assert meta and all("velmora-gazette.example" in line for line in meta)
    page.goto(base + "/quotes")
    assert "velmora-gazette.example" in page.locator("li.quote").first.inner_text()
    assert "unknown source" not in page.content()
    assert problems == []


def test_charts_stand_on_a_time_axis(base: str, tab: tuple[sync_api.Page, list[str]]) -> None:
    page, problems = tab
    page.goto(base + "/")
    page.wait_for_selector("#per-day figure.chart-drawn canvas")
    labels = page.evaluate(
        "() => Chart.getChart(document.querySelector('#per-day canvas')).data.labels"
    )
    # 55 days from 1 January 2031: one bar a day, none left out.
    assert len(labels) == LIST_COUNT and labels[0] == "2031-01-01" and labels[-1] == "2031-02-24"
    page.goto(base + "/events?confidence=0")
    page.wait_for_selector("#timeline figure.chart-drawn canvas")
    data = page.evaluate(
        "() => Chart.getChart(document.querySelector('#timeline canvas')).data.datasets[0].data"
    )
    assert sum(data) == LIST_COUNT
    assert problems == []


def test_a_short_name_in_the_url_opens_the_main_entity_and_lists_the_others(
    base: str, tab: tuple[sync_api.Page, list[str]]
) -> None:
    page, problems = tab
    page.goto(base + "/entities/Harbour Board")
    assert page.locator("h1").inner_text().startswith(BOARD)
    # Every warden is a Keld: one opens, the others are offered.
    page.goto(base + "/entities/Keld")
    opened = page.locator("h1").inner_text().removesuffix("PERSON").strip()
    others = page.locator("#did-you-mean a").all_inner_texts()
    assert opened.startswith("Keld ") and others and opened not in others
    assert all(name.startswith("Keld ") for name in others)
    page.click("#did-you-mean a >> nth=0")
    assert page.locator("h1").inner_text().removesuffix("PERSON").strip() == others[0]
    assert problems == []
