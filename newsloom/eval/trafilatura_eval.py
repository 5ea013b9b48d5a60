"""trafilatura's evaluation corpus: main text judged by snippets that must (not) appear.

Layout: `evaldata.json` (`{url: {"file", "with": [...], "without": [...], ...}}`) and
`html/<file>`. newsloom against trafilatura with upstream's settings; snippet
counts are summed over the set before scoring.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsloom.eval.metrics import Confusion, count_snippets
from newsloom.eval.runner import Comparison, DatasetResult, EvalPage, take
from newsloom.eval.sources import load_gold, read_gzip_html
from newsloom.eval.split import DEFAULT_SPLIT, SplitChoice
from newsloom.eval.systems import NEWSLOOM_HTML, TRAFILATURA_EVAL

NAME = "trafilatura-eval"
GOLD_FILE = "evaldata.json"
PAGE_FOLDER = "html"


@dataclass(slots=True, frozen=True)
class Snippets:
    with_snippets: tuple[str, ...]
    without_snippets: tuple[str, ...]


def list_pages(folder: Path, limit: int | None = None) -> list[EvalPage[Snippets]]:
    gold = load_gold(folder, GOLD_FILE)
    pages = []
    for url in take(gold, limit):
        entry = gold[url]
        if not isinstance(entry, dict) or not entry.get("file"):
            continue
        snippets = Snippets(_strings(entry.get("with")), _strings(entry.get("without")))
        file_name = str(entry["file"])
        pages.append(EvalPage(url, snippets, folder / PAGE_FOLDER / file_name, unit=file_name))
    return pages


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(s for s in value if isinstance(s, str)) if isinstance(value, list) else ()


def _score_page(gold: Snippets, predicted: str) -> Confusion:
    return count_snippets(predicted, gold.with_snippets, gold.without_snippets)


def _sum(pages: Sequence[Confusion]) -> Confusion:
    return Confusion.total(pages)


def evaluate_trafilatura(
    folder: Path, limit: int | None = None, split: SplitChoice = DEFAULT_SPLIT
) -> DatasetResult[Confusion]:
    comparison = Comparison(
        name=NAME,
        metric="snippet",
        read=read_gzip_html,
        ours=NEWSLOOM_HTML,
        baseline=TRAFILATURA_EVAL,
        empty="",
        score_page=_score_page,
        aggregate=_sum,
    )
    return comparison.run(list_pages(folder, limit), split)
