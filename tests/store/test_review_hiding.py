"""Rejected facts are hidden (issue 11, item 5) on both backends: from the quote, event,
place and entity lists and their counts unless rejected ones are asked for, and from the
article (`ArticleReviews.visible`); an event is named by its trigger, so rejecting one
event leaves the others of its sentence."""

from __future__ import annotations

from newsloom.record import Article, Event
from newsloom.store import Store
from newsloom.store.records import EventFilter, PlaceFilter
from newsloom.store.sql.analyst import QuoteFilter
from newsloom.store.sql.reviews import ArticleReviews, Review, fact_span, hides
from tests.store.articles import make_enriched_article, span

ALL_QUOTES = QuoteFilter(include_rejected=True)


def _saved(store: Store) -> Article:
    """The ferry article with two events coded from its first sentence."""
    article = make_enriched_article()
    text = article.text
    sentence = (0, text.index(".") + 1)
    article.events = [
        Event("DEMAND", "said", span(text, "said"), *sentence, date="2031-03-04"),
        Event("COOPERATE", "reopen", span(text, "reopen"), *sentence, date="2031-03-04"),
    ]
    store.save(article)
    assert article.id
    return article


def _reject(store: Store, article: Article, kind: str, fact: object) -> Review:
    return store.save_review(Review(article.id, kind, *fact_span(kind, fact), "rejected"))


def test_a_rejected_quote_leaves_the_quote_list_and_its_count(store: Store) -> None:
    article = _saved(store)
    assert store.count_quotes() == 2
    _reject(store, article, "quote", article.quotes[0])
    kept = [hit.record.quote.text for hit in store.find_quotes()]
    assert kept == [article.quotes[1].text] and store.count_quotes() == 1
    assert store.count_quotes(ALL_QUOTES) == 2
    assert len(store.find_quotes(ALL_QUOTES)) == 2
    # a confirmed or corrected quote stays
    store.save_review(
        Review(article.id, "quote", *fact_span("quote", article.quotes[1]), "corrected", "x")
    )
    assert store.count_quotes() == 1


def test_rejecting_one_event_of_a_sentence_keeps_the_other(store: Store) -> None:
    article = _saved(store)
    demand, cooperate = article.events
    assert (demand.start, demand.end) == (cooperate.start, cooperate.end)
    _reject(store, article, "event", demand)
    assert [r.event.type for r in store.events()] == ["COOPERATE"]
    assert store.count_events() == 1
    assert store.event_days() == [("2031-03-04", "COOPERATE", 1)]
    everything = EventFilter(include_rejected=True)
    assert sorted(r.event.type for r in store.events(everything)) == ["COOPERATE", "DEMAND"]
    assert store.count_events(everything) == 2


def test_a_rejected_place_mention_no_longer_counts(store: Store) -> None:
    article = _saved(store)
    assert [p.articles for p in store.places()] == [1]
    _reject(store, article, "place", article.places[0])
    assert store.places() == [] and store.count_places() == 0
    assert store.count_places(PlaceFilter(include_rejected=True)) == 1


def test_an_entity_leaves_the_list_when_every_mention_is_rejected(store: Store) -> None:
    article = _saved(store)
    quenby = next(e for e in article.entities if e.name == "Tilda Quenby")
    assert len(quenby.mentions) == 3
    before = store.count_entities()
    for mention in quenby.mentions[:2]:
        _reject(store, article, "entity", mention)
    assert store.count_entities() == before  # one mention is left
    _reject(store, article, "entity", quenby.mentions[2])
    assert store.count_entities() == before - 1
    assert quenby.id not in {e.id for e in store.entities(limit=50)}
    assert quenby.id in {e.id for e in store.entities(limit=50, include_rejected=True)}
    assert store.count_entities("PERSON", include_rejected=True) == 2
    assert store.count_entities("PERSON") == 1


def test_the_article_without_its_rejected_facts(store: Store) -> None:
    article = _saved(store)
    veil = next(e for e in article.entities if e.name == "Oskar Veil")
    quenby = next(e for e in article.entities if e.name == "Tilda Quenby")
    _reject(store, article, "entity", veil.mentions[0])  # Veil's only mention
    _reject(store, article, "entity", quenby.mentions[1])
    _reject(store, article, "role", quenby.roles[0])
    _reject(store, article, "time", article.times[0])
    _reject(store, article, "event", article.events[1])
    store.save_review(
        Review(article.id, "quote", *fact_span("quote", article.quotes[0]), "confirmed")
    )
    found = store.reviews_for([article.id, "no-such-article"])
    assert len(found) == 6 and len(store.reviews_for([article.id], "entity")) == 2
    reviews = ArticleReviews(found)
    assert sum(hides(review) for review in reviews.reviews) == 5
    stored = store.get(article.id)
    assert stored is not None
    shown = reviews.visible(stored)
    assert [e.name for e in shown.entities] == ["Tilda Quenby", "Marlowe Sound"]
    kept = shown.entities[0]
    assert [m.start for m in kept.mentions] == [quenby.mentions[0].start, quenby.mentions[2].start]
    assert kept.roles == []
    assert shown.times == [] and [e.type for e in shown.events] == ["DEMAND"]
    assert len(shown.quotes) == 2 and shown.text == stored.text
    # the stored article is left whole
    assert len(stored.entities) == 3 and len(stored.times) == 1
    assert reviews.hidden("entity", veil) and not reviews.hidden("entity", quenby)
    assert [r.verdict for r in reviews.of_entity(quenby)] == ["rejected"]
