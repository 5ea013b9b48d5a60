"""Invented articles with coded events, saved through the real store (no tests here).

Shared by the events page, API and browser tests: three ordinary articles (a protest
in Orvik, a raid in Varna, an attack near Kandor) and one hostile article whose event
texts carry markup and spreadsheet formulas.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from newsloom.record import Article, Event, EventActor, Place
from newsloom.store import open_store
from tests.store.articles import make_article

SCRIPT = "<script>alert(1)</script>"
PROTEST = "Crowds rallied against the port tax in Orvik on Monday."
RAID = "Police raided the offices of the Kestrel Union in Varna."
ATTACK = "Militants killed 12 soldiers in an attack near Kandor."
HOSTILE = f"=HYPERLINK(1) {SCRIPT} protested in Orvik."

PLACES = {
    "Orvik": ("gpe:orvik", 45.1, 12.5),
    "Varna": ("gpe:varna", 43.2, 27.9),
    "Kandor": ("gpe:kandor", 34.5, 69.2),
}


def _article(n: int, sentence: str, place: str, published: dt.date) -> Article:
    article = make_article(
        f"Lead paragraph number {n}.\n\n{sentence}",
        url=f"https://events.example/{n}",
        locator=f"events-{n}",
        title=f"Event story {n}",
        published=published,
    )
    text = article.text
    entity_id, lat, lon = PLACES[place]
    at = text.index(place)
    article.places = [Place(entity_id, place, lat, lon, "city", place, at, at + len(place))]
    return article


def _event(article: Article, sentence: str, type: str, trigger: str, **extra: object) -> Event:
    text = article.text
    start = text.index(sentence)
    at = text.index(trigger, start)
    return Event(
        type=type,
        trigger=trigger,
        trigger_span=(at, at + len(trigger)),
        start=start,
        end=start + len(sentence),
        place_id=article.places[0].entity_id,
        **extra,  # type: ignore[arg-type]
    )


def _actor(article: Article, words: str, entity_id: str | None = None) -> EventActor:
    at = article.text.index(words)
    return EventActor(words, at, at + len(words), entity_id)


def event_articles() -> list[Article]:
    protest = _article(1, PROTEST, "Orvik", dt.date(2031, 3, 2))
    protest.events = [
        _event(
            protest,
            PROTEST,
            "PROTEST",
            "rallied",
            date="2031-03-01",
            source=_actor(protest, "Crowds"),
            confidence=0.9,
        )
    ]
    raid = _article(2, RAID, "Varna", dt.date(2031, 3, 3))
    raid.events = [
        _event(
            raid,
            RAID,
            "COERCE",
            "raided",
            date="2031-03-03",
            source=_actor(raid, "Police"),
            target=_actor(raid, "Kestrel Union", "org:kestrel-union"),
            confidence=0.8,
        )
    ]
    attack = _article(3, ATTACK, "Kandor", dt.date(2031, 3, 4))
    attack.events = [
        _event(
            attack,
            ATTACK,
            "ASSAULT",
            "killed",
            date="2031-03-04",
            source=_actor(attack, "Militants"),
            target=_actor(attack, "12 soldiers"),
            fatalities=12,
            confidence=0.85,
        )
    ]
    hostile = _article(4, HOSTILE, "Orvik", dt.date(2031, 3, 5))
    hostile.events = [
        _event(
            hostile,
            HOSTILE,
            "PROTEST",
            "protested",
            date="2031-03-05",
            source=_actor(hostile, f"=HYPERLINK(1) {SCRIPT}"),
            confidence=0.5,
        )
    ]
    return [protest, raid, attack, hostile]


def build_events_store(path: Path) -> list[Article]:
    with open_store(path) as store:
        articles = event_articles()
        for article in articles:
            store.save(article)
    return articles
