"""Events in the SQLite store: saved with their article, listed with filters and evidence."""

from __future__ import annotations

import datetime as dt

from newsloom.record import Article, Event, EventActor, Place
from newsloom.store import Store
from newsloom.store.records import EventFilter
from tests.store.articles import make_article

RIOT = "Crowds rioted in Orvik on Monday after the vote."
RAID = "Police raided the offices of the Kestrel Union in Varna."


def _event(text: str, sentence: str, type: str, trigger: str, **extra: object) -> Event:
    start = text.index(sentence)
    trigger_start = text.index(trigger, start)
    return Event(
        type=type,
        trigger=trigger,
        trigger_span=(trigger_start, trigger_start + len(trigger)),
        start=start,
        end=start + len(sentence),
        **extra,  # type: ignore[arg-type]
    )


def _article(url: str, body: str, published: dt.date) -> Article:
    return make_article(body, url=url, locator=url, published=published)


def seed(store: Store) -> tuple[Article, Article]:
    first = _article("https://orvik.example/riot", f"Intro line.\n\n{RIOT}", dt.date(2031, 3, 4))
    text = first.text
    orvik = text.index("Orvik")
    first.places = [Place("gpe:orvik", "Orvik", 45.1, 12.5, "city", "Orvik", orvik, orvik + 5)]
    first.events = [
        _event(text, RIOT, "PROTEST", "rioted", date="2031-03-03", place_id="gpe:orvik"),
    ]
    second = _article("https://varna.example/raid", RAID, dt.date(2031, 3, 6))
    text = second.text
    union = text.index("Kestrel Union")
    second.events = [
        _event(
            text,
            RAID,
            "COERCE",
            "raided",
            date="2031-03-06",
            source=EventActor("Police", 0, 6),
            target=EventActor("Kestrel Union", union, union + 13, "org:kestrel-union"),
            fatalities=2,
        )
    ]
    store.save(first)
    store.save(second)
    return first, second


def test_events_round_trip_through_save_and_get(store: Store) -> None:
    _, second = seed(store)
    stored = store.get(second.id)
    assert stored is not None and stored.events == second.events


def test_list_newest_day_first_with_sentence_article_and_place(store: Store) -> None:
    first, _ = seed(store)
    records = store.events()
    assert [r.event.type for r in records] == ["COERCE", "PROTEST"]
    riot = records[1]
    assert riot.sentence == RIOT
    assert riot.article_id == first.id and riot.url == "https://orvik.example/riot"
    assert (riot.place_name, riot.latitude, riot.longitude) == ("Orvik", 45.1, 12.5)
    assert records[0].place_name is None and records[0].sentence == RAID
    assert records[0].to_dict()["source_name"] == "Velmora Gazette"


def test_filters(store: Store) -> None:
    seed(store)

    def types(**kwargs: object) -> list[str]:
        return [r.event.type for r in store.events(EventFilter(**kwargs))]  # type: ignore[arg-type]

    assert types(type="protest") == ["PROTEST"]
    assert types(since=dt.date(2031, 3, 5)) == ["COERCE"]
    assert types(until=dt.date(2031, 3, 5)) == ["PROTEST"]
    assert types(place="orvik") == ["PROTEST"]
    assert types(place="gpe:orvik") == ["PROTEST"]
    assert types(entity="org:kestrel-union") == ["COERCE"]
    assert types(entity="org:nobody") == []
    assert store.count_events(EventFilter(type="COERCE")) == 1


def test_limit_and_offset_page_through(store: Store) -> None:
    seed(store)
    assert [r.event.type for r in store.events(limit=1)] == ["COERCE"]
    assert [r.event.type for r in store.events(limit=1, offset=1)] == ["PROTEST"]
    assert store.events(limit=1, offset=2) == []


def test_day_counts_per_type(store: Store) -> None:
    seed(store)
    assert store.event_days() == [("2031-03-03", "PROTEST", 1), ("2031-03-06", "COERCE", 1)]
    assert store.event_days(EventFilter(type="COERCE")) == [("2031-03-06", "COERCE", 1)]


def test_resaving_replaces_events(store: Store) -> None:
    first, _ = seed(store)
    first.events = []
    first.enrichment = "done"  # a re-enrichment replaces the stored facts
    store.save(first)
    assert store.count_events() == 1


def test_min_confidence_leaves_out_less_certain_events_everywhere(store: Store) -> None:
    seed(store)
    text = "Officials in Orvik might ban rallies on Monday."
    unsure = _article("https://orvik.example/maybe", text, dt.date(2031, 3, 5))
    unsure.events = [
        _event(
            text, text, "SANCTION", "ban", date="2031-03-04", mode="hypothetical", confidence=0.3
        )
    ]
    store.save(unsure)
    sure = EventFilter(min_confidence=0.5)
    assert store.count_events() == 3
    assert store.count_events(sure) == 2
    assert "SANCTION" not in [r.event.type for r in store.events(sure)]
    assert store.count_events(EventFilter(min_confidence=0.3)) == 3  # the floor is inclusive
    assert ("2031-03-04", "SANCTION", 1) in store.event_days()
    assert ("2031-03-04", "SANCTION", 1) not in store.event_days(sure)
    assert store.count_events(EventFilter(min_confidence=1.0)) == 2  # 1.0 is the default
