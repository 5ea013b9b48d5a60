from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

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
from newsloom.store import LOCK_WAIT_SECONDS, StoreBusy, open_store

if TYPE_CHECKING:
    from newsloom.pipeline import RunResult

# Exit status of a run the store was too busy to start (another writer kept it locked).
EXIT_STORE_BUSY = 3

LockWaitOption = Annotated[
    float,
    typer.Option(
        "--lock-wait",
        help="Seconds a write waits for another writer's lock; past it the input is"
        " dropped as store_busy and the run goes on.",
        envvar="NEWSLOOM_LOCK_WAIT",
        min=0.0,
    ),
]


def ingest(
    paths: PathsArgument,
    db: DbOption = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="Print the counts as JSON.")] = False,
    enrich: EnrichOption = True,
    model: ModelOption = None,
    lock_wait: LockWaitOption = LOCK_WAIT_SECONDS,
) -> None:
    """Read news inputs, extract articles and store them; ends with the run's counts."""
    try:
        result = _run(paths, db, Options(enrich=enrich, model=model), lock_wait)
    except StoreBusy as error:
        err.print(f"store busy, nothing ingested: {error}", markup=False, soft_wrap=True)
        raise typer.Exit(EXIT_STORE_BUSY) from None
    counts = result.counts.to_dict()
    if as_json:
        emit(json.dumps({"run": result.run_id, **counts}))
        return
    out.print(f"run {result.run_id}: " + _progress_line(result.counts))
    for bucket in ("dropped", "failed"):
        for reason, number in counts[bucket].items():
            out.print(f"  {bucket} {reason}: {number}")


def _run(paths: list[str], db: Path, options: Options, lock_wait: float) -> RunResult:
    from newsloom.pipeline import Pipeline

    with Pipeline(open_store(db, lock_wait=lock_wait), options) as pipeline:
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

                return pipeline.ingest(paths, progress)
        return pipeline.ingest(paths)


def _progress_line(counts: RunCounts) -> str:
    return (
        f"read {counts.read}, stored {counts.stored}, merged {counts.merged}, "
        f"updated {counts.updated}, unchanged {counts.unchanged}, pending {counts.pending}, "
        f"dropped {sum(counts.dropped.values())}, failed {sum(counts.failed.values())}"
    )


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
