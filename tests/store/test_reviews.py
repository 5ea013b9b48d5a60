"""Reviews of facts (issue 11, item 5) on both backends: kept apart from the facts, so a
re-enrichment or a re-ingest leaves them in place, still matching the fact by its span."""

from __future__ import annotations

import datetime as dt

import pytest

from newsloom.store import Store
from newsloom.store.sql.reviews import Review
from tests.store.articles import FERRY_BODY, make_article, make_enriched_article, span


def _quote_review(store: Store, verdict: str = "rejected", **kwargs: object) -> Review:
    article = make_enriched_article()
    store.save(article)
    assert article.id is not None
    quote = article.quotes[0]
    return store.save_review(
        Review(article.id, "quote", quote.start, quote.end, verdict, **kwargs)  # type: ignore[arg-type]
    )


def test_a_review_is_saved_read_back_and_replaced_by_the_next_one(store: Store) -> None:
    saved = _quote_review(store, comment="Veil said it, not a quote of Quenby")
    assert saved.created
    found = store.review_of(saved.article_id, "quote", saved.start, saved.end)
    assert found == saved
    assert store.review_of(saved.article_id, "quote", saved.start, saved.end + 1) is None
    assert store.review_of(saved.article_id, "time", saved.start, saved.end) is None

    corrected = store.save_review(
        Review(
            saved.article_id,
            "quote",
            saved.start,
            saved.end,
            "corrected",
            value={"speaker": "Tilda Quenby"},
            comment="wrong speaker",
            reviewer="ana",
        )
    )
    assert store.count_reviews() == 1
    again = store.review_of(saved.article_id, "quote", saved.start, saved.end)
    assert again is not None and again.verdict == "corrected"
    assert again.value == {"speaker": "Tilda Quenby"} and again.reviewer == "ana"
    assert again == corrected


def test_reviews_list_filters_counts_and_pages(store: Store) -> None:
    article = make_enriched_article()
    store.save(article)
    assert article.id is not None
    text = article.text
    for n, (kind, part, verdict) in enumerate(
        [
            ("entity", "Oskar Veil", "confirmed"),
            ("time", "on Friday", "rejected"),
            ("place", "Marlowe Sound", "confirmed"),
        ]
    ):
        store.save_review(
            Review(article.id, kind, *span(text, part), verdict, created=f"2031-03-0{n + 1}")
        )
    other = make_article(url="https://velmora-gazette.example/other", locator="entry-9")
    store.save(other)
    assert other.id is not None
    store.save_review(Review(other.id, "event", 0, 10, "confirmed", created="2031-03-09"))

    assert store.count_reviews() == 4
    assert store.count_reviews(article_id=article.id) == 3
    assert store.count_reviews(verdict="confirmed") == 3
    assert [r.kind for r in store.reviews(kind="time")] == ["time"]
    newest_first = [r.kind for r in store.reviews()]
    assert newest_first == ["event", "place", "time", "entity"]
    assert [r.kind for r in store.reviews(limit=2, offset=1)] == ["place", "time"]
    assert len(store.reviews(limit=None)) == 4
    assert store.delete_review(other.id, "event", 0, 10)
    assert not store.delete_review(other.id, "event", 0, 10)
    assert store.count_reviews() == 3


def test_a_review_needs_a_known_kind_verdict_and_a_corrected_value() -> None:
    with pytest.raises(ValueError, match="kind"):
        Review("a", "mood", 0, 1, "confirmed")
    with pytest.raises(ValueError, match="verdict"):
        Review("a", "quote", 0, 1, "maybe")
    with pytest.raises(ValueError, match="corrected value"):
        Review("a", "quote", 0, 1, "corrected")
    with pytest.raises(ValueError, match="span"):
        Review("a", "quote", 5, 1, "confirmed")


def test_a_review_survives_re_enrichment_and_still_matches_the_fact(store: Store) -> None:
    saved = _quote_review(store)
    article_id = saved.article_id
    # `newsloom enrich` saves the article again with the facts it finds now: here one
    # quote fewer and a new time, so the facts really are replaced.
    again = make_enriched_article()
    again.quotes = again.quotes[:1]
    again.times = []
    assert store.save(again) == "updated"
    stored = store.get(article_id)
    assert stored is not None and len(stored.quotes) == 1 and stored.times == []
    review = store.review_of(article_id, "quote", saved.start, saved.end)
    assert review == saved
    # ... and it still names the stored quote by its span
    assert [(q.start, q.end) for q in stored.quotes] == [(review.start, review.end)]


def test_a_review_survives_re_ingest_of_the_same_input(store: Store) -> None:
    saved = _quote_review(store, verdict="confirmed")
    # the same input again: without enrichment (facts kept), then with it (facts replaced)
    assert store.save(make_article(body=FERRY_BODY)) == "unchanged"
    store.save(make_enriched_article())
    assert store.review_of(saved.article_id, "quote", saved.start, saved.end) == saved
    assert store.count_reviews() == 1


def test_a_review_follows_the_copy_that_takes_the_articles_place(store: Store) -> None:
    saved = _quote_review(store)
    # The same text from another input, published earlier: it becomes the article,
    # under its own id.
    earlier = make_enriched_article(
        url="https://wire.example/ferry", locator="wire-1", published=dt.date(2031, 3, 1)
    )
    store.save(earlier)
    assert earlier.id is not None and earlier.id != saved.article_id
    assert store.get(saved.article_id) is None
    moved = store.review_of(earlier.id, "quote", saved.start, saved.end)
    assert moved is not None and moved.verdict == "rejected"
    assert store.count_reviews() == 1
