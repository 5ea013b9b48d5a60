from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from newsloom.cli.common import (
    DEFAULT_DB,
    DbOption,
    EnrichOption,
    ModelOption,
    PathsArgument,
    emit,
    err,
    interactive,
    out,
)
from newsloom.options import Options
from newsloom.record import RunCounts


def ingest(
    paths: PathsArgument,
    db: DbOption = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="Print the counts as JSON.")] = False,
    enrich: EnrichOption = True,
    model: ModelOption = None,
) -> None:
    """Read news inputs, extract articles and store them; ends with the run's counts."""
    from newsloom.pipeline import Pipeline

    with Pipeline(db, Options(enrich=enrich, model=model)) as pipeline:
        if interactive():
            with Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                TimeElapsedColumn(),
                console=err,
                transient=True,
            ) as bar:
                task = bar.add_task("ingesting", total=None)

                def progress(counts: RunCounts) -> None:
                    bar.update(task, description=_progress_line(counts))

                result = pipeline.ingest(paths, progress)
        else:
            result = pipeline.ingest(paths)
    counts = result.counts.to_dict()
    if as_json:
        emit(json.dumps({"run": result.run_id, **counts}))
        return
    out.print(f"run {result.run_id}: " + _progress_line(result.counts))
    for bucket in ("dropped", "failed"):
        for reason, number in counts[bucket].items():
            out.print(f"  {bucket} {reason}: {number}")


def _progress_line(counts: RunCounts) -> str:
    return (
        f"read {counts.read}, stored {counts.stored}, merged {counts.merged}, "
        f"updated {counts.updated}, unchanged {counts.unchanged}, pending {counts.pending}, "
        f"dropped {sum(counts.dropped.values())}, failed {sum(counts.failed.values())}"
    )


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
