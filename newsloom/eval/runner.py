"""Run two systems over the same pages, time each, catch their failures, score them.

Every dataset module lists its pages and says how to read one, how each system
turns the input into an output, how a page is scored and how page scores add up;
`Comparison.run` does the rest, the same way for every set, including the split
(`newsloom.eval.split`): it scores the pages of the half asked for, or all of them, and
adds page scores up per half as well as over the whole, from the same single run.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from newsloom.eval.progress import Progress
from newsloom.eval.split import DEFAULT_SPLIT, HALVES, SplitChoice, half_of, keeps, split_set

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
    """One item of a set. `key` orders the pages (and `--limit` takes the first);
    `unit`, when given, is the item's split key where it is not `key` (a file name
    for a page keyed by URL, a document id for a page keyed by its path)."""

    key: str
    gold: GoldT
    path: Path
    unit: str | None = None

    @property
    def split_key(self) -> str:
        return self.key if self.unit is None else self.unit


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
    """Each call's time and failure reason (None when it ran), in call order."""

    times: list[float] = field(default_factory=list)
    failures: list[str | None] = field(default_factory=list)

    def call(self, run: Callable[[InputT], OutputT], data: InputT, empty: OutputT) -> OutputT:
        """Run and time one page; any exception is counted by reason and gives `empty`."""
        start = time.perf_counter()
        failure: str | None = None
        try:
            return run(data)
        except Exception as exc:
            failure = str(getattr(exc, "reason", None) or type(exc).__name__)
            return empty
        finally:
            self.times.append(time.perf_counter() - start)
            self.failures.append(failure)

    def seconds(self, calls: Sequence[int]) -> float:
        total = 0.0
        for i in calls:
            total += self.times[i]
        return total

    def errors(self, calls: Sequence[int]) -> dict[str, int]:
        counts: dict[str, int] = {}
        for i in calls:
            reason = self.failures[i]
            if reason is not None:
                counts[reason] = counts.get(reason, 0) + 1
        return counts


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
class PartResult(Generic[ScoreT]):
    """newsloom and the baseline on one part of a set: a half (`tune`, `check`) or `whole`."""

    part: str
    pages: int
    unreadable: int
    ours: SystemResult[ScoreT]
    baseline: SystemResult[ScoreT]

    def to_dict(self) -> dict[str, Any]:
        return {
            "pages": self.pages,
            "unreadable_files": self.unreadable,
            "ours": self.ours.to_dict(),
            "baseline": self.baseline.to_dict(),
        }


@dataclass(slots=True, frozen=True)
class DatasetResult(Generic[ScoreT]):
    """newsloom and a baseline on the same pages of one set.

    `pages`, `ours` and `baseline` cover every page scored: the whole set, or only one
    half when `split` names one. `halves` holds each half scored on its own (both for
    `split="both"`, the one asked for, none for `split="whole"`).
    """

    name: str
    metric: str
    pages: int
    unreadable: int
    ours: SystemResult[ScoreT]
    baseline: SystemResult[ScoreT]
    seconds: float
    split: SplitChoice = "whole"
    halves: dict[str, PartResult[ScoreT]] = field(default_factory=dict)

    def whole(self) -> PartResult[ScoreT]:
        """Every page scored, as a part."""
        return PartResult("whole", self.pages, self.unreadable, self.ours, self.baseline)

    def parts(self) -> list[PartResult[ScoreT]]:
        """What the report shows side by side: the halves, then the whole when both ran."""
        if self.split == "whole" or not self.halves:
            return [self.whole()]
        shown = [self.halves[half] for half in HALVES if half in self.halves]
        return [*shown, self.whole()] if len(shown) > 1 else shown

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "metric": self.metric,
            "split": self.split,
            "pages": self.pages,
            "unreadable_files": self.unreadable,
            "seconds": round(self.seconds, 3),
            "ours": self.ours.to_dict(),
            "baseline": self.baseline.to_dict(),
            "halves": {half: part.to_dict() for half, part in self.halves.items()},
        }


def take(keys: Iterable[str], limit: int | None) -> list[str]:
    """Sorted keys, the first `limit` of them when a limit is given."""
    ordered = sorted(keys)
    return ordered if limit is None else ordered[: max(limit, 0)]


def _halves_of(split: SplitChoice) -> tuple[str, ...]:
    """The halves a run reports apart: both, the one asked for, or none (`whole`)."""
    if split == "both":
        return HALVES
    return () if split == "whole" else (split,)


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

    def run(
        self, pages: Sequence[EvalPage[GoldT]], split: SplitChoice = DEFAULT_SPLIT
    ) -> DatasetResult[ScoreT]:
        """Score the pages of `split` (one half, or all for `both` and `whole`).

        Each page is run once; the whole and each half are aggregated from the same
        page scores, so the whole equals what a run without a split gives.
        """
        started = time.perf_counter()
        set_name = split_set(self.name)
        keep = keeps(set_name, split)
        pages = [page for page in pages if keep(page.split_key)]
        ours_tally, baseline_tally = _Tally(), _Tally()
        ours_scores: list[PageScoreT] = []
        baseline_scores: list[PageScoreT] = []
        scored_halves: list[str] = []
        unreadable: list[str] = []
        self._warm_up(pages)
        progress = Progress(self.name, len(pages), sys.stderr)
        for page in pages:
            progress.step()
            half = half_of(set_name, page.split_key)
            try:
                data = self.read(page.path)
            except OSError:
                unreadable.append(half)
                continue
            ours_out = ours_tally.call(self.ours.run, data, self.empty)
            baseline_out = baseline_tally.call(self.baseline.run, data, self.empty)
            ours_scores.append(self.score_page(page.gold, ours_out))
            baseline_scores.append(self.score_page(page.gold, baseline_out))
            scored_halves.append(half)
        progress.done()
        every = range(len(ours_scores))
        halves: dict[str, PartResult[ScoreT]] = {}
        for part in _halves_of(split):
            calls = [i for i in every if scored_halves[i] == part]
            halves[part] = PartResult(
                part,
                len(calls),
                unreadable.count(part),
                self._result(self.ours, ours_scores, ours_tally, calls),
                self._result(self.baseline, baseline_scores, baseline_tally, calls),
            )
        return DatasetResult(
            name=self.name,
            metric=self.metric,
            pages=len(ours_scores),
            unreadable=len(unreadable),
            ours=self._result(self.ours, ours_scores, ours_tally, every),
            baseline=self._result(self.baseline, baseline_scores, baseline_tally, every),
            seconds=time.perf_counter() - started,
            split=split,
            halves=halves,
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
        self,
        system: System[InputT, OutputT],
        scores: Sequence[PageScoreT],
        tally: _Tally,
        calls: Sequence[int],
    ) -> SystemResult[ScoreT]:
        """One system's result over the scored pages numbered in `calls`."""
        score = self.aggregate([scores[i] for i in calls])
        return SystemResult(
            system.name,
            score,
            len(calls),
            tally.seconds(calls),
            tally.errors(calls),
            system.timed,
        )
