"""`newsloom eval`: both halves side by side by default, one with --split, JSON too."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from newsloom.cli import app
from tests.eval import fake_sets

runner = CliRunner()


def _eval(data: Path, *args: str) -> str:
    result = runner.invoke(app, ["eval", "--data", str(data), "--only", "trafilatura-eval", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_eval_prints_both_halves_and_the_whole(tmp_path: Path) -> None:
    fake_sets.write_trafilatura_eval(tmp_path)
    output = _eval(tmp_path)
    titles = next(line for line in output.splitlines() if "tune:" in line)
    assert titles.index("tune: 1 page") < titles.index("check: 1 page")
    assert titles.index("check: 1 page") < titles.index("whole: 2 pages")
    f1 = next(line for line in output.splitlines() if line.strip().startswith("f1"))
    assert len(f1.split()) == 1 + 3 * 3  # newsloom, baseline, diff for each part
    assert "split: both" in output


def test_split_option_scores_one_half(tmp_path: Path) -> None:
    fake_sets.write_trafilatura_eval(tmp_path)
    output = _eval(tmp_path, "--split", "check", "--limit", "2")
    assert "check: 1 page" in output and "tune:" not in output and "whole:" not in output
    whole = _eval(tmp_path, "--split", "whole")
    assert "whole: 2 pages" in whole and "tune:" not in whole


def test_json_carries_both_halves(tmp_path: Path) -> None:
    fake_sets.write_trafilatura_eval(tmp_path)
    data = json.loads(_eval(tmp_path, "--json"))
    result = data["datasets"]["trafilatura-eval"]
    assert data["split"] == result["split"] == "both"
    assert set(result["halves"]) == {"tune", "check"}
    tune, check = result["halves"]["tune"], result["halves"]["check"]
    assert tune["pages"] + check["pages"] == result["pages"] == 2
    assert {"ours", "baseline"} <= set(tune)


def test_unknown_split_is_refused(tmp_path: Path) -> None:
    fake_sets.write_trafilatura_eval(tmp_path)
    result = runner.invoke(app, ["eval", "--data", str(tmp_path), "--split", "train"])
    assert result.exit_code != 0
