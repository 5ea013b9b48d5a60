"""The TempEval-3 reader and scorer on an invented TimeML document."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from newsloom.eval import run_evaluation
from newsloom.eval.tempeval3 import (
    Timex,
    aggregate,
    evaluate_tempeval3,
    read_tml,
    score_timexes,
)

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>X1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2025-09-24" functionInDocument="CREATION_TIME">
20250924</TIMEX3></DCT>
<TEXT>
Brask &amp; Co <EVENT eid="e1">said</EVENT> {t1} that sales rose {t2}.
</TEXT>
</TimeML>
""".format(
    t1='<TIMEX3 tid="t1" type="DATE" value="2025-09-23">Tuesday</TIMEX3>',
    t2='<TIMEX3 tid="t2" type="DURATION" value="P3Y">the past three years</TIMEX3>',
)


def test_read_tml_gives_text_anchor_and_gold_spans() -> None:
    doc, gold = read_tml(TML)
    assert doc.anchor == dt.date(2025, 9, 24)
    assert "Brask & Co said Tuesday" in doc.text
    assert [doc.text[g.start : g.end] for g in gold] == ["Tuesday", "the past three years"]
    assert gold[1].value == "P3Y" and gold[1].type == "DURATION"


def test_scores_strict_relaxed_value_and_type() -> None:
    gold = [Timex(0, 7, "2025-09-23", "DATE"), Timex(10, 30, "P3Y", "DURATION")]
    predicted = [
        Timex(0, 7, "2025-09-23", "DATE"),
        Timex(19, 30, "P2Y", "DURATION"),
        Timex(40, 44, "2024", "DATE"),
    ]
    metrics = aggregate([score_timexes(gold, predicted)]).metrics()
    assert metrics["strict F1"] == pytest.approx(2 * (1 / 3) * (1 / 2) / (1 / 3 + 1 / 2))
    assert metrics["relaxed P"] == pytest.approx(2 / 3)
    assert metrics["relaxed R"] == 1.0
    assert metrics["value acc"] == 0.5
    assert metrics["value F1"] == pytest.approx(0.8 * 0.5)
    assert metrics["type acc"] == 1.0


def test_evaluate_runs_both_systems(tmp_path: Path) -> None:
    folder = tmp_path / "TBAQ-cleaned" / "TimeBank"
    folder.mkdir(parents=True)
    (folder / "x1.tml").write_text(TML, encoding="utf-8")
    result = evaluate_tempeval3(tmp_path)
    assert result.pages == 1
    ours = result.ours.score.metrics()
    assert ours["relaxed R"] == 1.0
    assert ours["value acc"] == 1.0
    assert set(result.baseline.score.metrics()) == set(ours)


def test_set_is_skipped_with_the_extra_to_install_when_dateparser_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "tempeval3" / "TBAQ-cleaned" / "TimeBank"
    folder.mkdir(parents=True)
    (folder / "x1.tml").write_text(TML, encoding="utf-8")
    monkeypatch.setitem(sys.modules, "dateparser", None)  # import now fails
    monkeypatch.setitem(sys.modules, "dateparser.search", None)
    report = run_evaluation(tmp_path, only=["tempeval3"])
    assert report.results == []
    [skipped] = report.skipped
    assert "dateparser" in skipped.reason and "newsloom[eval]" in skipped.reason
