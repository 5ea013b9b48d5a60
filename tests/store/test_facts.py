"""Enrichment facts in the store: round trip, replacement, corpus counts, lookups."""

from __future__ import annotations

import datetime as dt

from newsloom.record import Article, Entity, Quote
from newsloom.store import Store
from tests.store.articles import make_article, make_enriched_article, mention
from tests.store.databases import query

SECOND_BODY = "Crowds in Marlowe Sound cheered as Tilda Quenby cut the ribbon."


def _second_article() -> Article:
    article = make_enriched_article(
        SECOND_BODY, locator="entry-2", url="https://velmora-gazette.example/ribbon"
    )
    article.published = dt.date(2031, 3, 9)
    return article


def _fact_rows(store: Store, table: str) -> int:
    ((count,),) = query(store, f"SELECT count(*) FROM {table}")
    return int(str(count))


def test_facts_round_trip_through_get_and_iter(store: Store) -> None:
    article = make_enriched_article()
    assert store.save(article) == "stored"
    loaded = store.get(article.id)
    assert loaded is not None
    assert loaded.to_dict() == article.to_dict()
    assert [a.to_dict() for a in store.iter_articles()] == [article.to_dict()]
    assert loaded.quotes[1].speaker_start == article.quotes[1].speaker_start
    assert loaded.entities[0].roles[0].title == "harbour master"


def test_facts_are_not_kept_twice_in_extra(store: Store) -> None:
    article = make_enriched_article()
    store.save(article)
    ((extra,),) = query(store, "SELECT extra FROM articles")
    assert "Quenby" not in str(extra) and "enrichment" in str(extra)


def test_resaving_new_facts_replaces_them_and_counts_as_updated(store: Store) -> None:
    article = make_enriched_article()
    store.save(article)
    assert store.save(make_enriched_article()) == "unchanged"
    assert _fact_rows(store, "mentions") == 6

    better = make_enriched_article()
    better.entities = better.entities[:1]
    better.quotes = better.quotes[1:]
    assert store.save(better) == "updated"
    loaded = store.get(article.id)
    assert loaded is not None and loaded.to_dict() == better.to_dict()
    assert _fact_rows(store, "mentions") == 3
    assert _fact_rows(store, "quotes") == 1
    assert [e.id for e in store.entities()] == ["person:tilda-quenby"]


def test_an_unenriched_copy_keeps_the_stored_facts(store: Store) -> None:
    article = make_enriched_article()
    store.save(article)
    plain = make_article(article.text)
    assert plain.enrichment is None
    assert store.save(plain) == "unchanged"
    loaded = store.get(article.id)
    assert loaded is not None and loaded.to_dict() == article.to_dict()


def test_changed_text_replaces_facts_even_without_enrichment(store: Store) -> None:
    article = make_enriched_article()
    store.save(article)
    assert store.save(make_article("The ferry timetable was withdrawn.")) == "updated"
    loaded = store.get(article.id)
    assert loaded is not None and loaded.entities == [] and loaded.quotes == []
    assert store.entities() == []


def test_entity_counts_over_two_articles(store: Store) -> None:
    store.save(make_enriched_article())
    store.save(_second_article())
    people = store.entities(type="PERSON")
    assert [e.id for e in people] == ["person:tilda-quenby", "person:oskar-veil"]
    quenby = people[0]
    assert (quenby.article_count, quenby.mention_count) == (2, 4)
    assert quenby.name == "Tilda Quenby"
    assert quenby.aliases == ["Tilda Quenby", "Quenby"]
    places = store.entities(type="GPE")
    assert [(e.id, e.article_count, e.mention_count) for e in places] == [
        ("gpe:marlowe-sound", 2, 3)
    ]
    assert [e.id for e in store.entities(limit=1, offset=1)] == ["gpe:marlowe-sound"]

    store.save(
        make_enriched_article(SECOND_BODY.replace("Tilda Quenby", "the mayor"), locator="entry-2")
    )
    assert store.entities(type="PERSON")[0].article_count == 1


def test_entity_lookup_by_any_alias_in_any_case(store: Store) -> None:
    store.save(make_enriched_article())
    for name in ("person:tilda-quenby", "Tilda Quenby", "tilda quenby", "QUENBY", " quenby "):
        detail = store.entity(name)
        assert detail is not None and detail.entity.id == "person:tilda-quenby", name
    assert store.entity("Velmora") is None
    assert store.entity("") is None


def test_entity_detail_has_roles_articles_and_quotes_by_and_about(store: Store) -> None:
    first = make_enriched_article()
    store.save(first)
    second = _second_article()
    store.save(second)
    detail = store.entity("Quenby")
    assert detail is not None
    assert [(r.title, r.article_id) for r in detail.roles] == [("harbour master", first.id)]
    assert {a.id for a in detail.articles} == {first.id, second.id}
    assert [q.quote.text for q in detail.quotes_by] == ["We expect the first ferry at dawn,"]
    about = [q.quote.text for q in detail.quotes_about]
    assert about == ["Quenby has cleared the channel and the buoys are back,"]
    assert detail.quotes_about[0].article.url == first.url
    veil = store.entity("oskar veil")
    assert veil is not None and veil.quotes_about == []
    assert [(r.title, r.of) for r in veil.roles] == [("mayor", "Marlowe Sound")]


def test_quote_about_found_by_alias_without_a_mention_inside(store: Store) -> None:
    article = make_enriched_article()
    inside = article.quotes[0]
    quenby = article.entities[0]
    quenby.mentions = [m for m in quenby.mentions if not inside.start <= m.start < inside.end]
    assert [m.text for m in quenby.mentions] == ["Tilda Quenby", "Quenby"]
    store.save(article)
    detail = store.entity("Tilda Quenby")
    assert detail is not None
    assert [q.quote.speaker for q in detail.quotes_about] == ["Oskar Veil"]


def test_quotes_by_speaker_and_since(store: Store) -> None:
    store.save(make_enriched_article())
    article = make_article(
        '"The ferry will be late," said Quenby.', locator="entry-3", url="https://x.example/3"
    )
    article.published = dt.date(2031, 4, 1)
    text = article.text
    quenby = Entity("person:tilda-quenby", "Tilda Quenby", "PERSON", [mention(text, "Quenby")])
    article.entities = [quenby]
    article.quotes = [Quote("The ferry will be late,", "direct", 1, 24, speaker="Quenby")]
    article.enrichment = "done"
    store.save(article)

    by_alias = store.quotes(speaker="tilda QUENBY")
    assert [q.quote.text for q in by_alias] == [
        "The ferry will be late,",
        "We expect the first ferry at dawn,",
    ]
    assert by_alias[0].article.published == dt.date(2031, 4, 1)
    assert [q.quote.speaker for q in store.quotes(speaker="Oskar Veil")] == ["Oskar Veil"]
    assert store.quotes(speaker="Nobody Atall") == []
    # The quote's own date (2031-03-07) counts; undated quotes use the publication day.
    since = [q.quote.text for q in store.quotes(since=dt.date(2031, 3, 5))]
    assert since == ["The ferry will be late,", "We expect the first ferry at dawn,"]
    assert [q.quote.text for q in store.quotes(since=dt.date(2031, 3, 8))] == [
        "The ferry will be late,"
    ]
    assert len(store.quotes(limit=1)) == 1
    assert len(store.quotes()) == 3
