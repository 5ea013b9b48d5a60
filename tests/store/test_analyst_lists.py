"""The analyst's lists (`newsloom.store.sql.analyst`) give the same answers on both
backends: names resolve, quotes filter and count, an entity's articles page."""

from __future__ import annotations

import datetime as dt

from newsloom.store import Store
from newsloom.store.records import ArticleFilter
from newsloom.store.sql.analyst import QuoteFilter
from newsloom.store.sql.store import SqlStore
from tests.store.articles import make_enriched_article


def _filled(store: Store) -> SqlStore:
    assert isinstance(store, SqlStore)
    store.save(make_enriched_article())
    second = make_enriched_article(
        "Crowds in Marlowe Sound cheered as Tilda Quenby cut the ribbon.",
        locator="entry-2",
        url="https://velmora-gazette.example/ribbon",
    )
    second.published = dt.date(2031, 3, 9)
    store.save(second)
    return store


def test_a_surname_resolves_to_the_person_first(store: Store) -> None:
    filled = _filled(store)
    assert [e.id for e in filled.resolve_entities("quenby")][:1] == ["person:tilda-quenby"]
    assert [e.id for e in filled.resolve_entities("person:oskar-veil")] == ["person:oskar-veil"]
    assert filled.resolve_entities("%") == []
    assert filled.count_entities("PERSON") == 2


def test_quotes_filter_by_speaker_words_and_kind_with_a_count(store: Store) -> None:
    filled = _filled(store)
    by_quenby = QuoteFilter(speaker="Quenby")
    assert [hit.record.quote.speaker for hit in filled.find_quotes(by_quenby)] == ["Quenby"]
    assert filled.count_quotes(QuoteFilter(words="FERRY")) == 1
    assert filled.count_quotes(QuoteFilter(words="100%")) == 0
    assert filled.count_quotes(QuoteFilter(kind="direct")) == 2
    assert filled.count_quotes(QuoteFilter(about="person:tilda-quenby")) == 1


def test_an_entitys_articles_page_newest_first(store: Store) -> None:
    filled = _filled(store)
    quenby = "person:tilda-quenby"
    assert filled.count_entity_articles(quenby) == 2
    first, second = (
        filled.entity_articles(quenby, limit=1),
        filled.entity_articles(quenby, limit=1, offset=1),
    )
    assert [a.url for a in first + second] == [
        "https://velmora-gazette.example/ribbon",
        "https://velmora-gazette.example/ferry",
    ]
    assert filled.count_matching_articles(ArticleFilter(entity="Quenby")) == 2
