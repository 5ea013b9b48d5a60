"""htmldate's evaluation set: the original publication date of a page, from its HTML only.

Layout: `gold.json` (`{url: {"file", "date": "YYYY-MM-DD", "subset"}}`) and
`html/<file>`. newsloom's `published` against `htmldate.find_date`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from newsloom.eval.metrics import Confusion, DateOutcome, count_dates, date_outcome
from newsloom.eval.runner import Comparison, DatasetResult, EvalPage, take
from newsloom.eval.sources import load_gold, read_gzip_html
from newsloom.eval.split import DEFAULT_SPLIT, SplitChoice
from newsloom.eval.systems import HTMLDATE, NEWSLOOM_DATE

NAME = "htmldate-eval"
GOLD_FILE = "gold.json"
PAGE_FOLDER = "html"


def list_pages(folder: Path, limit: int | None = None) -> list[EvalPage[str | None]]:
    gold = load_gold(folder, GOLD_FILE)
    pages: list[EvalPage[str | None]] = []
    for url in take(gold, limit):
        entry = gold[url]
        if not isinstance(entry, dict) or not entry.get("file"):
            continue
        date = entry.get("date")
        gold_date = date if isinstance(date, str) and date else None
        file_name = str(entry["file"])
        pages.append(EvalPage(url, gold_date, folder / PAGE_FOLDER / file_name, unit=file_name))
    return pages


def _count(outcomes: Sequence[DateOutcome]) -> Confusion:
    return count_dates(outcomes)


def evaluate_htmldate(
    folder: Path, limit: int | None = None, split: SplitChoice = DEFAULT_SPLIT
) -> DatasetResult[Confusion]:
    comparison = Comparison(
        name=NAME,
        metric="date",
        read=read_gzip_html,
        ours=NEWSLOOM_DATE,
        baseline=HTMLDATE,
        empty=None,
        score_page=date_outcome,
        aggregate=_count,
    )
    return comparison.run(list_pages(folder, limit), split)
