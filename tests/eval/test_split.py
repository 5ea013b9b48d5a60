"""The fixed tune/check split: a pure hash of (set, key, seed), applied by every set."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsloom.eval import run_evaluation
from newsloom.eval.runner import Comparison, EvalPage, System
from newsloom.eval.split import (
    HALVES,
    SEED,
    SPLIT_CHOICES,
    Half,
    half_of,
    halves,
    keeps,
    split_set,
)
from tests.eval import fake_sets

KEYS = [f"page-{i:04d}" for i in range(400)]


def test_seed_is_the_documented_constant() -> None:
    assert SEED == "newsloom-split-v1"
    assert HALVES == ("tune", "check")
    assert set(SPLIT_CHOICES) == {"tune", "check", "both", "whole"}


def test_half_is_the_first_hash_byte_parity() -> None:
    for key in KEYS[:50]:
        first = hashlib.sha256(f"newsloom-split-v1:polnear:{key}".encode()).digest()[0]
        assert half_of("polnear", key) == ("tune" if first % 2 == 0 else "check")


def test_split_is_deterministic_and_independent_of_the_other_keys() -> None:
    once = [half_of("lgl", key) for key in KEYS]
    assert once == [half_of("lgl", key) for key in KEYS]
    small, large = halves("lgl", KEYS[:10]), halves("lgl", KEYS)
    for half in HALVES:  # more keys never move the old ones
        assert set(small[half]) == set(large[half]) & set(KEYS[:10])


def test_halves_are_about_even_disjoint_and_cover_every_key() -> None:
    parts = halves("tempeval3", KEYS)
    tune, check = set(parts["tune"]), set(parts["check"])
    assert tune.isdisjoint(check)
    assert tune | check == set(KEYS)
    assert 160 <= len(tune) <= 240  # 400 fair coin flips: 200 +- 2 standard deviations x2


def test_sets_are_split_independently() -> None:
    assert [half_of("lgl", k) for k in KEYS] != [half_of("tr-news", k) for k in KEYS]


def test_filters_keep_one_half_or_everything() -> None:
    tune, check = keeps("plover", "tune"), keeps("plover", "check")
    assert all(tune(key) != check(key) for key in KEYS)
    assert all(keeps("plover", "both")(key) and keeps("plover", "whole")(key) for key in KEYS)


def test_sets_with_shared_items_share_the_split() -> None:
    assert split_set("scraped-text") == split_set("scrapinghub-article-extraction")
    assert split_set("meantime-en-times") == split_set("meantime-en-entities") == "meantime-en"
    assert split_set("htmldate-eval") == split_set("trafilatura-eval")
    assert split_set("lgl") == "lgl"


def test_fixture_pages_fall_in_both_halves() -> None:
    uuids = list(fake_sets.L3S_PAGES)
    assert [half_of("l3s-gn1", u) for u in uuids] == ["check", "tune"]
    files = [f"{key} page.html.gz" for key in fake_sets.BODIES]
    assert sorted(half_of("trafilatura-eval", f) for f in files) == ["check", "tune"]


# The runner: each half aggregated apart, the whole from the same page scores ----------


@dataclass(slots=True, frozen=True)
class Hits:
    right: int
    total: int

    def metrics(self) -> dict[str, float]:
        return {"accuracy": self.right / self.total if self.total else 0.0}

    def to_dict(self) -> dict[str, float]:
        return self.metrics()


def _total(pages: Sequence[bool]) -> Hits:
    return Hits(sum(pages), len(pages))


def _comparison() -> Comparison[str, str, str, bool, Hits]:
    """Gold is the page name; newsloom echoes it, the baseline only for even numbers."""
    return Comparison(
        name="invented",
        metric="echo",
        read=lambda path: path.name,
        ours=System("newsloom", lambda text: text),
        baseline=System("echo-even", lambda text: text if int(text[-1]) % 2 == 0 else ""),
        empty="",
        score_page=lambda gold, out: gold == out,
        aggregate=_total,
    )


PAGES = [EvalPage(key, key, Path(key)) for key in KEYS[:60]]


def test_both_reports_each_half_and_the_whole_from_one_run() -> None:
    result = _comparison().run(PAGES, "both")
    tune, check = result.halves["tune"], result.halves["check"]
    assert tune.pages + check.pages == result.pages == len(PAGES)
    assert tune.pages == len(halves("invented", KEYS[:60])["tune"])
    right = tune.baseline.score.right + check.baseline.score.right
    assert right == result.baseline.score.right == sum(int(k[-1]) % 2 == 0 for k in KEYS[:60])
    assert [part.part for part in result.parts()] == ["tune", "check", "whole"]


def test_whole_equals_the_unsplit_run_and_one_half_equals_its_part() -> None:
    both = _comparison().run(PAGES, "both")
    whole = _comparison().run(PAGES, "whole")
    assert whole.halves == {} and [p.part for p in whole.parts()] == ["whole"]
    assert whole.baseline.score == both.baseline.score
    for half in HALVES:
        alone = _comparison().run(PAGES, half)
        assert alone.pages == both.halves[half].pages
        assert alone.baseline.score == both.halves[half].baseline.score
        assert list(alone.halves) == [half] and [p.part for p in alone.parts()] == [half]


def test_split_key_can_differ_from_the_page_key() -> None:
    pages = [EvalPage(f"https://example.org/{k}", k, Path(k), unit=k) for k in KEYS[:20]]
    result = _comparison().run(pages, "tune")
    assert result.pages == len(halves("invented", KEYS[:20])["tune"])


@pytest.mark.parametrize("split", HALVES)
def test_run_evaluation_scores_only_the_half_asked_for(tmp_path: Path, split: Half) -> None:
    fake_sets.write_trafilatura_eval(tmp_path)
    report = run_evaluation(tmp_path, only=["trafilatura-eval"], split=split)
    result = report.results[0]
    assert result.pages == 1 and list(result.halves) == [split]
    assert report.to_dict()["split"] == split
