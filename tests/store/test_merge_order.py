"""The same inputs in any order give the same store: every article, field, fact, copy,
provenance and story.

Several inputs carry one text (syndicated copies under other URLs, headlines and dates).
They become one article whose fields and facts are those of one representative copy, the
earliest published (undated last), ties broken by the smallest article id, then by the
rest of the record; the others stay as its provenance. Facts here are made the way
enrichment makes them: "today" resolves to each copy's own publication day, so facts from
one copy beside the date of another would show.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from newsloom.record import Article, Entity, Mention, TimeExpression
from newsloom.store import Store, open_store
from tests.store.articles import make_article
from tests.store.databases import BACKEND_NAMES, Locations

FERRY = (
    "The ferry to Orlan Isle returned to service today after the winter repairs,"
    " the harbour office of Velmora said in a short statement on the quay."
    "\n\n"
    "Captain Mirela Tovin said the first crossing took forty minutes in calm water"
    " and that the repaired engines had run without a fault the whole way."
    "\n\n"
    "The next sailing leaves the Velmora quay at noon and the timetable returns to"
    " four crossings a day from Monday, the operator said."
)
# The same text as far as merging goes: case and spacing differ, nothing else.
FERRY_SHOUTED = FERRY.replace("The ferry to Orlan Isle", "THE FERRY  to Orlan Isle")
# A syndicated copy with an editor's note: a different text, so its own article, but a
# copy of the ferry story.
FERRY_NOTED = FERRY + "\n\nEditor's note: this story was updated with the captain's comments."
MARKET = (
    "The spring market of Kelmarsh opened today with sixty stalls along the canal,"
    " the town's trade office said, more than in any year since it began."
    "\n\n"
    "Stallholder Brin Ashcombe said the dyed wool sold out before noon and that more"
    " would come from the workshops behind the square by the end of the week."
)
BRIDGE = (
    "Engineers closed the old stone bridge at Harrowmere today after divers found a"
    " crack in its second pier, the county roads office said on Friday evening."
    "\n\n"
    "Drivers were sent by the ring road, which added twenty minutes to the morning"
    " run into town, and the office said repairs would take at least a month."
)


def _copy(
    body: str,
    url: str | None,
    published: dt.date | None,
    title: str,
    name: str,
) -> Article:
    article = make_article(
        body, url=url, published=published, title=title, input=f"in/{name}", locator=""
    )
    text = article.text
    start = text.find("today")
    if published is not None and start >= 0:
        article.times = [
            TimeExpression("today", published.isoformat(), "DATE", start, start + len("today"))
        ]
    people = [
        ("person:mirela-tovin", "Mirela Tovin"),
        ("person:brin-ashcombe", "Brin Ashcombe"),
    ]
    article.entities = [
        Entity(
            key,
            name_,
            "PERSON",
            mentions=[Mention(name_, text.index(name_), text.index(name_) + len(name_))],
        )
        for key, name_ in people
        if name_ in text
    ]
    article.enrichment = "done"
    return article


def _inputs() -> list[Article]:
    day = dt.date(2031, 5, 6)
    later, latest, earlier = (day + dt.timedelta(days=n) for n in (1, 2, -1))
    return [
        _copy(FERRY, "https://a.example/ferry", later, "Ferry back to Orlan Isle", "a.html"),
        _copy(FERRY, "https://b.example/orlan", day, "Orlan Isle ferry returns", "b.html"),
        _copy(FERRY, "https://c.example/x", day, "ORLAN FERRY RETURNS", "c.html"),
        _copy(FERRY_SHOUTED, "https://d.example/isle", None, "Isle ferry", "d.html"),
        # The same URL as a.html (one article id), another headline, the same day.
        _copy(FERRY, "https://a.example/ferry", later, "Ferry back (new headline)", "e.html"),
        _copy(MARKET, None, later, "Kelmarsh market opens", "f.txt"),
        _copy(MARKET, None, latest, "Market opens in Kelmarsh", "g.txt"),
        _copy(MARKET, "https://h.example/market", latest, "Kelmarsh spring market", "h.html"),
        _copy(FERRY_NOTED, "https://i.example/ferry", earlier, "Orlan ferry (noted)", "i.html"),
        _copy(BRIDGE, "https://j.example/bridge", day, "Harrowmere bridge shut", "j.html"),
    ]


def _orders() -> list[list[int]]:
    count = len(_inputs())
    orders = [list(range(count)), list(reversed(range(count)))]
    for seed in (1, 2, 3):
        order = list(range(count))
        random.Random(seed).shuffle(order)
        orders.append(order)
    return orders


def snapshot(store: Store) -> dict[str, Any]:
    """Everything a reader can ask the store about these articles, as plain data."""
    articles = {}
    for article in store.iter_articles():
        record = article.to_dict()
        record["provenance"] = sorted(record["provenance"], key=lambda p: p["input"])
        articles[article.id] = record
    stories = store.stories(limit=100, shared_only=False).items
    return {
        "articles": articles,
        "story_of": {
            article_id: story.to_dict()
            for article_id in sorted(articles)
            if (story := store.story_of(article_id)) is not None
        },
        "stories": [story.to_dict() for story in stories],
        "story_details": [
            detail.to_dict() for story in stories if (detail := store.story(story.id)) is not None
        ],
        "entities": [entity.to_dict() for entity in store.entities(limit=100)],
    }


def _ingest(store: Store, order: list[int]) -> None:
    inputs = _inputs()
    for position in order:
        store.save(inputs[position])


@pytest.fixture(scope="module", params=BACKEND_NAMES)
def snapshots(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> list[dict[str, Any]]:
    found = []
    with closing(Locations(str(request.param), tmp_path_factory.mktemp("order"))) as locations:
        for order in _orders():
            with open_store(locations.new()) as store:
                _ingest(store, order)
                found.append(snapshot(store))
    return found


def test_every_order_gives_the_same_records(snapshots: list[dict[str, Any]]) -> None:
    first = snapshots[0]
    assert len(first["articles"]) == 4
    for other in snapshots[1:]:
        assert other == first


def test_the_representative_is_the_earliest_copy_then_the_smallest_id(
    snapshots: list[dict[str, Any]],
) -> None:
    articles = snapshots[0]["articles"].values()
    ferry = next(a for a in articles if a["text"] == FERRY)
    candidates = {
        Article(url=url).assign_id(): url
        for url in ("https://b.example/orlan", "https://c.example/x")
    }
    assert ferry["published"] == "2031-05-06"
    assert ferry["id"] == min(candidates) and ferry["url"] == candidates[ferry["id"]]
    assert {p["input"] for p in ferry["provenance"]} == {
        f"in/{name}" for name in ("a.html", "b.html", "c.html", "d.html", "e.html")
    }
    market = next(a for a in articles if a["title"] and "Kelmarsh" in a["title"])
    assert (market["published"], market["url"], market["title"]) == (
        "2031-05-07",
        None,
        "Kelmarsh market opens",
    )


def test_facts_belong_to_the_copy_whose_date_the_article_shows(
    snapshots: list[dict[str, Any]],
) -> None:
    for article in snapshots[0]["articles"].values():
        assert [t["value"] for t in article["times"]] == (
            [article["published"]] if article["published"] else []
        )


def test_the_noted_copy_is_folded_onto_the_earliest_of_the_story(
    snapshots: list[dict[str, Any]],
) -> None:
    articles = snapshots[0]["articles"]
    noted = next(a for a in articles.values() if a["text"] == FERRY_NOTED)
    ferry = next(a for a in articles.values() if a["text"] == FERRY)
    story = snapshots[0]["story_of"][ferry["id"]]
    assert story["story"]["id"] == noted["id"]
    assert story["copy_of"]["id"] == noted["id"]


def test_a_store_from_before_keeps_its_first_input_as_the_representative(tmp_path: Path) -> None:
    """Migration 11: an article stored before shows its first input, as it did; a copy of
    it that comes later and ranks before it takes over then."""
    path = tmp_path / "old.db"
    first = _copy(FERRY, "https://a.example/ferry", dt.date(2031, 5, 7), "Ferry back", "a.html")
    with open_store(path) as store:
        store.save(first)
        store.save(_copy(FERRY, None, dt.date(2031, 5, 8), "Ferry, later", "b.html"))
    # Rewind it to version 10, which had no representative column to fill.
    connection = sqlite3.connect(path)
    connection.execute("UPDATE articles SET representative = ''")
    connection.execute("PRAGMA user_version = 10")
    connection.commit()
    connection.close()
    with open_store(path) as upgraded:
        earlier = _copy(FERRY, "https://z.example/f", dt.date(2031, 5, 5), "Early", "z.html")
        assert upgraded.save(earlier) == "merged"
        (article,) = upgraded.iter_articles()
    assert (article.title, article.id) == ("Early", earlier.id)
    assert [t.value for t in article.times] == ["2031-05-05"]
    assert [p.input for p in article.provenance] == ["in/a.html", "in/b.html", "in/z.html"]


def test_the_upgrade_names_the_first_input_of_each_article(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with open_store(path) as store:
        store.save(_copy(FERRY, "https://a.example/f", dt.date(2031, 5, 7), "Ferry", "a.html"))
        store.save(_copy(FERRY, None, dt.date(2031, 5, 8), "Ferry, later", "b.html"))
    connection = sqlite3.connect(path)
    connection.execute("UPDATE articles SET representative = ''")
    connection.execute("PRAGMA user_version = 10")
    connection.commit()
    connection.close()
    open_store(path).close()
    connection = sqlite3.connect(path)
    assert connection.execute("SELECT representative FROM articles").fetchall() == [("in/a.html",)]
    connection.close()
