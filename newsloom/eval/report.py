"""The evaluation report: per-set results side by side, skipped sets with reasons.

Each set is a table: for each part shown (the tuning half, the check half, the whole
set; or the one half asked for) newsloom, its baseline and the difference.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsloom.eval.runner import DatasetResult, PartResult, SystemResult
from newsloom.eval.split import DEFAULT_SPLIT, SplitChoice

DECIMALS = 3
# Column widths: newsloom and the baseline, then the difference (room for `-1212.742`).
VALUE_WIDTH = 9
DIFF_WIDTH = 10
PART_WIDTH = 2 * VALUE_WIDTH + DIFF_WIDTH
SPLIT_NOTES = {
    "both": "tune = the half to study and tune on; check = scored only, a gain must hold there",
    "tune": "tuning half only",
    "check": "check half only",
    "whole": "whole sets, no split",
}


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
    split: SplitChoice = DEFAULT_SPLIT
    results: list[DatasetResult[Any]] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    seconds: float = 0.0

    def result(self, name: str) -> DatasetResult[Any] | None:
        return next((r for r in self.results if r.name == name), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "data_dir": str(self.data_dir),
            "limit": self.limit,
            "split": self.split,
            "seconds": round(self.seconds, 3),
            "datasets": {r.name: r.to_dict() for r in self.results},
            "skipped": [s.to_dict() for s in self.skipped],
        }


def format_report(report: EvalReport) -> str:
    """A plain-text table per set: newsloom beside its baseline, then the difference,
    for each part of the set (the two halves and the whole, or the one half asked for)."""
    limit = f", first {report.limit} pages per set" if report.limit is not None else ""
    lines = [f"newsloom evaluation: {report.data_dir}{limit} ({report.seconds:.1f} s)"]
    lines.append(f"split: {report.split} ({SPLIT_NOTES[report.split]})")
    for result in report.results:
        lines.append("")
        lines.extend(_format_result(result))
    if report.skipped:
        lines.append("")
        lines.append("skipped:")
        lines.extend(f"  {s.name}: {s.reason}" for s in report.skipped)
    return "\n".join(lines)


def _format_result(result: DatasetResult[Any]) -> list[str]:
    parts = result.parts()
    ours, base = result.ours, result.baseline
    header = f"{result.name}: {result.metric} metric; {ours.system} vs {base.system}"
    if result.unreadable:
        header += f"; {result.unreadable} unreadable files skipped"
    names = _metric_names(parts)
    label = max([12, *(len(name) for name in names)])
    titles = "".join(f"  {' ' + _title(part) + ' ':-^{PART_WIDTH}}" for part in parts)
    columns = f"{'newsloom':>{VALUE_WIDTH}}{'baseline':>{VALUE_WIDTH}}{'diff':>{DIFF_WIDTH}}"
    rows = [header, f"  {'':<{label}}{titles}", f"  {'':<{label}}" + f"  {columns}" * len(parts)]
    for name in names:
        cells = "".join(f"  {_metric_cells(part, name)}" for part in parts)
        rows.append(f"  {name:<{label}}{cells}")
    speeds = "".join(f"  {_speed_cells(part)}" for part in parts)
    rows.append(f"  {'pages/s':<{label}}{speeds}".rstrip())
    errors = "".join(
        f"  {part.ours.error_count:>{VALUE_WIDTH}}{part.baseline.error_count:>{VALUE_WIDTH}}"
        f"{'':>{DIFF_WIDTH}}"
        for part in parts
    )
    rows.append(f"  {'errors':<{label}}{errors}".rstrip())
    reasons = _error_reasons(parts[-1].ours.errors)
    if reasons:
        rows.append(f"  newsloom errors by reason ({parts[-1].part}): {reasons}")
    return rows


def _title(part: PartResult[Any]) -> str:
    return f"{part.part}: {part.pages} page{'' if part.pages == 1 else 's'}"


def _metric_names(parts: list[PartResult[Any]]) -> list[str]:
    """Every metric any part reports, in the order they first come."""
    names: dict[str, None] = {}
    for part in parts:
        for system in (part.ours, part.baseline):
            names.update(dict.fromkeys(system.score.metrics()))
    return list(names)


def _metric_cells(part: PartResult[Any], name: str) -> str:
    value = part.ours.score.metrics().get(name) if part.pages else None
    other = part.baseline.score.metrics().get(name) if part.pages else None
    diff = value - other if value is not None and other is not None else None
    return (
        f"{_number(value, VALUE_WIDTH)}{_number(other, VALUE_WIDTH)}"
        f"{_number(diff, DIFF_WIDTH, sign=True)}"
    )


def _number(value: float | None, width: int, sign: bool = False) -> str:
    if value is None:
        return f"{'-':>{width}}"
    return f"{value:>+{width}.{DECIMALS}f}" if sign else f"{value:>{width}.{DECIMALS}f}"


def _speed_cells(part: PartResult[Any]) -> str:
    return f"{_speed(part.ours)}{_speed(part.baseline)}{_ratio(part.ours, part.baseline)}"


def _speed(system: SystemResult[Any]) -> str:
    shown = system.timed and system.pages
    return f"{system.pages_per_second:>{VALUE_WIDTH}.1f}" if shown else f"{'-':>{VALUE_WIDTH}}"


def _ratio(ours: SystemResult[Any], base: SystemResult[Any]) -> str:
    """Our speed over the baseline's, shown as `x0.85`; blank when it means nothing."""
    if not (ours.timed and base.timed and base.pages_per_second):
        return f"{'':>{DIFF_WIDTH}}"
    return f"{'x' + format(ours.pages_per_second / base.pages_per_second, '.2f'):>{DIFF_WIDTH}}"


def _error_reasons(errors: dict[str, int]) -> str:
    return ", ".join(f"{reason} {count}" for reason, count in sorted(errors.items()))
