from __future__ import annotations

from pathlib import Path

import pytest

from newsloom.eval import dataset_names, run_evaluation


@pytest.mark.shared
@pytest.mark.slow
def test_real_sets_give_sane_numbers(shared_dir: Path) -> None:
    report = run_evaluation(shared_dir / "eval", limit=5)
    assert {r.name for r in report.results} | {s.name for s in report.skipped} == set(
        dataset_names()
    )
    assert report.results, report.skipped
    for result in report.results:
        assert 0 < result.pages <= 5
        for system in (result.ours, result.baseline):
            assert system.pages == result.pages
            for name, value in system.score.metrics().items():
                # Shares lie in [0, 1]; distances (geocoding error in km) and rates
                # (events per sentence) are >= 0.
                unbounded = name.endswith(" km") or " per " in name
                assert value >= 0.0 if unbounded else 0.0 <= value <= 1.0, name
            assert system.error_count <= result.pages
