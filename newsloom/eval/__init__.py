"""The evaluation harness behind `newsloom eval` and `make eval`.

`run_evaluation(data_dir)` scores every registered set found under `data_dir`
(newsloom beside a plain baseline on the same pages), on the tuning and the check half
of each set side by side (`newsloom.eval.split`), `format_report` prints the result as
a table and `EvalReport.to_dict()` gives it as JSON.
"""

from __future__ import annotations

import time
from pathlib import Path

from newsloom.eval.registry import DATASETS, UnknownDatasetError, dataset_names, select
from newsloom.eval.report import EvalReport, Skipped, format_report
from newsloom.eval.runner import (
    DatasetLayoutError,
    DatasetResult,
    MissingBaselineError,
    SystemResult,
)
from newsloom.eval.split import DEFAULT_SPLIT, SPLIT_CHOICES, SplitChoice

__all__ = [
    "DATASETS",
    "DEFAULT_SPLIT",
    "SPLIT_CHOICES",
    "DatasetResult",
    "EvalReport",
    "Skipped",
    "SplitChoice",
    "SystemResult",
    "UnknownDatasetError",
    "dataset_names",
    "format_report",
    "run_evaluation",
]


def run_evaluation(
    data_dir: Path,
    only: list[str] | None = None,
    limit: int | None = None,
    split: SplitChoice = DEFAULT_SPLIT,
) -> EvalReport:
    """Score the registered sets found under `data_dir` (or only those named).

    `split`: `both` scores every page and reports the tuning and the check half side by
    side (and the whole); `tune` or `check` scores that half only; `whole` the set as one.
    `limit` takes the first pages of a set before the split.

    A set whose folder is missing, or whose gold file is, or whose baseline library
    is not installed, is reported as skipped;
    an unknown name in `only` raises `UnknownDatasetError`.
    """
    started = time.perf_counter()
    report = EvalReport(data_dir=Path(data_dir), limit=limit, split=split)
    for spec in select(only):
        folder = report.data_dir / spec.folder
        if not folder.is_dir():
            report.skipped.append(Skipped(spec.name, f"folder not found: {folder}"))
            continue
        try:
            report.results.append(spec.evaluate(folder, limit, split))
        except (DatasetLayoutError, MissingBaselineError) as exc:
            report.skipped.append(Skipped(spec.name, str(exc)))
    report.seconds = time.perf_counter() - started
    return report
