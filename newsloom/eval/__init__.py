"""The evaluation harness behind `newsloom eval` and `make eval`.

`run_evaluation(data_dir)` scores every registered set found under `data_dir`
(newsloom beside a plain baseline on the same pages), `format_report` prints the
result as a table and `EvalReport.to_dict()` gives it as JSON.
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

__all__ = [
    "DATASETS",
    "DatasetResult",
    "EvalReport",
    "Skipped",
    "SystemResult",
    "UnknownDatasetError",
    "dataset_names",
    "format_report",
    "run_evaluation",
]


def run_evaluation(
    data_dir: Path, only: list[str] | None = None, limit: int | None = None
) -> EvalReport:
    """Score the registered sets found under `data_dir` (or only those named).

    A set whose folder is missing, or whose gold file is, or whose baseline library
    is not installed, is reported as skipped;
    an unknown name in `only` raises `UnknownDatasetError`.
    """
    started = time.perf_counter()
    report = EvalReport(data_dir=Path(data_dir), limit=limit)
    for spec in select(only):
        folder = report.data_dir / spec.folder
        if not folder.is_dir():
            report.skipped.append(Skipped(spec.name, f"folder not found: {folder}"))
            continue
        try:
            report.results.append(spec.evaluate(folder, limit))
        except (DatasetLayoutError, MissingBaselineError) as exc:
            report.skipped.append(Skipped(spec.name, str(exc)))
    report.seconds = time.perf_counter() - started
    return report
