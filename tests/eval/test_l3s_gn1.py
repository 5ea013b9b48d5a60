"""L3S-GN1: body (shingle metric) and headline (normalised exact match) on invented pages."""

from __future__ import annotations

from pathlib import Path

from newsloom.eval import l3s_gn1
from newsloom.eval.l3s_gn1 import Extraction, Gold, normalized_title, score, total
from newsloom.eval.metrics import score_page
from tests.eval import fake_sets

FIRST, SECOND = fake_sets.L3S_PAGES


def test_reader_takes_fulltext_and_every_headline_line(tmp_path: Path) -> None:
    folder = fake_sets.write_l3s_gn1(tmp_path)
    pages = {page.key: page for page in l3s_gn1.list_pages(folder)}
    assert list(pages) == [FIRST, SECOND]
    first = pages[FIRST]
    assert first.gold.body == fake_sets.body("a1")
    assert first.gold.headlines == {
        "port halden approves ferry schedule extra crossings start in spring",
        "port halden approves ferry schedule",
        "extra crossings start in spring",
    }
    assert first.path == folder / "original" / f"{FIRST}.html.gz"
    assert pages[SECOND].gold.headlines == frozenset()
    assert len(l3s_gn1.list_pages(folder, limit=1)) == 1


def test_title_match_ignores_case_punctuation_and_spacing() -> None:
    assert normalized_title("  Port  Halden: approves “ferry” schedule! ") == (
        "port halden approves ferry schedule"
    )
    gold = Gold("a b c d e", frozenset({"port halden approves ferry schedule"}))
    assert score(gold, Extraction("a b c d e", "PORT HALDEN approves ferry-schedule")).title_match
    assert score(gold, Extraction("", "Port Halden news")).title_match is False
    assert score(gold, Extraction("", None)).title_found is False
    assert score(Gold("x"), Extraction("", "anything")).title_match is None


def test_total_counts_titles_only_where_gold_has_a_headline() -> None:
    pages = [
        score(Gold("one two three four", frozenset({"a"})), Extraction("one two three four", "A")),
        score(Gold("one two three four", frozenset({"b"})), Extraction("", "c")),
        score(Gold("one two three four"), Extraction("one two three four", None)),
    ]
    result = total(pages)
    metrics = result.metrics()
    assert (result.headlines, result.title_matches) == (2, 1)
    assert metrics["title match"] == 0.5
    assert metrics["title found"] == 2 / 3
    assert result.body.pages == 3
    assert pages[0].body == score_page("one two three four", "one two three four")


def test_evaluate_scores_both_systems_on_both_halves(tmp_path: Path) -> None:
    result = l3s_gn1.evaluate_l3s_gn1(fake_sets.write_l3s_gn1(tmp_path))
    assert result.name == "l3s-gn1" and result.pages == 2
    assert {half: part.pages for half, part in result.halves.items()} == {"tune": 1, "check": 1}
    for system in (result.ours, result.baseline):
        metrics = system.score.metrics()
        assert metrics["recall"] > 0.9
        assert metrics["title match"] == 1.0  # the one page with a headline
        assert system.error_count == 0
