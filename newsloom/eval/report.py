"""The evaluation report: per-set results side by side, skipped sets with reasons."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsloom.eval.runner import DatasetResult, SystemResult

DECIMALS = 3


@dataclass(slots=True, frozen=True)
class Skipped:
    name: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "reason": self.reason}


@dataclass(slots=True)
class EvalReport:
    data_dir: Path
    limit: int | None = None
    results: list[DatasetResult[Any]] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    seconds: float = 0.0

    def result(self, name: str) -> DatasetResult[Any] | None:
        return next((r for r in self.results if r.name == name), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "data_dir": str(self.data_dir),
            "limit": self.limit,
            "seconds": round(self.seconds, 3),
            "datasets": {r.name: r.to_dict() for r in self.results},
            "skipped": [s.to_dict() for s in self.skipped],
        }


def format_report(report: EvalReport) -> str:
    """A plain-text table per set: newsloom beside its baseline, then the difference."""
    limit = f", first {report.limit} pages per set" if report.limit is not None else ""
    lines = [f"newsloom evaluation: {report.data_dir}{limit} ({report.seconds:.1f} s)"]
    for result in report.results:
        lines.append("")
        lines.extend(_format_result(result))
    if report.skipped:
        lines.append("")
        lines.append("skipped:")
        lines.extend(f"  {s.name}: {s.reason}" for s in report.skipped)
    return "\n".join(lines)


def _format_result(result: DatasetResult[Any]) -> list[str]:
    ours, base = result.ours, result.baseline
    header = f"{result.name}: {result.pages} pages, {result.metric} metric"
    if result.unreadable:
        header += f", {result.unreadable} unreadable files skipped"
    width = max(len(ours.system), len(base.system), 9)
    ours_metrics, base_metrics = ours.score.metrics(), base.score.metrics()
    label = max([12, *(len(metric) for metric in ours_metrics)])
    rows = [f"  {'':<{label}} {ours.system:>{width}} {base.system:>{width}} {'diff':>8}"]
    for metric, value in ours_metrics.items():
        other = base_metrics[metric]
        rows.append(
            f"  {metric:<{label}} {value:>{width}.{DECIMALS}f} {other:>{width}.{DECIMALS}f}"
            f" {value - other:>+8.{DECIMALS}f}"
        )
    speeds = f"{_speed(ours, width)} {_speed(base, width)} {_ratio(ours, base)}"
    rows.append(f"  {'pages/s':<{label}} {speeds}".rstrip())
    rows.append(f"  {'errors':<{label}} {ours.error_count:>{width}} {base.error_count:>{width}}")
    reasons = _error_reasons(ours.errors)
    if reasons:
        rows.append(f"  newsloom errors by reason: {reasons}")
    return [header, *rows]


def _speed(system: SystemResult[Any], width: int) -> str:
    return f"{system.pages_per_second:>{width}.1f}" if system.timed else f"{'-':>{width}}"


def _ratio(ours: SystemResult[Any], base: SystemResult[Any]) -> str:
    """Our speed over the baseline's, shown as `x0.85`; blank when it means nothing."""
    if not (ours.timed and base.timed and base.pages_per_second):
        return f"{'':>8}"
    return f"{'x' + format(ours.pages_per_second / base.pages_per_second, '.2f'):>8}"


def _error_reasons(errors: dict[str, int]) -> str:
    return ", ".join(f"{reason} {count}" for reason, count in sorted(errors.items()))
