from __future__ import annotations

import datetime as dt

import pytest

from newsloom.record import Article, PendingFetch, Provenance, RelatedItem
from newsloom.store import SaveOutcome, Store
from newsloom.store.sql.store import SqlStore
from tests.store.articles import make_article


def test_round_trip_preserves_every_field(store: Store) -> None:
    article = make_article("First paragraph about Velmora.\n\nSecond paragraph, with a quote.")
    article.updated = dt.datetime(2031, 3, 5, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    article.related.append(RelatedItem("No link here"))
    assert store.save(article) == SaveOutcome.STORED
    loaded = store.get(article.id)
    assert loaded is not None
    assert loaded.to_dict() == article.to_dict()
    assert isinstance(loaded.published, dt.date) and not isinstance(loaded.published, dt.datetime)


def test_round_trip_of_sparse_article(store: Store) -> None:
    article = Article(paragraphs=["Only a body."], provenance=[Provenance("notes.txt", "text")])
    store.save(article)
    loaded = store.get(article.id)
    assert loaded is not None and loaded.to_dict() == article.to_dict()


def test_get_unknown_id_is_none(store: Store) -> None:
    assert store.get("0000000000000000") is None


def test_outcome_compares_equal_to_its_name(store: Store) -> None:
    assert store.save(make_article()) == "stored"


def test_same_provenance_same_content_is_unchanged(store: Store) -> None:
    assert store.save(make_article()) == SaveOutcome.STORED
    assert store.save(make_article()) == SaveOutcome.UNCHANGED
    assert store.count_articles() == 1


def test_new_provenance_of_same_url_is_merged(store: Store) -> None:
    first = make_article(input="feeds/velmora.xml")
    second = make_article(input="archive/2031-03.warc", locator="offset:1200")
    store.save(first)
    assert store.save(second) == SaveOutcome.MERGED
    assert second.id == first.id
    loaded = store.get(first.id)
    assert loaded is not None
    assert [p.input for p in loaded.provenance] == ["feeds/velmora.xml", "archive/2031-03.warc"]
    assert store.count_articles() == 1


def test_canonical_url_match_merges_copies_with_different_urls(store: Store) -> None:
    canonical = "https://velmora-gazette.example/ferry"
    first = make_article(url=canonical + "?utm=feed", canonical_url=canonical)
    second = make_article(url=canonical + "?page=1", canonical_url=canonical, input="b.html")
    store.save(first)
    assert store.save(second) == SaveOutcome.MERGED
    assert store.count_articles() == 1


def test_same_content_without_url_from_two_inputs_is_stored_once(store: Store) -> None:
    first = make_article(url=None, input="scrape/a.txt", locator="")
    second = make_article(url=None, input="scrape/b.txt", locator="")
    assert store.save(first) == SaveOutcome.STORED
    assert store.save(second) == SaveOutcome.MERGED
    assert store.count_articles() == 1
    loaded = store.get(first.id)
    assert loaded is not None and len(loaded.provenance) == 2


def test_content_hash_ignores_case_and_spacing(store: Store) -> None:
    store.save(make_article("Rain in   Velmora.", url=None, input="a.txt"))
    assert store.save(make_article("rain in velmora.", url=None, input="b.txt")) == "merged"


def test_changed_content_at_same_url_is_updated_and_keeps_id(store: Store) -> None:
    original = make_article("The ferry leaves at nine.")
    store.save(original)
    revised = make_article("The ferry now leaves at ten.", input="feeds/later.xml")
    revised.title = "Ferry timetable revised"
    assert store.save(revised) == SaveOutcome.UPDATED
    loaded = store.get(original.id)
    assert loaded is not None
    assert loaded.text == "The ferry now leaves at ten."
    assert loaded.title == "Ferry timetable revised"
    assert len(loaded.provenance) == 2
    assert store.count_articles() == 1


def test_changed_content_from_same_provenance_is_updated(store: Store) -> None:
    store.save(make_article("Draft text.", url=None))
    revised = make_article("Final text.", url=None)
    assert store.save(revised) == SaveOutcome.UPDATED
    assert store.count_articles() == 1
    loaded = store.get(revised.id)
    assert loaded is not None and loaded.text == "Final text."


def test_different_articles_are_both_stored(store: Store) -> None:
    store.save(make_article("Story one.", url="https://a.example/1", input="a"))
    assert store.save(make_article("Story two.", url="https://a.example/2", input="b")) == "stored"
    assert store.count_articles() == 2


def test_failed_save_leaves_nothing_behind(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    assert isinstance(store, SqlStore)

    def explode(*args: object) -> int:
        raise RuntimeError("killed mid-save")

    monkeypatch.setattr(store, "_add_provenance", explode)
    with pytest.raises(RuntimeError):
        store.save(make_article())
    monkeypatch.undo()
    assert store.count_articles() == 0
    assert store.save(make_article()) == SaveOutcome.STORED


def test_save_pending_is_unique_by_url(store: Store) -> None:
    fetch = PendingFetch("https://velmora-gazette.example/later", Provenance("f.xml", "feed", "7"))
    assert store.save_pending(fetch) is True
    again = PendingFetch(fetch.url, Provenance("g.xml", "feed", "1"), title="Later")
    assert store.save_pending(again) is False
    other = PendingFetch("https://velmora-gazette.example/other", Provenance("f.xml", "feed", "8"))
    assert store.save_pending(other) is True


def test_iter_articles_streams_all_in_batches(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("newsloom.store.sql.store.ITER_BATCH_SIZE", 3)
    for number in range(7):
        store.save(
            make_article(f"Story {number}.", url=f"https://a.example/{number}", input=str(number))
        )
    texts = [article.text for article in store.iter_articles()]
    assert texts == [f"Story {number}." for number in range(7)]
    assert store.count_articles() == 7


def test_fields_added_by_later_stages_round_trip(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A to_dict() key without a column (say an enrichment) is kept and given back."""
    original_to_dict = Article.to_dict
    original_from_dict = Article.from_dict
    seen: list[dict[str, object]] = []

    def to_dict(self: Article) -> dict[str, object]:
        return {**original_to_dict(self), "mood": {"label": "calm", "score": 0.5}}

    def from_dict(cls: type[Article], data: dict[str, object]) -> Article:
        seen.append(data)
        return original_from_dict(data)

    monkeypatch.setattr(Article, "to_dict", to_dict)
    monkeypatch.setattr(Article, "from_dict", classmethod(from_dict))
    article = make_article()
    store.save(article)
    store.get(article.id)
    assert seen[-1]["mood"] == {"label": "calm", "score": 0.5}
