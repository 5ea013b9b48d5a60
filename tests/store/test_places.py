"""Corpus-wide place queries: counts per place, filters, the articles naming a place."""

from __future__ import annotations

import datetime as dt

from newsloom.record import Place
from newsloom.store import Store
from newsloom.store.records import PlaceFilter
from tests.store.articles import make_article


def place(entity_id: str, name: str, text: str, body: str, **kw: object) -> Place:
    start = body.index(text)
    return Place(
        entity_id=entity_id,
        name=name,
        latitude=float(kw.get("lat", 10.0)),  # type: ignore[arg-type]
        longitude=float(kw.get("lon", 20.0)),  # type: ignore[arg-type]
        kind=str(kw.get("kind", "city")),
        text=text,
        start=start,
        end=start + len(text),
        country=kw.get("country", "FR"),  # type: ignore[arg-type]
        confidence=0.7,
    )


def save(store: Store, n: int, body: str, places: list[Place], day: int) -> None:
    article = make_article(
        body,
        locator=f"e{n}",
        url=f"https://velmora-gazette.example/{n}",
        published=dt.date(2031, 3, day),
    )
    article.places = places
    store.save(article)


def fill(store: Store) -> None:
    a = "Dockers in Paris and Lyon walked out."
    save(
        store,
        1,
        a,
        [place("gpe:paris", "Paris", "Paris", a), place("gpe:lyon", "Lyon", "Lyon", a)],
        1,
    )
    b = "Paris cafes reopened; Ukraine sent envoys."
    save(
        store,
        2,
        b,
        [
            place("gpe:paris", "Paris", "Paris", b),
            place("gpe:ua", "Ukraine", "Ukraine", b, kind="country", country="UA"),
        ],
        5,
    )


def test_places_are_counted_by_article_most_first(store: Store) -> None:
    fill(store)
    found = store.places()
    assert [(p.entity_id, p.articles) for p in found] == [
        ("gpe:paris", 2),
        ("gpe:lyon", 1),
        ("gpe:ua", 1),
    ]
    assert store.count_places() == 3


def test_filters_by_country_kind_prefix_and_day(store: Store) -> None:
    fill(store)
    assert [p.entity_id for p in store.places(PlaceFilter(country="ua"))] == ["gpe:ua"]
    assert [p.entity_id for p in store.places(PlaceFilter(kind="country"))] == ["gpe:ua"]
    assert [p.entity_id for p in store.places(PlaceFilter(prefix="ly"))] == ["gpe:lyon"]
    assert store.places(PlaceFilter(prefix="%")) == []  # LIKE wildcards are literal
    late = store.places(PlaceFilter(since=dt.date(2031, 3, 3)))
    assert {(p.entity_id, p.articles) for p in late} == {("gpe:paris", 1), ("gpe:ua", 1)}
    assert store.count_places(PlaceFilter(until=dt.date(2031, 3, 2))) == 2


def test_pagination_does_not_repeat_places(store: Store) -> None:
    fill(store)
    first, second = store.places(limit=2), store.places(limit=2, offset=2)
    assert len(first) == 2 and len(second) == 1
    assert not {p.entity_id for p in first} & {p.entity_id for p in second}


def test_place_detail_lists_articles_newest_first_with_evidence(store: Store) -> None:
    fill(store)
    detail = store.place("gpe:paris")
    assert detail is not None
    assert detail.place.articles == 2
    assert [m.url for m in detail.mentions] == [
        "https://velmora-gazette.example/2",
        "https://velmora-gazette.example/1",
    ]
    newest = detail.mentions[0]
    assert (newest.text, newest.start, newest.end) == ("Paris", 0, 5)
    assert store.place("gpe:nowhere") is None
