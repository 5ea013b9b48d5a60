from __future__ import annotations

import datetime as dt

import pytest

from newsloom.store import Store
from tests.store.articles import make_article

UTC = dt.UTC
PLUS_FIVE = dt.timezone(dt.timedelta(hours=5))


def _save_dated(store: Store, dates: list[dt.date | dt.datetime | None], **fields: str) -> None:
    for number, published in enumerate(dates):
        store.save(
            make_article(
                f"Dispatch {fields.get('prefix', '')}{number} from the Ostervale valley.",
                url=f"https://ostervale.example/{fields.get('prefix', '')}{number}",
                input=f"{fields.get('prefix', '')}{number}",
                published=published,
                source=fields.get("source", "Ostervale Post"),
                language=fields.get("language", "en"),
            )
        )


def _walk(store: Store, limit: int, **filters: object) -> list[str]:
    ids: list[str] = []
    cursor: str | None = None
    pages = 0
    while True:
        page = store.list_articles(limit=limit, cursor=cursor, **filters)  # type: ignore[arg-type]
        ids.extend(item.id for item in page.items)
        pages += 1
        assert pages < 100
        if page.next_cursor is None:
            return ids
        cursor = page.next_cursor


def test_newest_first_with_undated_last(store: Store) -> None:
    _save_dated(store, [dt.date(2031, 1, 2), None, dt.date(2031, 5, 1), dt.date(2030, 12, 31)])
    page = store.list_articles(limit=10)
    published = [item.published for item in page.items]
    assert published == [dt.date(2031, 5, 1), dt.date(2031, 1, 2), dt.date(2030, 12, 31), None]
    assert page.next_cursor is None


def test_aware_datetimes_are_ordered_in_utc(store: Store) -> None:
    early_utc = dt.datetime(2031, 1, 1, 8, 0, tzinfo=PLUS_FIVE)  # 03:00 UTC
    later_utc = dt.datetime(2031, 1, 1, 4, 0, tzinfo=UTC)
    _save_dated(store, [early_utc, later_utc])
    assert [item.published for item in store.list_articles().items] == [later_utc, early_utc]


@pytest.mark.parametrize("limit", [1, 2, 3, 7, 50])
def test_cursor_pages_cover_everything_once(store: Store, limit: int) -> None:
    same_day = dt.date(2031, 2, 2)
    dates: list[dt.date | dt.datetime | None] = [*[same_day] * 5, dt.date(2031, 2, 1), None, None]
    _save_dated(store, dates)
    walked = _walk(store, limit)
    assert len(walked) == len(set(walked)) == 8
    assert walked == [item.id for item in store.list_articles(limit=100).items]


def test_cursor_is_stable_when_new_articles_arrive(store: Store) -> None:
    _save_dated(store, [dt.date(2031, 3, day) for day in range(1, 7)])
    first = store.list_articles(limit=3)
    _save_dated(store, [dt.date(2031, 4, 1)], prefix="new-")
    second = store.list_articles(limit=3, cursor=first.next_cursor)
    assert [item.published for item in second.items] == [
        dt.date(2031, 3, 3),
        dt.date(2031, 3, 2),
        dt.date(2031, 3, 1),
    ]


def test_invalid_cursor_raises_value_error(store: Store) -> None:
    with pytest.raises(ValueError):
        store.list_articles(cursor="not-a-cursor!")


def test_filters_by_source_language_and_dates(store: Store) -> None:
    _save_dated(store, [dt.date(2031, 6, 1), dt.date(2031, 6, 10)], prefix="p")
    _save_dated(store, [dt.date(2031, 6, 5)], prefix="q", source="Hollin Wire", language="de")
    assert {i.source for i in store.list_articles(source="Hollin Wire").items} == {"Hollin Wire"}
    assert [i.language for i in store.list_articles(language="de").items] == ["de"]
    window = store.list_articles(since=dt.date(2031, 6, 2), until=dt.date(2031, 6, 10))
    assert [i.published for i in window.items] == [dt.date(2031, 6, 10), dt.date(2031, 6, 5)]
    combined = store.list_articles(source="Ostervale Post", until=dt.date(2031, 6, 9))
    assert [i.published for i in combined.items] == [dt.date(2031, 6, 1)]


def test_until_includes_the_whole_day(store: Store) -> None:
    _save_dated(store, [dt.datetime(2031, 7, 1, 23, 30, tzinfo=PLUS_FIVE)])
    assert len(store.list_articles(until=dt.date(2031, 7, 1)).items) == 1
    assert len(store.list_articles(since=dt.date(2031, 7, 2)).items) == 0


def test_filtered_pagination_has_no_gaps(store: Store) -> None:
    _save_dated(store, [dt.date(2031, 8, d) for d in range(1, 10)], prefix="p")
    _save_dated(store, [dt.date(2031, 8, d) for d in range(1, 10)], prefix="q", language="fr")
    walked = _walk(store, 2, language="fr")
    assert len(walked) == len(set(walked)) == 9


def test_summary_fields(store: Store) -> None:
    store.save(make_article())
    (item,) = store.list_articles().items
    assert item.to_dict() == {
        "id": item.id,
        "title": "Velmora council approves ferry timetable",
        "url": "https://velmora-gazette.example/ferry",
        "published": "2031-03-04",
        "source": "Velmora Gazette",
        "site": "velmora-gazette.example",
        "language": "en",
    }
