"""The PolNeAR scorer on a tiny invented BRAT set."""

from __future__ import annotations

from pathlib import Path

from newsloom.eval import polnear

TEXT = 'The vote is lost, Anna Kovacs said on Monday.\n\n"We will try again next year," she said.'
QUOTE_START = TEXT.index('"')
ANN = (
    "T1\tSource 18 29\tAnna Kovacs\n"
    "T2\tCue 30 34\tsaid\n"
    "T3\tContent 0 16\tThe vote is lost\n"
    "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n"
    f'T4\tContent {QUOTE_START} {QUOTE_START + 31}\t"We will try again next year,"\n'
    f"T5\tSource {QUOTE_START + 32} {QUOTE_START + 35}\tshe\n"
    "E2\tContent:T4 Source:T5\n"
)


def write_set(root: Path) -> Path:
    folder = root / "polnear"
    for sub in ("text", "attributions"):
        (folder / "dev" / sub).mkdir(parents=True)
    (folder / "dev" / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "dev" / "attributions" / "a_1.ann").write_text(ANN, encoding="utf-8")
    (folder / "dev" / "attributions" / "a_2.ann").write_text("", encoding="utf-8")
    return folder


def test_gold_kinds_follow_quote_marks() -> None:
    units = polnear.read_ann(ANN, TEXT)
    assert [u.kind for u in units] == ["reported", "direct"]
    assert units[1].speaker == ((QUOTE_START + 32, QUOTE_START + 35),)


def test_scoring_counts_exact_overlap_and_speakers() -> None:
    gold = polnear.read_ann(ANN, TEXT)
    shifted = polnear.Unit(2, 10, "reported", ((18, 22),))
    wrong_speaker = polnear.Unit(QUOTE_START + 1, QUOTE_START + 29, "direct", ((0, 3),))
    score = polnear.score_page(gold, polnear.Page(TEXT, (shifted, wrong_speaker)))
    metrics = score.metrics()
    assert metrics["reported F1"] == 1.0 and metrics["reported F1 exact"] == 0.0
    assert metrics["reported speaker acc"] == 1.0
    assert metrics["direct F1 exact"] == 1.0  # quote marks and commas are trimmed
    assert metrics["direct speaker acc"] == 0.0
    assert metrics["combined F1"] == 1.0 and metrics["combined F1 exact"] == 0.5
    assert metrics["combined speaker acc"] == 0.5


def test_evaluate_uses_the_first_annotator_and_runs_both_systems(tmp_path: Path) -> None:
    result = polnear.evaluate_polnear(write_set(tmp_path))
    assert result.pages == 1
    ours = result.ours.score.metrics()
    assert ours["direct F1"] == 1.0 and ours["direct speaker acc"] == 1.0
    assert ours["reported F1"] == 1.0
    assert result.baseline.score.metrics()["reported F1"] == 0.0
