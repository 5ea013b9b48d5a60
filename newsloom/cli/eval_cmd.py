from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

from newsloom.cli.common import emit, err

if TYPE_CHECKING:
    from newsloom.eval.split import SplitChoice

DEFAULT_DATA = Path("../shared/eval")


class SplitOption(StrEnum):
    """The choices of --split (`newsloom.eval.split.SPLIT_CHOICES`)."""

    tune = "tune"
    check = "check"
    both = "both"
    whole = "whole"


def evaluate(
    data: Annotated[Path, typer.Option("--data", help="Folder of evaluation sets.")] = DEFAULT_DATA,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    only: Annotated[
        list[str] | None, typer.Option("--only", help="Only these sets (folder names).")
    ] = None,
    limit: Annotated[
        int | None, typer.Option(help="First N pages of each set (taken before the split).")
    ] = None,
    split: Annotated[
        SplitOption,
        typer.Option(
            "--split",
            help=(
                "Which half of each set to score: tune (study and tune rules on it), "
                "check (scored only; a gain must hold there too), both side by side "
                "with the whole set, or whole (no split)."
            ),
        ),
    ] = SplitOption.both,
    judged: Annotated[
        bool,
        typer.Option(
            "--judged",
            help="Score the judged real-news set instead: each emitted fact against its "
            "hand verdict (precision per fact kind, tune and check halves).",
        ),
    ] = False,
    unjudged: Annotated[
        Path | None,
        typer.Option(help="With --judged: write the facts without a verdict yet here (JSONL)."),
    ] = None,
) -> None:
    """Score extraction on the evaluation sets, side by side with the plain libraries.

    Each set is split once, by a fixed hash of its item keys, into a tuning half and a
    check half (newsloom.eval.split); by default both halves are reported side by side.
    """
    from newsloom.eval import UnknownDatasetError, format_report, run_evaluation

    if not data.is_dir():
        err.print(f"no evaluation data at {data}", markup=False)
        raise typer.Exit(2)
    if judged:
        _judged(data, as_json, unjudged)
        return
    try:
        report = run_evaluation(
            data, only=only, limit=limit, split=cast("SplitChoice", split.value)
        )
    except UnknownDatasetError as error:
        err.print(str(error), markup=False)
        raise typer.Exit(2) from error
    emit(json.dumps(report.to_dict(), indent=2) if as_json else format_report(report))


def _judged(data: Path, as_json: bool, unjudged: Path | None) -> None:
    from newsloom.eval.judged import evaluate_judged, format_judged, unjudged_packets

    run = evaluate_judged(data)
    if unjudged is not None:
        lines = [json.dumps(item, ensure_ascii=False) for item in unjudged_packets(run)]
        unjudged.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        err.print(f"{len(lines)} facts without a verdict written to {unjudged}", markup=False)
    if as_json:
        emit(json.dumps({name: s.to_dict() for name, s in run.halves.items()}, indent=2))
    else:
        emit(format_judged(run))


def register(app: typer.Typer) -> None:
    app.command("eval")(evaluate)
