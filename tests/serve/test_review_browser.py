"""Reviewing facts in a real browser (Debian's Chromium via Playwright, issue 11, item 5):
an analyst signs in, rejects a quote on the article page and sees it hidden; after
`newsloom enrich` replaced the article's facts the review is still there and the quote
still hidden, on the page and on the quotes page, until asked for. Another confirms and
corrects facts, which the exports then carry."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsloom.cli import app
from newsloom.enrich.nlp import ModelNotFoundError, resolve_model
from newsloom.serve import ServeSettings, create_app
from newsloom.store import open_store
from tests.serve.browser import CHROMIUM, CHROMIUM_ARGS, needs_chromium, serve_live
from tests.serve.conftest import TOKEN
from tests.store.articles import make_enriched_article, span

pytestmark = needs_chromium
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

REJECTED = "Quenby has cleared the channel and the buoys are back,"


@pytest.fixture
def stored(tmp_path: Path) -> tuple[Path, str]:
    """A store holding the invented ferry article with hand-made facts."""
    path = tmp_path / "reviews.db"
    article = make_enriched_article()
    with open_store(path) as store:
        store.save(article)
    return path, article.id


@pytest.fixture
def base(stored: tuple[Path, str]) -> Iterator[str]:
    with serve_live(create_app(ServeSettings(store=str(stored[0]), token=TOKEN))) as url:
        yield url


@pytest.fixture
def tab() -> Iterator[tuple[sync_api.Page, list[str]]]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        opened = browser.new_page(viewport={"width": 1200, "height": 900})
        opened.set_default_timeout(5000)
        problems: list[str] = []
        opened.on("pageerror", lambda error: problems.append(str(error)))
        opened.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        yield opened, problems
        browser.close()


def sign_in(page: sync_api.Page, base: str, article_id: str) -> None:
    page.goto(f"{base}/articles/{article_id}")
    assert page.locator("details.review").count() == 0
    page.click("#sign-in-to-review")
    page.fill("input[name=token]", TOKEN)
    page.click("form[action='/login'] button")
    page.wait_for_url(f"**/articles/{article_id}")
    assert page.locator("details.review").count() > 0


def review(page: sync_api.Page, row: str, verdict: str, **fields: str) -> None:
    """Open the review control of the fact at `row`, fill it in and send it."""
    page.click(f"#{row} details.review summary")
    for name, value in fields.items():
        page.fill(f"#{row} input[name={name}]", value)
    page.click(f"#{row} button[value={verdict}]")


def test_a_rejected_quote_stays_hidden_after_newsloom_enrich(
    stored: tuple[Path, str], base: str, tab: tuple[sync_api.Page, list[str]], tmp_path: Path
) -> None:
    try:
        resolve_model()
    except ModelNotFoundError:
        pytest.skip("newsloom enrich needs a spaCy English model")
    path, article_id = stored
    page, problems = tab
    sign_in(page, base, article_id)
    assert page.locator("#f-quote-0 blockquote").inner_text() == REJECTED
    review(page, "f-quote-0", "rejected", comment="Veil speaks here; keep his other quote")
    page.wait_for_url("**#quotes")
    quotes = page.locator("#quotes blockquote").all_inner_texts()
    assert REJECTED not in quotes and len(quotes) == 1
    assert page.locator("#rejected-note").inner_text() == "1 rejected fact hidden."
    assert page.locator("#hl-quote-0").count() == 0  # nor highlighted in the text
    page.screenshot(path=str(tmp_path / "rejected.png"), full_page=True)

    # `newsloom enrich` replaces the hand-made facts with the enricher's
    result = CliRunner().invoke(app, ["enrich", "--db", str(path), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["updated"] == 1
    with open_store(path) as store:
        article = store.get(article_id)
        assert article is not None
        spans = [(q.start, q.end) for q in article.quotes]
        review_ = store.review_of(article_id, "quote", *span(article.text, REJECTED))
    assert review_ is not None and review_.verdict == "rejected"
    assert span(article.text, REJECTED) in spans  # the enricher found the quote again

    page.reload()
    quotes = page.locator("#quotes blockquote").all_inner_texts()
    assert REJECTED not in quotes and len(quotes) == len(spans) - 1
    assert page.locator("#rejected-note").inner_text() == "1 rejected fact hidden."
    page.click("#rejected-toggle")
    page.wait_for_url("**include_rejected=true")
    struck = page.locator("#quotes li.rejected")
    assert struck.count() == 1 and struck.locator("blockquote").inner_text() == REJECTED
    assert struck.locator(".review-state").inner_text() == "rejected"
    assert "Veil speaks here" in (struck.locator(".review-state").get_attribute("title") or "")

    # The quotes page leaves it out too, until its "rejected too" box is ticked.
    page.click("nav >> text=Quotes")
    assert REJECTED not in page.locator("li.quote blockquote").all_inner_texts()
    page.check("#quote-filters input[name=include_rejected]")
    page.click("#quote-filters button")
    page.wait_for_url("**include_rejected=true**")
    listed = page.locator("li.quote", has=page.locator(".review-rejected"))
    assert listed.locator("blockquote").all_inner_texts() == [REJECTED]
    assert problems == []


def test_confirming_and_correcting_facts_shows_in_the_page_and_the_exports(
    stored: tuple[Path, str], base: str, tab: tuple[sync_api.Page, list[str]], tmp_path: Path
) -> None:
    _, article_id = stored
    page, problems = tab
    sign_in(page, base, article_id)
    review(page, "f-entity-1", "confirmed")  # Oskar Veil
    page.wait_for_url("**#f-entity-1")
    assert page.locator("#f-entity-1 .review-state").inner_text() == "confirmed"
    review(page, "f-quote-1", "confirmed")
    page.wait_for_url("**#f-quote-1")

    # A correction needs its value: the browser keeps the form from going without one.
    review(page, "f-place-0", "corrected")
    assert page.url.endswith("#f-quote-1")
    page.fill("#f-place-0 input[name=value]", "Marlowe Sound, Velmora")
    page.click("#f-place-0 button[value=corrected]")
    page.wait_for_url("**#f-place-0")
    review(page, "f-time-0", "corrected", value="2031-03-14", comment="the Friday after")
    page.wait_for_url("**#f-time-0")
    state = page.locator("#f-time-0 .review-state")
    assert state.inner_text() == "corrected: 2031-03-14"
    assert state.get_attribute("title") == "the Friday after"
    page.click("#f-time-0 details.review summary")  # the form starts with the correction
    assert page.locator("#f-time-0 input[name=value]").input_value() == "2031-03-14"
    page.screenshot(path=str(tmp_path / "corrected.png"), full_page=True)

    exported = page.request.get(f"{base}/api/export/reviews?format=csv").text()
    rows = {r["kind"]: r for r in csv.DictReader(io.StringIO(exported))}
    assert {kind: r["verdict"] for kind, r in rows.items()} == {
        "entity": "confirmed",
        "quote": "confirmed",
        "place": "corrected",
        "time": "corrected",
    }
    assert json.loads(rows["time"]["value"]) == "2031-03-14"
    assert rows["time"]["comment"] == "the Friday after" and rows["time"]["reviewer"] == "web UI"
    quotes = page.request.get(f"{base}/api/export/quotes?format=csv").text()
    reviews = [r["review"] for r in csv.DictReader(io.StringIO(quotes))]
    assert sorted(reviews) == ["", "confirmed"]
    assert problems == []
