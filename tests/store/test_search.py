from __future__ import annotations

import itertools
import threading

import pytest

from newsloom.store import Store
from newsloom.store.sqlite.search import match_expression
from tests.store.articles import make_article


@pytest.fixture
def news(store: Store) -> Store:
    store.save(
        make_article(
            "The orchard cooperative met in the village hall. A lantern was hung for the "
            "festival, and the mayor spoke about the harvest of pears.",
            title="Village hall hosts orchard cooperative",
            url="https://a.example/orchard",
            input="a",
        )
    )
    store.save(
        make_article(
            "Residents of Brindlecombe gathered for the annual lantern festival on the quay.",
            title="Lantern festival lights up Brindlecombe",
            url="https://a.example/lantern",
            input="b",
        )
    )
    store.save(
        make_article(
            "A storm closed the mountain pass for two days.",
            title="Storm closes pass",
            url="https://a.example/storm",
            input="c",
        )
    )
    return store


def test_title_match_ranks_above_body_match(news: Store) -> None:
    hits = news.search("lantern")
    assert [hit.url for hit in hits] == ["https://a.example/lantern", "https://a.example/orchard"]
    assert hits[0].score > hits[1].score


def test_terms_are_combined_with_and(news: Store) -> None:
    hits = news.search("festival pears")
    assert [hit.url for hit in hits] == ["https://a.example/orchard"]


def test_snippet_marks_matched_terms(news: Store) -> None:
    (hit,) = news.search("harvest")
    assert hit.highlights
    assert all(hit.snippet[start:end].casefold() == "harvest" for start, end in hit.highlights)


def test_search_is_case_and_accent_insensitive(store: Store) -> None:
    store.save(make_article("The Café Özil reopened.", title="Reopening", input="x"))
    assert len(store.search("cafe ozil")) == 1


def test_prefix_search_with_trailing_star(news: Store) -> None:
    assert {hit.url for hit in news.search("lant*")} == {
        "https://a.example/lantern",
        "https://a.example/orchard",
    }


def test_limit_is_respected(news: Store) -> None:
    assert len(news.search("the", limit=1)) == 1


def test_no_match_and_empty_queries_return_nothing(news: Store) -> None:
    assert news.search("submarine") == []
    assert news.search("") == []
    assert news.search("   ") == []


HOSTILE_QUERIES = [
    '"unbalanced',
    "AND",
    "OR",
    "NOT",
    "-",
    "*",
    "NEAR(",
    "NEAR(lantern festival",
    "lantern AND",
    "title:lantern",
    "^lantern",
    "(lantern",
    'lantern" OR "x',
    "+-*/^():\"'",
    "lantern*festival",
    "'; DROP TABLE articles; --",
    "\x00lantern",
    "{title text}: storm",
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_queries_never_raise(news: Store, query: str) -> None:
    news.search(query)
    assert news.count_articles() == 3


def test_operator_words_are_searched_as_words(store: Store) -> None:
    store.save(make_article("Cats AND dogs were NEAR the gate.", input="x"))
    assert len(store.search("AND")) == 1
    assert len(store.search("NEAR(")) == 1


def test_match_expression_quotes_every_term() -> None:
    assert match_expression('say "hi') == '"say" """hi"'
    assert match_expression("elect*") == '"elect"*'
    assert match_expression("- * ()") is None


def test_every_short_combination_of_syntax_characters_is_safe(news: Store) -> None:
    pieces = ['"', "*", "-", "(", ")", ":", "^", "+", "AND", "NEAR", "lantern", " "]
    for first, second, third in itertools.product(pieces, repeat=3):
        news.search(first + second + third)


def test_undecodable_input_is_safe(news: Store) -> None:
    assert news.search("lantern \udcff") != []


def test_reads_from_many_threads_see_committed_writes(store: Store) -> None:
    store.save(make_article("Lantern festival draws crowds to Marlowe Sound"))
    results: list[int] = []

    def read() -> None:
        results.append(len(store.search("lantern")))

    threads = [threading.Thread(target=read) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [1] * 8
    store.save(
        make_article(
            "A second lantern parade is planned for spring",
            url="https://velmora-gazette.example/parade",
            locator="entry-2",
        )
    )
    reader = threading.Thread(target=read)
    reader.start()
    reader.join()
    assert results[-1] == 2


def test_a_match_in_the_title_only_is_snipped_from_the_title(store: Store) -> None:
    store.save(make_article("Nothing in the body names the bird.", title="Heron returns to Orlan"))
    (hit,) = store.search("heron")
    assert "Heron returns" in hit.snippet
    assert [hit.snippet[start:end] for start, end in hit.highlights] == ["Heron"]


def test_long_texts_are_cut_with_an_ellipsis_around_the_match(store: Store) -> None:
    filler = " ".join(f"word{n}" for n in range(60))
    store.save(make_article(f"{filler} the lantern parade {filler}", input="long"))
    (hit,) = store.search("lantern")
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert len(hit.snippet.split()) <= 20
    assert [hit.snippet[start:end] for start, end in hit.highlights] == ["lantern"]
