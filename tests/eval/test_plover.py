"""The PLOVER evaluation on a tiny invented gold file: reading, scoring, both systems."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsloom.eval import plover
from newsloom.eval.registry import dataset_names
from newsloom.eval.runner import DatasetLayoutError

RECORDS = [
    {"id": "DOC-0", "event": "DOCUMENT", "text": "internal notes"},
    {
        "id": "T-1",
        "event": "COERCE",
        "text": "Police in Orvik arrested 14 protesters on Tuesday.",
        "source": [{"actorText": "Police in Orvik"}],
        "target": [{"actorText": "protesters"}],
    },
    {
        "id": "T-2",
        "event": "AGREE",
        "text": "The Ostrava government said it would withdraw its troops from Lindel.",
        "source": [{"actorText": "Ostrava government"}],
        "target": [{"actorText": "Lindel"}],
    },
    {
        "id": "T-3",
        "event": "PROTEST",
        "text": "Thousands of dock workers marched through Varna against the port tax.",
        "source": [{"actorText": "dock workers"}],
        "target": [],
    },
]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / plover.GOLD_FILE).write_text(json.dumps(RECORDS), encoding="utf-8")
    return tmp_path


def test_registered() -> None:
    assert plover.NAME in dataset_names()


def test_pages_skip_the_document_record(folder: Path) -> None:
    pages = plover.list_pages(folder)
    assert [p.key for p in pages] == ["T-1", "T-2", "T-3"]
    assert pages[1].gold.sources == ("Ostrava government",)
    assert plover.read_sentence(pages[0].path).startswith("Police in Orvik")


def test_missing_gold_is_a_layout_error(tmp_path: Path) -> None:
    with pytest.raises(DatasetLayoutError):
        plover.list_pages(tmp_path)


def test_actor_match_needs_a_shared_content_word() -> None:
    assert plover.actor_match("the police", ["Police in Orvik"]) is True
    assert plover.actor_match("the government", ["Police in Orvik"]) is False
    assert plover.actor_match("of the", ["the Union of Orvik"]) is False  # stopwords only
    assert plover.actor_match(None, ["Police"]) is False
    assert plover.actor_match("Police", []) is None


def test_scores_accuracy_macro_f1_and_actors() -> None:
    gold = [plover.Gold("AGREE", ("Ostrava",), ()), plover.Gold("PROTEST", ("workers",), ())]
    pages = [
        plover.score_page(gold[0], plover.Prediction("AGREE", "Ostrava", None)),
        plover.score_page(gold[1], plover.Prediction("AGREE", "police", None)),
    ]
    metrics = plover.aggregate(pages).metrics()
    assert metrics["category accuracy"] == 0.5
    # AGREE: P 1/2, R 1 -> F1 2/3; PROTEST: 0 -> macro 1/3
    assert metrics["category macro-F1"] == pytest.approx(1 / 3)
    assert metrics["source acc"] == 0.5
    assert metrics["target acc"] == 0.0  # no gold targets: nothing scored
    assert metrics["majority-class acc"] == 0.5


def test_over_generation_counts_every_emitted_event() -> None:
    gold = [plover.Gold("PROTEST", (), ()), plover.Gold("COERCE", (), ())]
    pages = [
        # the chosen event is right, yet two junk events came with it
        plover.score_page(
            gold[0], plover.Prediction("PROTEST", emitted=("PROTEST", "SANCTION", "AGREE"))
        ),
        plover.score_page(gold[1], plover.Prediction("COERCE", emitted=("COERCE",))),
        plover.score_page(gold[1], plover.Prediction()),
    ]
    metrics = plover.aggregate(pages).metrics()
    assert metrics["events per sentence"] == pytest.approx(4 / 3)
    assert metrics["all-event precision"] == 0.5
    assert metrics["category accuracy"] == pytest.approx(2 / 3)  # unaffected by the extras


def test_keyword_baseline_takes_the_first_trigger_word() -> None:
    found = plover.keyword_event("Crowds marched and police arrested them.")
    assert found.category == "PROTEST"
    assert found.source == "Crowds"
    assert plover.keyword_event("The weather was mild.").category is None


def test_newsloom_beats_nothing_on_invented_records(folder: Path) -> None:
    result = plover.evaluate_plover(folder)
    assert result.pages == 3
    ours = result.ours.score.metrics()
    assert ours["category accuracy"] == 1.0
    assert ours["source acc"] == 1.0
    assert ours["events per sentence"] >= 1.0
    assert 0.0 < ours["all-event precision"] <= 1.0
    assert result.baseline.system == "keyword-first-match"
