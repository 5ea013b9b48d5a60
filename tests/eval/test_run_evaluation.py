from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsloom.eval import (
    UnknownDatasetError,
    dataset_names,
    format_report,
    run_evaluation,
    scrapinghub,
    trafilatura_eval,
)
from newsloom.eval.runner import System
from tests.eval import fake_sets

PAGES = len(fake_sets.BODIES)


def _raise(_: str) -> str:
    raise RuntimeError("extractor crashed")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return fake_sets.write_all(tmp_path / "eval")


# The sets whose layouts the `data_dir` fixture builds; the enrichment sets have their
# own layout tests beside their modules' tests.
EXTRACTION_SETS = [
    "scrapinghub-article-extraction",
    "l3s-gn1",
    "trafilatura-eval",
    "htmldate-eval",
    "scraped-text",
]


def test_every_layout_is_scored_with_both_systems(data_dir: Path) -> None:
    report = run_evaluation(data_dir, only=EXTRACTION_SETS)
    assert [r.name for r in report.results] == EXTRACTION_SETS
    assert set(EXTRACTION_SETS) <= set(dataset_names())
    assert report.skipped == []
    for result in report.results:
        assert result.pages == PAGES and result.unreadable == 0
        for system in (result.ours, result.baseline):
            assert system.pages == PAGES
            assert system.seconds >= 0 and system.error_count >= 0
            assert all(0.0 <= v <= 1.0 for v in system.score.metrics().values())


def test_snippet_totals_count_every_snippet(data_dir: Path) -> None:
    result = run_evaluation(data_dir, only=["trafilatura-eval"]).results[0]
    for system in (result.ours, result.baseline):
        counts = system.score
        assert counts.tp + counts.fn == 2 * PAGES
        assert counts.fp + counts.tn == 2 * PAGES


def test_whole_text_baseline_has_full_recall(data_dir: Path) -> None:
    result = run_evaluation(data_dir, only=["scraped-text"]).results[0]
    assert result.baseline.score.recall == 1.0
    assert result.baseline.score.precision < 1.0  # the chrome lines are false positives


def test_date_counts_add_up_to_pages(data_dir: Path) -> None:
    result = run_evaluation(data_dir, only=["htmldate-eval"]).results[0]
    for system in (result.ours, result.baseline):
        counts = system.score
        assert counts.tp + counts.fp + counts.fn + counts.tn == PAGES


def test_missing_folder_is_skipped_with_reason(tmp_path: Path) -> None:
    fake_sets.write_scraped_text(tmp_path)
    report = run_evaluation(tmp_path)
    assert [r.name for r in report.results] == ["scraped-text"]
    skipped = {s.name: s.reason for s in report.skipped}
    assert set(skipped) == set(dataset_names()) - {"scraped-text"}
    assert all("not found" in reason for reason in skipped.values())
    assert "skipped" in format_report(report)


def test_folder_without_gold_file_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "scraped-text" / "txt").mkdir(parents=True)
    report = run_evaluation(tmp_path, only=["scraped-text"])
    assert report.results == []
    assert "gold.json" in report.skipped[0].reason


def test_unknown_name_is_refused(data_dir: Path) -> None:
    with pytest.raises(UnknownDatasetError, match="no-such-set"):
        run_evaluation(data_dir, only=["no-such-set"])


def test_limit_takes_first_sorted_pages(data_dir: Path) -> None:
    report = run_evaluation(data_dir, limit=1)
    assert all(r.pages == 1 for r in report.results)


def test_missing_page_file_is_counted_not_fatal(data_dir: Path) -> None:
    (data_dir / "scraped-text" / "txt" / "a1.txt").unlink()
    result = run_evaluation(data_dir, only=["scraped-text"]).results[0]
    assert (result.pages, result.unreadable) == (PAGES - 1, 1)


def test_crashing_extractor_is_counted_and_scored_empty(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scrapinghub, "NEWSLOOM_HTML", System("newsloom", _raise))
    monkeypatch.setattr(trafilatura_eval, "NEWSLOOM_HTML", System("newsloom", _raise))
    report = run_evaluation(data_dir, only=["scrapinghub-article-extraction", "trafilatura-eval"])
    shingle, snippet = report.results
    assert shingle.ours.errors == {"RuntimeError": PAGES}
    assert (shingle.ours.score.recall, shingle.ours.score.accuracy) == (0.0, 0.0)
    assert snippet.ours.score.tp == 0 and snippet.ours.score.fp == 0
    assert "RuntimeError" in format_report(report)


def test_report_serialises_to_json(data_dir: Path) -> None:
    report = run_evaluation(data_dir, only=["scraped-text", "htmldate-eval"], limit=1)
    data = json.loads(json.dumps(report.to_dict()))
    assert set(data["datasets"]) == {"scraped-text", "htmldate-eval"}
    ours = data["datasets"]["scraped-text"]["ours"]
    assert ours["pages"] == 1 and set(ours["score"]) >= {"precision", "recall", "f1"}


def test_format_report_puts_systems_side_by_side(data_dir: Path) -> None:
    text = format_report(run_evaluation(data_dir, only=["scraped-text"]))
    header = next(line for line in text.splitlines() if "newsloom" in line and "whole" in line)
    assert header.index("newsloom") < header.index("whole text")
    assert any(line.strip().startswith("f1") for line in text.splitlines())


def test_identity_baseline_speed_is_not_reported(data_dir: Path) -> None:
    report = run_evaluation(data_dir, only=["scraped-text"])
    baseline = report.to_dict()["datasets"]["scraped-text"]["baseline"]
    assert baseline["pages_per_second"] is None
    speed_line = next(line for line in format_report(report).splitlines() if "pages/s" in line)
    assert speed_line.split()[-1] == "-" and "x" not in speed_line
