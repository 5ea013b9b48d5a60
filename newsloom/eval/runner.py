"""Run two systems over the same pages, time each, catch their failures, score them.

Every dataset module lists its pages and says how to read one, how each system
turns the input into an output, how a page is scored and how page scores add up;
`compare` does the rest, the same way for every set.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from newsloom.eval.progress import Progress

GoldT = TypeVar("GoldT")
InputT = TypeVar("InputT")
OutputT = TypeVar("OutputT")
PageScoreT = TypeVar("PageScoreT")


class Score(Protocol):
    """What a set-level score offers the report: named metrics in [0, 1] and JSON."""

    def metrics(self) -> dict[str, float]: ...

    def to_dict(self) -> dict[str, Any]: ...


ScoreT = TypeVar("ScoreT", bound=Score)


class DatasetLayoutError(Exception):
    """A dataset folder exists but lacks what its layout needs (e.g. the gold file)."""


class MissingBaselineError(Exception):
    """A baseline library is not installed (they come with the `eval` extra)."""

    def __init__(self, package: str) -> None:
        super().__init__(f"baseline {package} not installed: pip install 'newsloom[eval]'")
        self.package = package


@dataclass(slots=True, frozen=True)
class EvalPage(Generic[GoldT]):
    key: str
    gold: GoldT
    path: Path


@dataclass(slots=True, frozen=True)
class System(Generic[InputT, OutputT]):
    """One extractor under test: `run` maps an input to its output.

    `timed` is False for a trivial baseline (e.g. the identity) whose speed says nothing.
    """

    name: str
    run: Callable[[InputT], OutputT]
    timed: bool = True


@dataclass(slots=True)
class _Tally:
    seconds: float = 0.0
    errors: dict[str, int] = field(default_factory=dict)

    def call(self, run: Callable[[InputT], OutputT], data: InputT, empty: OutputT) -> OutputT:
        """Run and time one page; any exception is counted by reason and gives `empty`."""
        start = time.perf_counter()
        try:
            return run(data)
        except Exception as exc:
            reason = getattr(exc, "reason", None) or type(exc).__name__
            self.errors[str(reason)] = self.errors.get(str(reason), 0) + 1
            return empty
        finally:
            self.seconds += time.perf_counter() - start


@dataclass(slots=True, frozen=True)
class SystemResult(Generic[ScoreT]):
    """One system's score on a set, with its speed and its failures by reason."""

    system: str
    score: ScoreT
    pages: int
    seconds: float
    errors: dict[str, int]
    timed: bool = True

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "system": self.system,
            "score": self.score.to_dict(),
            "pages": self.pages,
            "seconds": round(self.seconds, 4),
            "pages_per_second": round(self.pages_per_second, 3) if self.timed else None,
            "errors": self.error_count,
            "errors_by_reason": dict(sorted(self.errors.items())),
        }


@dataclass(slots=True, frozen=True)
class DatasetResult(Generic[ScoreT]):
    """newsloom and a baseline on the same pages of one set."""

    name: str
    metric: str
    pages: int
    unreadable: int
    ours: SystemResult[ScoreT]
    baseline: SystemResult[ScoreT]
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "metric": self.metric,
            "pages": self.pages,
            "unreadable_files": self.unreadable,
            "seconds": round(self.seconds, 3),
            "ours": self.ours.to_dict(),
            "baseline": self.baseline.to_dict(),
        }


def take(keys: Iterable[str], limit: int | None) -> list[str]:
    """Sorted keys, the first `limit` of them when a limit is given."""
    ordered = sorted(keys)
    return ordered if limit is None else ordered[: max(limit, 0)]


@dataclass(slots=True, frozen=True)
class Comparison(Generic[GoldT, InputT, OutputT, PageScoreT, ScoreT]):
    """How one set is scored: read a page, run both systems, score and aggregate."""

    name: str
    metric: str
    read: Callable[[Path], InputT]
    ours: System[InputT, OutputT]
    baseline: System[InputT, OutputT]
    empty: OutputT
    score_page: Callable[[GoldT, OutputT], PageScoreT]
    aggregate: Callable[[Sequence[PageScoreT]], ScoreT]

    def run(self, pages: Sequence[EvalPage[GoldT]]) -> DatasetResult[ScoreT]:
        started = time.perf_counter()
        ours_tally, baseline_tally = _Tally(), _Tally()
        ours_scores: list[PageScoreT] = []
        baseline_scores: list[PageScoreT] = []
        unreadable = 0
        self._warm_up(pages)
        progress = Progress(self.name, len(pages), sys.stderr)
        for page in pages:
            progress.step()
            try:
                data = self.read(page.path)
            except OSError:
                unreadable += 1
                continue
            ours_out = ours_tally.call(self.ours.run, data, self.empty)
            baseline_out = baseline_tally.call(self.baseline.run, data, self.empty)
            ours_scores.append(self.score_page(page.gold, ours_out))
            baseline_scores.append(self.score_page(page.gold, baseline_out))
        progress.done()
        scored = len(ours_scores)
        return DatasetResult(
            name=self.name,
            metric=self.metric,
            pages=scored,
            unreadable=unreadable,
            ours=self._result(self.ours, ours_scores, ours_tally),
            baseline=self._result(self.baseline, baseline_scores, baseline_tally),
            seconds=time.perf_counter() - started,
        )

    def _warm_up(self, pages: Sequence[EvalPage[GoldT]]) -> None:
        """Run both systems once, untimed, so lazy imports and model loads are not timed."""
        for page in pages:
            try:
                data = self.read(page.path)
            except OSError:
                continue
            for system in (self.ours, self.baseline):
                _Tally().call(system.run, data, self.empty)
            return

    def _result(
        self, system: System[InputT, OutputT], scores: Sequence[PageScoreT], tally: _Tally
    ) -> SystemResult[ScoreT]:
        score = self.aggregate(scores)
        return SystemResult(
            system.name, score, len(scores), tally.seconds, tally.errors, system.timed
        )
