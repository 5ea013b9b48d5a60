"""Reviewing facts on the article page (issue 11, item 5): the controls only for a
signed-in analyst, the form's guards (cookie, origin, form token), each verdict kept
apart from the facts, and rejected facts hidden from the page and the lists unless
asked for."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from newsloom.serve import ServeSettings, create_app
from newsloom.store import open_store
from tests.serve.conftest import TOKEN, ClientFactory
from tests.serve.test_ui_security import assert_inert
from tests.store.articles import make_enriched_article


@pytest.fixture
def article_id(filled_db: Path) -> str:
    """The invented ferry article (two entities quoted, a time, a place)."""
    article = make_enriched_article(url="https://velmora-gazette.example/review", locator="r1")
    with open_store(filled_db) as store:
        store.save(article)
    return article.id


def sign_in(client: TestClient) -> TestClient:
    response = client.post("/login", data={"token": TOKEN, "next": "/"}, follow_redirects=False)
    assert response.status_code == 303
    return client


@pytest.fixture
def analyst(make_client: ClientFactory) -> TestClient:
    return sign_in(make_client())


def page(client: TestClient, article_id: str, **params: str) -> str:
    response = client.get(f"/articles/{article_id}", params=params)
    assert response.status_code == 200
    return response.text


def form(html: str, anchor: str) -> dict[str, str]:
    """The hidden fields of the review form of the fact listed at `anchor`."""
    row = re.search(rf'id="{anchor}"(.*?)</(?:li|tr)>', html, re.S)
    assert row is not None, anchor
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', row.group(1)))


def post(
    client: TestClient, article_id: str, fields: dict[str, str], **extra: str
) -> httpx.Response:
    return client.post(
        f"/articles/{article_id}/review", data={**fields, **extra}, follow_redirects=False
    )


def test_only_a_signed_in_analyst_gets_the_controls(
    make_client: ClientFactory, article_id: str
) -> None:
    reader = make_client()
    html = page(reader, article_id)
    assert 'class="review-form"' not in html and 'id="sign-in-to-review"' in html
    no_token = page(make_client(token=None), article_id)
    assert 'class="review-form"' not in no_token and "sign-in-to-review" not in no_token
    html = page(sign_in(reader), article_id)
    # every listed entity, quote, time and place has one
    assert html.count('class="review-form"') == 3 + 2 + 1 + 1
    assert_inert(html)
    fields = form(html, "f-quote-0")
    assert set(fields) == {"csrf", "kind", "start", "end"} and fields["kind"] == "quote"
    assert fields["csrf"] and fields["csrf"] != TOKEN


def test_the_form_needs_the_cookie_the_origin_and_its_token(
    make_client: ClientFactory, analyst: TestClient, article_id: str
) -> None:
    fields = form(page(analyst, article_id), "f-quote-0")
    reader = make_client()
    signed_out = post(reader, article_id, fields, verdict="rejected")
    assert signed_out.status_code == 401 and 'action="/login"' in signed_out.text
    assert post(analyst, article_id, {**fields, "csrf": "x"}, verdict="rejected").status_code == 403
    cross_site = analyst.post(
        f"/articles/{article_id}/review",
        data={**fields, "verdict": "rejected"},
        headers={"Sec-Fetch-Site": "cross-site"},
        follow_redirects=False,
    )
    assert cross_site.status_code == 403
    elsewhere = {**fields, "start": "1", "end": "2"}
    assert post(analyst, article_id, elsewhere, verdict="rejected").status_code == 404
    assert post(analyst, article_id, fields, verdict="corrected").status_code == 422
    assert post(analyst, article_id, fields, verdict="maybe").status_code == 422
    assert analyst.get("/api/reviews").json()["total"] == 0


def test_rejecting_a_quote_hides_it_until_asked_and_clearing_brings_it_back(
    analyst: TestClient, article_id: str
) -> None:
    html = page(analyst, article_id)
    fields = form(html, "f-quote-0")
    done = post(analyst, article_id, fields, verdict="rejected", comment="Veil's, not a quote")
    assert done.status_code == 303
    assert done.headers["location"] == f"/articles/{article_id}#quotes"
    html = page(analyst, article_id)
    assert 'id="f-quote-0"' not in html and 'id="f-quote-1"' in html
    assert "1 rejected fact hidden" in html and 'id="hl-quote-0"' not in html
    shown = page(analyst, article_id, include_rejected="true")
    assert 'id="f-quote-0" class="rejected"' in shown and 'id="hl-quote-0"' in shown
    assert '<span class="review-state review-rejected" title="Veil&#39;s, not a quote">' in shown
    # the quotes page leaves it out too, unless asked
    link = f'href="/articles/{article_id}#f-quote-0"'
    assert link not in analyst.get("/quotes").text
    everything = analyst.get("/quotes", params={"include_rejected": "true"}).text
    assert link.replace("#", "?include_rejected=true#") in everything
    assert everything.count("review-rejected") == 1
    assert "include_rejected=true" in everything.split('id="export"')[1]
    again = form(shown, "f-quote-0")
    back = post(analyst, article_id, again, verdict="clear", include_rejected="true")
    assert back.headers["location"].endswith("?include_rejected=true#f-quote-0")
    assert 'id="f-quote-0">' in page(analyst, article_id)
    assert analyst.get("/api/reviews").json()["total"] == 0


def test_an_entity_verdict_covers_every_mention(analyst: TestClient, article_id: str) -> None:
    html = page(analyst, article_id)
    quenby = form(html, "f-entity-0")  # Tilda Quenby, three mentions
    assert post(analyst, article_id, quenby, verdict="confirmed").status_code == 303
    reviews = analyst.get("/api/reviews", params={"kind": "entity"}).json()
    assert reviews["total"] == 3 and {r["verdict"] for r in reviews["items"]} == {"confirmed"}
    html = page(analyst, article_id)
    assert re.search(r'id="f-entity-0".*?review-confirmed">confirmed<', html, re.S)
    post(analyst, article_id, quenby, verdict="rejected")
    html = page(analyst, article_id)
    assert 'id="f-entity-0"' not in html and "Tilda Quenby</a>" not in html.split("<h2>Quotes")[0]
    assert "1 rejected fact hidden" in html
    names = {e["id"] for e in analyst.get("/api/entities", params={"limit": 200}).json()["items"]}
    assert "person:tilda-quenby" in names  # the filled store's other articles still name her


def test_a_correction_keeps_its_value_and_comment(analyst: TestClient, article_id: str) -> None:
    fields = form(page(analyst, article_id), "f-time-0")
    post(
        analyst,
        article_id,
        fields,
        verdict="corrected",
        value='{"value": "2031-03-14"}',
        comment="the Friday after",
    )
    [review] = analyst.get("/api/reviews").json()["items"]
    assert review["value"] == {"value": "2031-03-14"} and review["comment"] == "the Friday after"
    assert review["kind"] == "time" and review["reviewer"] == "web UI"
    html = page(analyst, article_id)
    assert "corrected: {&#34;value&#34;: &#34;2031-03-14&#34;}" in html
    place = form(html, "f-place-0")
    post(analyst, article_id, place, verdict="corrected", value="Marlowe Sound, Velmora")
    corrected = analyst.get("/api/reviews", params={"kind": "place"}).json()["items"][0]
    assert corrected["value"] == "Marlowe Sound, Velmora"


def test_list_pages_offer_the_rejected_toggle(app_client: TestClient) -> None:
    for path in ("/quotes", "/events", "/entities", "/places"):
        html = app_client.get(path).text
        assert 'name="include_rejected" value="true">' in html, path
        checked = app_client.get(path, params={"include_rejected": "true"}).text
        assert 'name="include_rejected" value="true" checked>' in checked, path


def test_the_events_page_marks_each_event_s_review(tmp_path: Path) -> None:
    from tests.serve.test_events_data import build_events_store

    path = tmp_path / "events.db"
    articles = build_events_store(path)
    raid = articles[1]
    with open_store(path) as store:
        from newsloom.store.sql.reviews import Review

        start, end = raid.events[0].trigger_span
        store.save_review(Review(raid.id, "event", start, end, "confirmed"))
    with TestClient(create_app(ServeSettings(store=str(path)))) as client:
        html = client.get("/events", params={"confidence": "0"}).text
    row = re.search(r'data-type="COERCE">(.*?)</tr>', html, re.S)
    assert row is not None and "review-confirmed" in row.group(1)
    assert f'href="/articles/{raid.id}#f-event-0"' in row.group(1)


def test_a_review_s_words_are_shown_as_text(analyst: TestClient, article_id: str) -> None:
    fields = form(page(analyst, article_id), "f-quote-1")
    hostile = '"><img src=x onerror=alert(1)><script>alert(1)</script>'
    post(analyst, article_id, fields, verdict="corrected", value=hostile, comment=hostile)
    html = page(analyst, article_id)
    assert_inert(html)
    assert "<script>alert(1)</script>" not in html and "<img src=x" not in html
    assert "corrected: &#34;&gt;&lt;img src=x" in html
