"""What runs inside a worker: one batch through `process_batch`, told apart by worker.

A batch's outcome names the worker that processed it and that process's peak memory,
so the writer can show which worker did how much. A pool worker gets the options and
stages once, from its initializer (`start_worker`), and keeps them, with the models
the stages load on first use, for every batch it runs; a Dask task carries them (a few
hundred bytes), and each worker process keeps the models it loaded in its own caches.

A worker never raises on an input (`process_batch` turns every error into a drop or a
failure); the only errors that leave it are a worker that could not start
(`WorkerStartError`) and the loss of the worker itself, which the executors handle.
"""

from __future__ import annotations

import logging
import os
import pickle
import resource
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from newsloom.options import Options
from newsloom.pipeline.process import Item, Processed, process_batch
from newsloom.pipeline.stages import ArticleStage
from newsloom.printable import printable
from newsloom.record import Document, Provenance

log = logging.getLogger(__name__)

# An invented page each pool worker processes once when it starts, so the lazy imports,
# the language model and the one-off set-up of the date parsers, the rule tables and the
# gazetteer happen then, not inside the first real batch: metadata, a byline, a date in
# the text, places, a quote and events. It declares no language, so that the language
# identifier loads too (75 MB, and 100 MB while it loads: in the fork server, once for
# every worker, instead of in each worker at its first page without a declared one).
WARM_UP_PAGE = (
    "<!doctype html><html><head><meta charset='utf-8'>"
    "<title>Harbour board delays ferry timetable - Velmora Courier</title>"
    "<meta property='og:title' content='Harbour board delays ferry timetable'>"
    "<meta name='author' content='Ada Brenn'>"
    "<link rel='canonical' href='https://courier.example/2031/03/04/ferry'>"
    "<meta property='article:published_time' content='2031-03-04T09:30:00+01:00'>"
    '<script type="application/ld+json">{"@type": "NewsArticle",'
    ' "datePublished": "2031-03-04", "author": {"name": "Ada Brenn"}}</script>'
    "</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
    "<article><h1>Harbour board delays ferry timetable</h1>"
    "<p class='byline'>By Ada Brenn, March 4, 2031</p>"
    "<p>The harbour board of Velmora in Norway voted on Tuesday to delay the new ferry"
    " timetable until next month, its chair, Tomas Keller, said.</p>"
    '<p>"We need more time to test the boats," Keller told reporters in Oslo on'
    " Wednesday. The union accused the board of ignoring workers.</p>"
    "<p>Police arrested two protesters outside the town hall last week, a spokeswoman"
    " for the city said on 3 March 2031.</p></article>"
    "<footer>Copyright 2031 Velmora Courier</footer></body></html>"
)


@dataclass(slots=True)
class BatchOutcome:
    """A batch's results (in input order), the worker that made them and its peak RSS."""

    worker: str
    results: list[Processed]
    peak_rss_mb: float


@dataclass(slots=True)
class WorkerStats:
    """What one worker did in a run: inputs and batches processed, its peak memory."""

    inputs: int = 0
    batches: int = 0
    peak_rss_mb: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "inputs": self.inputs,
            "batches": self.batches,
            "peak_rss_mb": round(self.peak_rss_mb, 1),
        }


@dataclass(slots=True)
class WorkerTally:
    """Per-worker stats of the outcomes an executor handed on, by worker label."""

    workers: dict[str, WorkerStats] = field(default_factory=dict)

    def add(self, outcome: BatchOutcome) -> None:
        stats = self.workers.setdefault(outcome.worker, WorkerStats())
        stats.inputs += len(outcome.results)
        stats.batches += 1
        stats.peak_rss_mb = max(stats.peak_rss_mb, outcome.peak_rss_mb)

    def snapshot(self) -> dict[str, WorkerStats]:
        return {name: WorkerStats(s.inputs, s.batches, s.peak_rss_mb) for name, s in self.items()}

    def items(self) -> list[tuple[str, WorkerStats]]:
        return sorted(self.workers.items())


class WorkerStartError(RuntimeError):
    """A pool worker could not set itself up (its stages could not be unpickled)."""


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MiB (Linux reports KiB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / (1024 * 1024)


def worker_label() -> str:
    """`pid N` here or in a pool; a Dask worker's address before it."""
    pid = os.getpid()
    if "distributed" in sys.modules:
        try:
            from distributed import get_worker

            return f"{get_worker().address} pid {pid}"
        except ValueError:  # not inside a Dask task
            pass
    return f"pid {pid}"


def run_batch(
    batch: Sequence[Item], options: Options, stages: Sequence[ArticleStage]
) -> BatchOutcome:
    """`process_batch` with its worker's label and peak memory (a Dask task)."""
    results = process_batch(batch, options, stages)
    return BatchOutcome(worker_label(), results, peak_rss_mb())


# -- process pool workers --------------------------------------------------------------

# Set once per pool worker by `start_worker`: (options, stages), or why they are missing.
_STATE: tuple[Options, list[ArticleStage]] | None = None
_START_ERROR: str | None = None


class _PrintableFormatter(logging.Formatter):
    """Worker log lines with control characters escaped, as the CLI writes its own."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        return printable(super().formatMessage(record))

    def formatException(self, ei: Any) -> str:
        return printable(super().formatException(ei), keep_lines=True)


# Seconds between a pool worker's checks that the process it works for still lives.
WATCH_SECONDS = 1.0


def start_worker(
    options: Options, stages_pickle: bytes, log_level: int, warm: bool, writer_pid: int
) -> None:
    """A pool worker's initializer: keep the options and stages, log like the parent,
    watch the writer (`writer_pid`), and process one invented page so models load now.
    Never raises (an initializer that raises breaks the pool, which would be restarted
    for ever); a failure is kept and raised by every batch instead."""
    global _STATE, _START_ERROR
    threading.Thread(target=_watch, args=(writer_pid,), name="watch-writer", daemon=True).start()
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(_PrintableFormatter("%(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(log_level)
    try:
        stages = list(pickle.loads(stages_pickle))
    except Exception as error:
        _START_ERROR = f"cannot load the stages in a worker: {type(error).__name__}: {error}"
        return
    _STATE = (options, stages)
    if warm:
        warm_up(options, stages)


def _watch(writer_pid: int) -> None:
    """End this worker when the writer is gone. A writer killed outright (SIGKILL, out
    of memory) cannot stop its pool, and a worker waiting for its next batch would wait
    for ever: it holds the task pipe's other end itself, so the pipe never closes."""
    while True:
        time.sleep(WATCH_SECONDS)
        if not process_alive(writer_pid):
            os._exit(1)


def process_alive(pid: int) -> bool:
    """Whether process `pid` runs (a zombie, dead but not reaped, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
            state = stat.read().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True  # no /proc (not Linux): the signal test is all there is
    return state not in ("Z", "X")


def warm_up(options: Options, stages: Sequence[ArticleStage]) -> None:
    """Process one invented page, so lazy imports and models load now (errors logged)."""
    page = Document(WARM_UP_PAGE, "html", Provenance("warm-up", "html"))
    try:
        process_batch([page], options, stages)
    except Exception:
        log.exception("warming up a worker failed")


def run_pool_batch(batch: Sequence[Item]) -> BatchOutcome:
    """One batch in a pool worker, with the options and stages it started with."""
    if _STATE is None:
        raise WorkerStartError(_START_ERROR or "the worker was not started by start_worker")
    options, stages = _STATE
    return BatchOutcome(worker_label(), process_batch(batch, options, stages), peak_rss_mb())
