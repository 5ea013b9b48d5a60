from __future__ import annotations

import pytest

from newsloom.eval.metrics import (
    Confusion,
    aggregate,
    count_dates,
    count_snippets,
    date_day,
    date_outcome,
    score_page,
    shingles,
)

GOLD = "Mayor Ilse Varga opened the new ferry terminal in Port Halden on Tuesday morning"


def test_shingles_are_four_token_windows() -> None:
    counts = shingles("one two three four five")
    assert counts == {("one", "two", "three", "four"): 1, ("two", "three", "four", "five"): 1}


def test_text_under_four_tokens_is_one_shingle_and_empty_text_none() -> None:
    assert shingles("rain in Orvik") == {("rain", "in", "Orvik"): 1}
    assert shingles("") == {}
    assert shingles(None) == {}


def test_perfect_match() -> None:
    page = score_page(GOLD, GOLD)
    assert (page.tp, page.fp, page.fn, page.exact) == (1.0, 0.0, 0.0, True)
    score = aggregate([page])
    assert (score.precision, score.recall, score.f1, score.accuracy) == (1.0, 1.0, 1.0, 1.0)


def test_exact_match_ignores_punctuation_and_spacing() -> None:
    assert score_page("Storm hits Orvik. Roads closed!", "Storm  hits Orvik\nRoads closed").exact


def test_disjoint_texts_score_zero() -> None:
    page = score_page(GOLD, "Subscribe to our newsletter for the latest offers today")
    assert page.tp == 0.0 and page.fp > 0 and page.fn > 0
    score = aggregate([page])
    assert (score.precision, score.recall, score.f1) == (0.0, 0.0, 0.0)


def test_partial_prediction_normalised_to_sum_one() -> None:
    words = GOLD.split()
    half = " ".join(words[: len(words) // 2])
    page = score_page(GOLD, half)
    assert page.tp + page.fp + page.fn == pytest.approx(1.0)
    assert page.fp == 0.0
    assert 0 < page.recall < 1 and page.precision == 1.0


def test_prediction_with_extra_chrome_loses_precision_only() -> None:
    page = score_page(GOLD, GOLD + " Share this story on social media now")
    assert page.recall == 1.0 and 0 < page.precision < 1


def test_repeated_text_counts_surplus_shingles_as_false_positives() -> None:
    page = score_page(GOLD, GOLD + " " + GOLD)
    assert page.fn == 0.0 and page.fp > 0


def test_short_texts_compare_as_single_shingles() -> None:
    assert score_page("Orvik wins", "Orvik wins").exact
    assert score_page("Orvik wins", "Orvik loses").tp == 0.0


def test_empty_prediction_counts_for_recall_not_precision() -> None:
    empty = score_page(GOLD, "")
    good = score_page(GOLD, GOLD)
    score = aggregate([empty, good])
    assert score.precision == 1.0  # the empty page predicted nothing: left out
    assert score.recall == pytest.approx(0.5)
    assert score.accuracy == pytest.approx(0.5)


def test_empty_gold_counts_for_precision_not_recall() -> None:
    score = aggregate([score_page("", "Cookie notice text here"), score_page(GOLD, GOLD)])
    assert score.precision == pytest.approx(0.5)
    assert score.recall == 1.0


def test_both_empty_is_exact_and_left_out_of_means() -> None:
    page = score_page("", "")
    assert page.exact and (page.tp, page.fp, page.fn) == (0.0, 0.0, 0.0)
    score = aggregate([page])
    assert (score.precision, score.recall, score.accuracy, score.pages) == (0.0, 0.0, 1.0, 1)


def test_f1_is_harmonic_mean_of_mean_precision_and_recall() -> None:
    words = GOLD.split()
    pages = [
        score_page(GOLD, " ".join(words[:8])),
        score_page(GOLD, GOLD + " Read more stories from the Halden Courier"),
    ]
    score = aggregate(pages)
    mean_p = sum(p.precision for p in pages) / 2
    mean_r = sum(p.recall for p in pages) / 2
    assert score.f1 == pytest.approx(2 * mean_p * mean_r / (mean_p + mean_r))


def test_aggregate_of_nothing_is_zero() -> None:
    score = aggregate([])
    assert (score.precision, score.recall, score.f1, score.accuracy, score.pages) == (0, 0, 0, 0, 0)


def test_snippets_match_after_whitespace_normalisation() -> None:
    text = "The council of Brennmoor\nvoted  to rebuild the bridge.\n\nAdvertisement"
    counts = count_snippets(
        text,
        with_snippets=["council of Brennmoor voted", "rebuild the bridge", "new library"],
        without_snippets=["Advertisement", "Cookie settings"],
    )
    assert counts == Confusion(tp=2, fp=1, fn=1, tn=1)


def test_no_output_finds_no_snippet() -> None:
    assert count_snippets(None, ["a b"], ["c"]) == Confusion(tp=0, fp=0, fn=1, tn=1)
    assert count_snippets("", ["a b"], ["c"]) == Confusion(tp=0, fp=0, fn=1, tn=1)


def test_confusion_scores_come_from_summed_totals() -> None:
    total = Confusion.total([Confusion(tp=3, fp=1, fn=0, tn=2), Confusion(tp=1, fp=0, fn=3, tn=2)])
    assert total == Confusion(tp=4, fp=1, fn=3, tn=4)
    assert total.precision == pytest.approx(4 / 5)
    assert total.recall == pytest.approx(4 / 7)
    assert total.accuracy == pytest.approx(8 / 12)
    assert total.f1 == pytest.approx(8 / 12)


def test_empty_confusion_scores_zero() -> None:
    assert Confusion().metrics() == {"precision": 0, "recall": 0, "f1": 0, "accuracy": 0}


def test_date_outcomes() -> None:
    assert date_outcome("2021-03-04", "2021-03-04") == "tp"
    assert date_outcome("2021-03-04", "2021-03-04T17:30:00+01:00") == "tp"
    assert date_outcome("2021-03-04", "2021-03-05") == "fp"
    assert date_outcome("2021-03-04", None) == "fn"
    assert date_outcome("2021-03-04", "  ") == "fn"
    assert date_outcome(None, None) == "tn"
    assert date_outcome(None, "2020-01-01") == "fp"


def test_date_day_takes_the_calendar_day() -> None:
    assert date_day("2019-12-31T23:59:59") == "2019-12-31"
    assert date_day("") is None


def test_date_metric_totals() -> None:
    counts = count_dates(["tp", "tp", "fp", "fn"])
    assert counts == Confusion(tp=2, fp=1, fn=1)
    assert counts.accuracy == pytest.approx(0.5)
    assert counts.precision == pytest.approx(2 / 3)
    assert counts.recall == pytest.approx(2 / 3)
