"""Filters shared by listing and search (entity, place, event type) and search facets."""

from __future__ import annotations

import datetime as dt

import pytest

from newsloom.record import Entity, Event, Mention, Place
from newsloom.store import Store
from newsloom.store.records import ArticleFilter, SearchHit
from tests.store.articles import make_article

ORVIK = "Strikers marched through Orvik as the dock strike entered its third week."
KELDA = "Strikers in Kelda blocked the port road; the dock strike spread along the coast."
QUIET = "The dock museum in Orvik opened a new hall about strike history."


def _place(article_text: str, name: str, entity_id: str, lat: float, lon: float) -> Place:
    start = article_text.index(name)
    return Place(entity_id, name, lat, lon, "city", name, start, start + len(name), "NO")


@pytest.fixture
def docks(store: Store) -> Store:
    orvik = make_article(ORVIK, title="March in Orvik", url="https://a.example/1", input="1")
    start = ORVIK.index("Orvik")
    orvik.entities = [
        Entity("gpe:orvik", "Orvik", "GPE", [Mention("Orvik", start, start + 5)]),
    ]
    orvik.places = [_place(ORVIK, "Orvik", "gpe:orvik", 60.1, 5.2)]
    trigger = ORVIK.index("marched")
    orvik.events = [Event("PROTEST", "marched", (trigger, trigger + 7), 0, len(ORVIK))]
    orvik.enrichment = "done"
    kelda = make_article(
        KELDA,
        title="Road blocked in Kelda",
        url="https://b.example/2",
        input="2",
        source="Kelda Post",
        published=dt.date(2031, 3, 9),
    )
    kelda.places = [_place(KELDA, "Kelda", "gpe:kelda", 61.0, 6.0)]
    kelda.enrichment = "done"
    quiet = make_article(QUIET, title="Museum hall", url="https://a.example/3", input="3")
    quiet.places = [_place(QUIET, "Orvik", "gpe:orvik", 60.1, 5.2)]
    quiet.enrichment = "done"
    for article in (orvik, kelda, quiet):
        store.save(article)
    return store


def _titles(hits: list[SearchHit]) -> set[str | None]:
    return {hit.title for hit in hits}


def test_place_and_event_type_filters_narrow_search_and_listing(docks: Store) -> None:
    assert _titles(docks.search("dock")) == {
        "March in Orvik",
        "Road blocked in Kelda",
        "Museum hall",
    }
    in_orvik = docks.search("dock", filters=ArticleFilter(place="gpe:orvik"))
    assert _titles(in_orvik) == {"March in Orvik", "Museum hall"}
    protests = docks.search("dock", filters=ArticleFilter(event_type="protest"))
    assert _titles(protests) == {"March in Orvik"}
    listed = docks.list_articles(filters=ArticleFilter(place="Orvik"))
    assert {a.title for a in listed.items} == {"March in Orvik", "Museum hall"}
    assert docks.list_articles(filters=ArticleFilter(place="Nowhere")).items == []


def test_search_offset_pages_through_the_ranking(docks: Store) -> None:
    everything = docks.search("dock", limit=10)
    pages = [docks.search("dock", limit=1, offset=i) for i in range(len(everything) + 1)]
    assert [page[0].id for page in pages if page] == [hit.id for hit in everything]
    assert pages[-1] == []


def test_facets_count_sources_months_places_and_event_types(docks: Store) -> None:
    facets = docks.search_facets("dock")
    assert facets.scanned == 3
    assert dict(facets.sources) == {"Velmora Gazette": 2, "Kelda Post": 1}
    assert dict(facets.months) == {"2031-03": 3}
    assert (facets.first_day, facets.last_day) == ("2031-03-04", "2031-03-09")
    assert dict(facets.event_types) == {"PROTEST": 1}
    assert facets.places == [("gpe:orvik", "Orvik", 2), ("gpe:kelda", "Kelda", 1)]
    assert facets.entities == []  # Orvik is a place, counted there
    assert docks.search_facets("zzzunknown").scanned == 0
    assert docks.search_facets("").scanned == 3


def test_highlights_point_at_the_matched_words_even_next_to_brackets(store: Store) -> None:
    store.save(make_article("The [dock] notice and the dock rota were posted.", input="x"))
    (hit,) = store.search("dock")
    marked = [hit.snippet[start:end] for start, end in hit.highlights]
    assert marked == ["dock", "dock"]
    assert "[dock]" in hit.snippet


def test_articles_per_day_counts_the_latest_days_oldest_first(store: Store) -> None:
    days = [dt.date(2031, 3, d) for d in (1, 1, 2, 5, 5, 5)]
    for n, day in enumerate(days):
        store.save(
            make_article(
                f"Ferry log entry {n}.", url=f"https://a.example/{n}", input=str(n), published=day
            )
        )
    store.save(make_article("Undated.", url="https://a.example/u", input="u", published=None))
    assert store.articles_per_day() == [("2031-03-01", 2), ("2031-03-02", 1), ("2031-03-05", 3)]
    assert store.articles_per_day(days=2) == [("2031-03-02", 1), ("2031-03-05", 3)]
