"""Scraped-text benchmark: article bodies from plain text that still has page chrome.

Layout: `gold.json` (`{id: "<articleBody>"}`) and `txt/<id>.txt` (UTF-8).
newsloom's text cleaner against keeping the whole text, shingle metric.
"""

from __future__ import annotations

from pathlib import Path

from newsloom.eval.metrics import BodyScore, PageScore, aggregate, score_page
from newsloom.eval.runner import Comparison, DatasetResult, EvalPage, take
from newsloom.eval.sources import load_gold, read_utf8_text
from newsloom.eval.split import DEFAULT_SPLIT, SplitChoice
from newsloom.eval.systems import NEWSLOOM_TEXT, WHOLE_TEXT

NAME = "scraped-text"
GOLD_FILE = "gold.json"
PAGE_FOLDER = "txt"
PAGE_SUFFIX = ".txt"


def list_pages(folder: Path, limit: int | None = None) -> list[EvalPage[str]]:
    gold = load_gold(folder, GOLD_FILE)
    return [
        EvalPage(key, gold[key] if isinstance(gold[key], str) else "", _page_path(folder, key))
        for key in take(gold, limit)
    ]


def _page_path(folder: Path, key: str) -> Path:
    return folder / PAGE_FOLDER / f"{key}{PAGE_SUFFIX}"


def evaluate_scraped_text(
    folder: Path, limit: int | None = None, split: SplitChoice = DEFAULT_SPLIT
) -> DatasetResult[BodyScore]:
    comparison: Comparison[str, str, str, PageScore, BodyScore] = Comparison(
        name=NAME,
        metric="shingle",
        read=read_utf8_text,
        ours=NEWSLOOM_TEXT,
        baseline=WHOLE_TEXT,
        empty="",
        score_page=score_page,
        aggregate=aggregate,
    )
    return comparison.run(list_pages(folder, limit), split)
