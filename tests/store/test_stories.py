"""Stories in the store: copies folded onto the original, same-event grouping,
order independence, idempotent re-saves and merged stories."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

from newsloom.record import Article, Provenance
from newsloom.store import Store, open_store
from tests.store.databases import Locations
from tests.store.stories_fixtures import (
    copy_cut_and_edited,
    copy_with_boilerplate,
    entity,
    follow_up,
    unrelated_same_words,
    wire_original,
    wire_with_entities,
)


def _save_all(store: Store, articles: list[Article]) -> list[str]:
    for article in articles:
        store.save(article)
    return [a.id for a in articles]


def _grouping(store: Store, ids: list[str]) -> dict[str, tuple[str, str | None]]:
    """Each article's (story id, copy_of)."""
    found = {}
    for article_id in ids:
        placed = store.story_of(article_id)
        assert placed is not None
        found[article_id] = (
            placed.story.id,
            placed.copy_of.id if placed.copy_of else None,
        )
    return found


def test_syndicated_copies_fold_onto_the_wire_original(store: Store) -> None:
    # Saved out of order: the original is the earliest published, so the others copy it.
    cut, original, boiler = _save_all(
        store, [copy_cut_and_edited(), wire_original(), copy_with_boilerplate()]
    )
    grouping = _grouping(store, [original, boiler, cut])
    assert grouping == {
        original: (original, None),
        boiler: (original, original),
        cut: (original, original),
    }
    placed = store.story_of(original)
    assert placed is not None
    assert placed.story.article_count == 3
    assert placed.story.source_count == 3
    assert placed.story.title == wire_original().title
    assert {a.id for a in placed.copies} == {boiler, cut}
    assert placed.others == []
    copy = store.story_of(cut)
    assert copy is not None and copy.copy_of is not None
    assert copy.copy_of.id == original
    assert [a.id for a in copy.copies] == [boiler]
    assert copy.copy_of.similarity >= 0.8


def test_an_article_with_the_same_words_is_not_a_copy(store: Store) -> None:
    ids = _save_all(store, [wire_original(), unrelated_same_words(), copy_with_boilerplate()])
    grouping = _grouping(store, ids)
    assert grouping[ids[1]] == (ids[1], None)
    assert grouping[ids[0]][0] != grouping[ids[1]][0]
    page = store.stories()
    assert [s.id for s in page.items] == [ids[0]]  # one-article stories are not listed
    assert len(store.stories(shared_only=False).items) == 2


def test_grouping_does_not_depend_on_the_order_of_saving(locations: Locations) -> None:
    makers = [wire_original, copy_with_boilerplate, copy_cut_and_edited, unrelated_same_words]
    results = []
    for n, order in enumerate(itertools.permutations(makers)):
        if n % 5:  # 5 of the 24 orders keep the test quick
            continue
        with open_store(locations.new(f"order{n}")) as store:
            ids = _save_all(store, [make() for make in order])
            results.append(_grouping(store, sorted(ids)))
    assert len(results) == 5
    assert all(result == results[0] for result in results)
    assert len({story for story, _ in results[0].values()}) == 2


def test_saving_again_changes_nothing(store: Store) -> None:
    ids = _save_all(store, [wire_original(), copy_with_boilerplate(), copy_cut_and_edited()])
    before = _grouping(store, ids), store.stories().items
    # The same articles from new inputs (merged provenance) and a re-enrichment (new facts).
    again = [wire_original(), copy_with_boilerplate()]
    for article in again:
        article.provenance = [Provenance("feeds/again.xml", "feed", article.url or "")]
        assert store.save(article) == "merged"
    enriched = wire_with_entities()
    enriched.enrichment = "done"
    assert store.save(enriched) == "updated"
    assert (_grouping(store, ids), store.stories().items) == before


def test_a_changed_article_leaves_its_story(store: Store) -> None:
    ids = _save_all(store, [wire_original(), copy_with_boilerplate()])
    changed = copy_with_boilerplate()
    changed.paragraphs = unrelated_same_words().paragraphs
    store.save(changed)
    grouping = _grouping(store, ids)
    assert grouping == {ids[0]: (ids[0], None), ids[1]: (ids[1], None)}
    assert store.stories().items == []


def test_a_bridging_article_merges_two_stories(store: Store) -> None:
    # The follow-up shares no text with the wire story, so it starts a story of its own;
    # the wire story arrives later and names the same place and people in its lede.
    later_copy = copy_with_boilerplate()
    first = _save_all(store, [follow_up(), later_copy])
    assert len({store.story_of(i).story.id for i in first}) == 2  # type: ignore[union-attr]
    original = wire_with_entities()
    store.save(original)
    ids = [*first, original.id]
    grouping = _grouping(store, ids)
    assert {story for story, _ in grouping.values()} == {original.id}
    assert grouping[later_copy.id] == (original.id, original.id)
    assert grouping[first[0]] == (original.id, None)  # same event, not a copy
    story = store.story(original.id)
    assert story is not None
    assert [a.id for a in story.articles] == [original.id, later_copy.id, first[0]]
    assert story.story.article_count == 3
    assert story.story.first_published == original.published
    # The stories the two first articles had are gone, not left behind empty.
    listed = store.stories(shared_only=False).items
    assert [s.id for s in listed] == [original.id]


def test_same_event_needs_the_time_window(store: Store) -> None:
    far = follow_up(published=dt.date(2031, 5, 20))
    ids = _save_all(store, [wire_with_entities(), far])
    grouping = _grouping(store, ids)
    assert grouping[ids[0]][0] != grouping[ids[1]][0]


def test_stories_list_filters_and_pages(store: Store) -> None:
    _save_all(store, [wire_original(), copy_with_boilerplate()])
    other = wire_original()
    other.paragraphs = [p.replace("Brellan", "Quarrow") for p in unrelated_same_words().paragraphs]
    other.url = "https://korvex-wire.example/quarrow"
    other.provenance = [Provenance("feeds/quarrow.xml", "feed", other.url)]
    other.published = dt.date(2031, 6, 1)
    copy = copy_with_boilerplate()
    copy.paragraphs = [*other.paragraphs, "Read more on our website."]
    copy.url = "https://coastal-ledger.example/quarrow"
    copy.provenance = [Provenance("feeds/quarrow.xml", "feed", copy.url)]
    copy.published = dt.date(2031, 6, 2)
    _save_all(store, [other, copy])
    first = store.stories(limit=1)
    assert [s.id for s in first.items] == [other.id]
    assert first.next_cursor is not None
    second = store.stories(limit=1, cursor=first.next_cursor)
    assert [s.id for s in second.items] == [wire_original().assign_id()]
    assert second.next_cursor is None
    assert [s.id for s in store.stories(since=dt.date(2031, 5, 31)).items] == [other.id]
    assert [s.id for s in store.stories(until=dt.date(2031, 5, 31)).items] == [
        wire_original().assign_id()
    ]
    assert store.stories(source="nowhere.example").items == []
    assert len(store.stories(source="coastal-ledger.example").items) == 2


def test_unknown_story_and_article(store: Store) -> None:
    assert store.story("missing") is None
    assert store.story_of("missing") is None


def test_same_event_holds_when_the_model_types_a_name_differently(store: Store) -> None:
    # The small model may call the same town an organisation in one article and the
    # harbour master a place in another; the names still tie the two to one event.
    original = wire_with_entities()
    text = original.text
    original.entities = [
        entity("org:brellan", "Brellan", "ORG", text),
        entity("loc:wendeline-saska", "Wendeline Saska", "LOC", text),
    ]
    ids = _save_all(store, [original, follow_up()])
    grouping = _grouping(store, ids)
    assert grouping[ids[0]][0] == grouping[ids[1]][0]
    assert grouping[ids[1]][1] is None  # the same event, not a copy


def test_an_event_told_by_copies_is_listed_once(store: Store) -> None:
    from newsloom.record import Event, EventActor

    original, copy = wire_original(), copy_with_boilerplate()
    for article in (original, copy):
        # The same sentence in both (the copy has an editor's note before it).
        lede = article.text.index(original.paragraphs[0])
        trigger = lede + original.paragraphs[0].index(" ") + 1
        article.events = [
            Event(
                "PROTEST",
                article.text[trigger : trigger + 4],
                (trigger, trigger + 4),
                lede,
                lede + 40,
                source=EventActor(article.text[lede : lede + 4], lede, lede + 4),
                date="2031-05-05",
                confidence=0.9,
            )
        ]
        article.enrichment = "done"
    ids = _save_all(store, [original, copy])
    story = store.story(store.story_of(ids[0]).story.id)  # type: ignore[union-attr]
    assert story is not None
    (event,) = story.events
    assert event.article_id == ids[0] and event.also_in == (ids[1],)


def test_upgrading_a_store_puts_its_articles_into_stories(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "old.db"
    original, copy, other = wire_original(), copy_with_boilerplate(), unrelated_same_words()
    with open_store(path) as built:
        for article in (copy, original, other):
            built.save(article)
        expected = _grouping(built, [original.id, copy.id, other.id])
    # Make it the store a version 7 newsloom left: no story tables (8), no `facts` (9).
    db = sqlite3.connect(path)
    tables = [
        row[0]
        for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if row[0].startswith("stor") or row[0] == "facts"
    ]
    for table in tables:
        db.execute(f"DROP TABLE {table}")
    db.execute("PRAGMA user_version = 7")
    db.commit()
    db.close()
    with open_store(path) as upgraded:
        grouping = _grouping(upgraded, [original.id, copy.id, other.id])
    assert grouping == expected
    assert grouping[copy.id] == (original.id, original.id)
    assert grouping[other.id][0] != original.id


def test_a_story_is_titled_by_its_most_central_headline_never_a_site_name() -> None:
    from newsloom.store.sql.stories import story_title

    rows = [
        {"title": "Kell TV", "site": "Kell TV"},
        {"title": "Ferry strike shuts Orvik harbour", "site": "Orvik Post"},
        {"title": "Orvik harbour shut as ferry crews strike", "site": "Tarsk Daily"},
        {"title": "Talks planned", "site": "Brell News"},
    ]
    assert story_title(rows) == "Ferry strike shuts Orvik harbour"
    # The positive control: a lone real headline is the title, a lone site name none.
    assert story_title(rows[1:2]) == "Ferry strike shuts Orvik harbour"
    assert story_title(rows[:1]) is None


def test_an_invalid_stored_url_counts_as_no_host() -> None:
    from newsloom.store.sql.stories import outlet

    # A row stored by an earlier version with a URL that cannot be split.
    assert outlet({"site": None, "url": "http://[::1", "source": "Kell Wire"}) == "kell wire"
    # The positive control: a valid URL gives its host.
    assert outlet({"site": None, "url": "https://news.example/a", "source": None}) == "news.example"
