"""ScrapingHub article-extraction benchmark: article bodies from news HTML.

Layout: `ground-truth.json` (`{id: {"url", "articleBody"}}`) and `html/<id>.html.gz`.
newsloom's HTML extraction against plain `trafilatura.extract`, shingle metric.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsloom.eval.metrics import BodyScore, PageScore, aggregate, score_page
from newsloom.eval.runner import Comparison, DatasetResult, EvalPage, take
from newsloom.eval.sources import load_gold, read_gzip_html
from newsloom.eval.split import DEFAULT_SPLIT, SplitChoice
from newsloom.eval.systems import NEWSLOOM_HTML, TRAFILATURA_DEFAULT

NAME = "scrapinghub-article-extraction"
GOLD_FILE = "ground-truth.json"
PAGE_FOLDER = "html"
PAGE_SUFFIX = ".html.gz"


def list_pages(folder: Path, limit: int | None = None) -> list[EvalPage[str]]:
    gold = load_gold(folder, GOLD_FILE)
    return [
        EvalPage(key, _body(gold[key]), folder / PAGE_FOLDER / f"{key}{PAGE_SUFFIX}")
        for key in take(gold, limit)
    ]


def _body(entry: Any) -> str:
    body = entry.get("articleBody") if isinstance(entry, dict) else None
    return body if isinstance(body, str) else ""


def evaluate_scrapinghub(
    folder: Path, limit: int | None = None, split: SplitChoice = DEFAULT_SPLIT
) -> DatasetResult[BodyScore]:
    comparison: Comparison[str, str, str, PageScore, BodyScore] = Comparison(
        name=NAME,
        metric="shingle",
        read=read_gzip_html,
        ours=NEWSLOOM_HTML,
        baseline=TRAFILATURA_DEFAULT,
        empty="",
        score_page=score_page,
        aggregate=aggregate,
    )
    return comparison.run(list_pages(folder, limit), split)
