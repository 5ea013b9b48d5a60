from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from newsloom.cli.common import emit, err

DEFAULT_DATA = Path("../shared/eval")


def evaluate(
    data: Annotated[Path, typer.Option("--data", help="Folder of evaluation sets.")] = DEFAULT_DATA,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    only: Annotated[
        list[str] | None, typer.Option("--only", help="Only these sets (folder names).")
    ] = None,
    limit: Annotated[int | None, typer.Option(help="First N pages of each set.")] = None,
) -> None:
    """Score extraction on the evaluation sets, side by side with the plain libraries."""
    from newsloom.eval import UnknownDatasetError, format_report, run_evaluation

    if not data.is_dir():
        err.print(f"no evaluation data at {data}", markup=False)
        raise typer.Exit(2)
    try:
        report = run_evaluation(data, only=only, limit=limit)
    except UnknownDatasetError as error:
        err.print(str(error), markup=False)
        raise typer.Exit(2) from error
    emit(json.dumps(report.to_dict(), indent=2) if as_json else format_report(report))


def register(app: typer.Typer) -> None:
    app.command("eval")(evaluate)
