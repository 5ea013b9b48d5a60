from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
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
    say,
)
from newsloom.options import Options
from newsloom.record import RunCounts
from newsloom.store import LOCK_WAIT_SECONDS, StoreBusy, StoreUnavailable, open_store

if TYPE_CHECKING:
    from newsloom.pipeline import Executor, RunResult, WorkerStats

# Exit status of a run the store was too busy to start (another writer kept it locked).
EXIT_STORE_BUSY = 3
# Exit status when the Dask scheduler named by --scheduler cannot be reached.
EXIT_NO_SCHEDULER = 4
# Seconds between progress lines on a terminal-less stderr (a log, a CI job).
PROGRESS_SECONDS = 30.0

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
WorkersOption = Annotated[
    int | None,
    typer.Option(
        "--workers",
        help="Worker processes that extract and enrich (default: the machine's cores;"
        " 0: all in this process). With --dask, the LocalCluster's workers.",
        min=0,
        show_default=False,
    ),
]
DaskOption = Annotated[
    bool,
    typer.Option(
        "--dask",
        help="Run the batches on a new Dask LocalCluster of --workers processes.",
    ),
]
SchedulerOption = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="Run the batches on the Dask cluster of this scheduler (tcp://host:8786).",
        envvar="NEWSLOOM_DASK_SCHEDULER",
    ),
]
ResumeOption = Annotated[
    bool,
    typer.Option(
        "--resume",
        help="Skip the files and records that earlier runs wrote to this store (a run"
        " that was killed goes on where it stopped).",
    ),
]


def ingest(
    paths: PathsArgument,
    db: DbOption = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="Print the counts as JSON.")] = False,
    enrich: EnrichOption = True,
    model: ModelOption = None,
    lock_wait: LockWaitOption = LOCK_WAIT_SECONDS,
    workers: WorkersOption = None,
    dask: DaskOption = False,
    scheduler: SchedulerOption = None,
    resume: ResumeOption = False,
) -> None:
    """Read news inputs, extract articles and store them; ends with the run's counts.

    Batches of inputs are extracted and enriched on worker processes (or a Dask
    cluster) and written, in input order, by this process alone.
    """
    if dask and scheduler:
        err.print("--dask starts a cluster and --scheduler joins one: give one of them")
        raise typer.Exit(2)
    options = Options(enrich=enrich, model=model)
    try:
        with _executor(workers, dask, scheduler, options) as executor:
            result = _run(paths, db, options, lock_wait, executor, resume)
    except StoreBusy as error:
        err.print(f"store busy, nothing ingested: {error}", markup=False, soft_wrap=True)
        raise typer.Exit(EXIT_STORE_BUSY) from None
    except StoreUnavailable as error:
        # The server store went away past the lock wait; a rerun completes the store.
        err.print(f"store unavailable: {error}", markup=False, soft_wrap=True)
        raise typer.Exit(EXIT_STORE_BUSY) from None
    except _NoScheduler as error:
        err.print(str(error), markup=False, soft_wrap=True)
        raise typer.Exit(EXIT_NO_SCHEDULER) from None
    counts = result.counts.to_dict()
    if as_json:
        workers_json = {name: stats.to_dict() for name, stats in result.workers.items()}
        emit(
            json.dumps(
                {
                    "run": result.run_id,
                    **counts,
                    "skipped": result.skipped.to_dict(),
                    "workers": workers_json,
                }
            )
        )
        return
    out.print(f"run {result.run_id}: " + _progress_line(result.counts))
    for bucket in ("dropped", "failed"):
        for reason, number in counts[bucket].items():
            out.print(f"  {bucket} {reason}: {number}")
    if result.skipped.files or result.skipped.records:
        out.print(
            f"  resumed: skipped {result.skipped.files} files and {result.skipped.records}"
            " records written by earlier runs"
        )
    for name, stats in result.workers.items():
        say(
            f"  worker {name}: {stats.inputs} inputs in {stats.batches} batches,"
            f" peak {stats.peak_rss_mb:.0f} MB"
        )


class _NoScheduler(RuntimeError):
    pass


@contextmanager
def _executor(
    workers: int | None, dask: bool, scheduler: str | None, options: Options
) -> Iterator[Executor]:
    from newsloom.pipeline import InProcessExecutor

    if scheduler or dask:
        # Dask logs every worker's start and stop at INFO; keep the run's output to
        # warnings, here and in the workers, unless asked (Dask's own setting).
        os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")
    if scheduler:
        from newsloom.pipeline.cluster import DaskExecutor, connect

        try:
            client = connect(scheduler)
        except (OSError, TimeoutError, ValueError) as error:
            raise _NoScheduler(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None
        try:
            yield DaskExecutor(client)
        finally:
            client.close()
    elif dask:
        from newsloom.pipeline.cluster import DaskExecutor, local_cluster
        from newsloom.pipeline.processes import default_workers

        with local_cluster(workers or default_workers(), options) as client:
            yield DaskExecutor(client)
    elif workers == 0:
        yield InProcessExecutor()
    else:
        from newsloom.pipeline.processes import ProcessExecutor

        with ProcessExecutor(workers, inline_single_batch=True) as pool:
            yield pool


def _run(
    paths: list[str],
    db: str,
    options: Options,
    lock_wait: float,
    executor: Executor,
    resume: bool,
) -> RunResult:
    from newsloom.pipeline import BATCH_SIZE, InProcessExecutor, Pipeline

    elsewhere = not isinstance(executor, InProcessExecutor)
    with Pipeline(
        open_store(db, lock_wait=lock_wait),
        options,
        executor=executor,
        resume=resume,
        record_shards=True,
        # Batches cross to other processes: one input per batch would cost a round
        # trip each when there are no stages to batch for.
        batch_size=BATCH_SIZE if elsewhere else None,
    ) as pipeline:
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
                    line = _progress_line(counts) + _workers_line(pipeline.worker_stats())
                    bar.update(task, description=line)

                return pipeline.ingest(paths, progress)
        last = time.monotonic()

        def log_progress(counts: RunCounts) -> None:
            nonlocal last
            if time.monotonic() - last >= PROGRESS_SECONDS:
                last = time.monotonic()
                line = _progress_line(counts) + _workers_line(pipeline.worker_stats())
                say(line, console=err)

        return pipeline.ingest(paths, log_progress)


def _workers_line(workers: dict[str, WorkerStats]) -> str:
    if len(workers) < 2:
        return ""
    return "; workers " + ", ".join(f"{name}: {s.inputs}" for name, s in workers.items())


def _progress_line(counts: RunCounts) -> str:
    return (
        f"read {counts.read}, stored {counts.stored}, merged {counts.merged}, "
        f"updated {counts.updated}, unchanged {counts.unchanged}, pending {counts.pending}, "
        f"dropped {sum(counts.dropped.values())}, failed {sum(counts.failed.values())}"
    )


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
