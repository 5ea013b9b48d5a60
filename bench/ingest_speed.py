"""Pages per second of `newsloom ingest` on worker processes and on Dask, beside a baseline.

Real pages (gzip HTML from `scrapinghub-article-extraction/html` and
`l3s-gn1/original`, half from each) are copied to a temporary folder; each
configuration then ingests the whole folder into a fresh SQLite store, in a child
process timed by wall clock from its start to its exit (interpreter start, imports,
model loading and worker start-up included, as a user would wait for them):

- `baseline`: what the task needs at its barest, in one process: each page decoded
  as newsloom decodes it, `trafilatura.extract` (defaults), bare spaCy
  (`en_core_web_sm`, `nlp.pipe` in batches of 16, as newsloom's batches) and one
  SQLite row per page (text and entities as JSON), each committed on its own.
- `newsloom --workers 0`: `newsloom ingest` all in one process, as before issue 9:
  beside the baseline, what newsloom's extraction, enrichment and store cost per page.
- `newsloom --workers 1`, `--workers 2`: `newsloom ingest` with that many worker
  processes (extraction and enrichment there; reading and the store in the writer).
- `newsloom --dask`: a Dask LocalCluster of two worker processes, one thread each.

While a child runs, its process tree is sampled every 0.1 s (psutil): the peak RSS of
each process (the main one, each worker, helper processes such as the fork server)
and their CPU time, whose sum per page says what a page costs whichever core ran it
(`main CPU`: the part of it spent in the main process, newsloom's writer). The store is
read every sample too: `1st at s` is when its first article appeared, `steady/s` the
articles per second from then to the last (start-up and shutdown left out, which on
150 pages are a large share of a multi-process run).
Samples miss the last tenth of a second of a process, so CPU figures are a little low,
and they miss short peaks of memory: `worker peak` is each worker's own peak resident
memory (`ru_maxrss`, reported by `newsloom ingest --json`), which sampling under-reads
by up to 150 MB (a spaCy batch holds its arrays for a fraction of a second).
`--rounds N` runs the configurations N times in alternating order and keeps each
one's fastest run. The load average is printed before and after: on a shared machine
other work slows every configuration, the multi-process ones most.

Targets (a 2-core machine): `--workers 2` at least 1.6x the baseline's pages/s;
`--workers 1` at most 1.1x the baseline's wall time per page; `--dask` within 10 %
of `--workers 2` (`--check` exits 1 when one is missed).

    .venv/bin/python bench/ingest_speed.py [--data DIR] [--pages 150] [--rounds 1]
        [--only NAME ...] [--json FILE] [--check]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil
from bench_common import DEFAULT_EVAL_DIR, format_table, write_json

SETS = (("scrapinghub-article-extraction", "html"), ("l3s-gn1", "original"))
SAMPLE_SECONDS = 0.1
BATCH = 16
TARGET_TWO_WORKERS = 1.6  # x the baseline's pages/s
TARGET_ONE_WORKER = 1.1  # x the baseline's wall time per page, at most
TARGET_DASK = 0.9  # x --workers 2's pages/s, at least
CONFIGS = {
    "baseline": None,
    "workers-0": ["--workers", "0"],
    "workers-1": ["--workers", "1"],
    "workers-2": ["--workers", "2"],
    "dask-2": ["--dask", "--workers", "2"],
}


@dataclass(slots=True)
class Run:
    name: str
    pages: int
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    main_cpu_seconds: float = 0.0
    peak_main_mb: float = 0.0
    peak_worker_mb: list[float] = field(default_factory=list)
    peak_helper_mb: float = 0.0
    peak_total_mb: float = 0.0
    counts: dict[str, Any] = field(default_factory=dict)
    # Seconds from the start to the first article in the store, and articles per second
    # from the first to the last (start-up and shutdown left out).
    first_article: float = 0.0
    steady_pages_per_second: float = 0.0

    @property
    def worker_peaks_mb(self) -> list[float]:
        """Each worker's own peak RSS (ru_maxrss) as `newsloom ingest --json` reports it
        (`--workers 0`: the one process), largest first."""
        workers = self.counts.get("workers") or {}
        return sorted((float(w.get("peak_rss_mb", 0.0)) for w in workers.values()), reverse=True)

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    @property
    def ms_per_page(self) -> float:
        return 1000 * self.seconds / self.pages if self.pages else 0.0

    @property
    def cpu_ms_per_page(self) -> float:
        return 1000 * self.cpu_seconds / self.pages if self.pages else 0.0

    @property
    def main_cpu_ms_per_page(self) -> float:
        return 1000 * self.main_cpu_seconds / self.pages if self.pages else 0.0


def copy_pages(data: Path, pages: int, folder: Path) -> int:
    """Half the pages from each set (sorted names), copied under `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    copied = 0
    for index, (name, sub) in enumerate(SETS):
        share = pages // len(SETS) + (1 if index < pages % len(SETS) else 0)
        for path in sorted((data / name / sub).glob("*.html.gz"))[:share]:
            shutil.copyfile(path, folder / f"{name}-{path.name}")
            copied += 1
    return copied


class StoreWatch:
    """When the articles table of a store being written first held an article and
    last grew, read every sample without disturbing the writer (WAL readers do not
    block it)."""

    def __init__(self, db: Path, start: float) -> None:
        self.db, self.start = db, start
        self.count = 0
        self.first: float | None = None
        self.last: float | None = None
        self._connection: sqlite3.Connection | None = None

    def sample(self) -> None:
        now = time.perf_counter() - self.start
        try:
            if self._connection is None:
                if not self.db.exists():
                    return
                self._connection = sqlite3.connect(
                    f"file:{self.db}?mode=ro", uri=True, check_same_thread=False
                )
            (count,) = self._connection.execute("SELECT count(*) FROM articles").fetchone()
        except sqlite3.Error:
            return
        if count > self.count:
            if self.count == 0:
                self.first = now
            self.count, self.last = count, now

    def close(self, run: Run) -> None:
        if self._connection is not None:
            self._connection.close()
        run.first_article = self.first or 0.0
        if self.first is not None and self.last is not None and self.last > self.first:
            run.steady_pages_per_second = (self.count - 1) / (self.last - self.first)


class TreeSampler:
    """Peak RSS per process and CPU time of a process and its descendants, sampled;
    and the store's growth (`StoreWatch`)."""

    def __init__(self, pid: int, watch: StoreWatch) -> None:
        self.root = psutil.Process(pid)
        self.watch = watch
        self.peaks: dict[int, float] = {}
        self.roles: dict[int, str] = {}
        self.cpu: dict[int, float] = {}
        self.peak_total = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self.watch.sample()
            self._stop.wait(SAMPLE_SECONDS)

    def sample(self) -> None:
        try:
            processes = [self.root, *self.root.children(recursive=True)]
            command = self.root.cmdline()  # not cached: the child may not have run exec yet
        except psutil.Error:
            return
        total = 0.0
        for process in processes:
            try:
                with process.oneshot():
                    rss = process.memory_info().rss / 2**20
                    times = process.cpu_times()
                    if process.pid not in self.roles:
                        self.roles[process.pid] = _role(process, self.root.pid, command)
            except psutil.Error:
                continue
            total += rss
            self.peaks[process.pid] = max(self.peaks.get(process.pid, 0.0), rss)
            self.cpu[process.pid] = times.user + times.system
        self.peak_total = max(self.peak_total, total)

    def stop(self, run: Run) -> None:
        self._stop.set()
        self._thread.join()
        self.watch.sample()
        self.watch.close(run)
        run.cpu_seconds = sum(self.cpu.values())
        run.main_cpu_seconds = self.cpu.get(self.root.pid, 0.0)
        run.peak_total_mb = self.peak_total
        for pid, peak in self.peaks.items():
            role = self.roles.get(pid, "helper")
            if role == "main":
                run.peak_main_mb = peak
            elif role == "worker":
                run.peak_worker_mb.append(peak)
            else:
                run.peak_helper_mb = max(run.peak_helper_mb, peak)
        run.peak_worker_mb.sort(reverse=True)


def _role(process: psutil.Process, root: int, root_command: list[str]) -> str:
    """`main`, `worker`, or `helper`: the fork server, the resource tracker, and a fork
    of the main process not yet turned into another program (its command line is the
    main one's)."""
    if process.pid == root:
        return "main"
    command = process.cmdline()
    if command == root_command or "resource_tracker" in " ".join(command):
        return "helper"
    if "forkserver" in " ".join(command) and process.ppid() == root:
        return "helper"
    return "worker"


def run_child(name: str, command: list[str], pages: int, db: Path) -> Run:
    run = Run(name, pages)
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen(command, stdout=out, stderr=err)
        sampler = TreeSampler(child.pid, StoreWatch(db, start))
        code = child.wait()
        run.seconds = time.perf_counter() - start
        sampler.stop(run)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if code != 0:
        tail = "\n".join(stderr.strip().splitlines()[-8:])
        raise RuntimeError(f"{name} exited {code}:\n{tail}")
    lines = [line for line in stdout.splitlines() if line.startswith("{")]
    run.counts = json.loads(lines[-1]) if lines else {}
    return run


def command_for(name: str, corpus: Path, db: Path) -> list[str]:
    extra = CONFIGS[name]
    if extra is None:
        return [sys.executable, str(Path(__file__).resolve()), "--baseline", str(corpus), str(db)]
    return [
        sys.executable,
        "-m",
        "newsloom",
        "ingest",
        str(corpus),
        "--db",
        str(db),
        "--json",
        *extra,
    ]


def baseline(corpus: Path, db: Path) -> int:
    """The bare pipeline in this process; prints its counts as JSON."""
    import sqlite3

    import spacy
    import trafilatura

    from newsloom.enrich.nlp import resolve_model
    from newsloom.eval.sources import read_gzip_html

    nlp = spacy.load(resolve_model(None))
    connection = sqlite3.connect(db, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute(
        "CREATE TABLE articles (id INTEGER PRIMARY KEY, input TEXT, text TEXT, entities TEXT)"
    )
    paths = sorted(corpus.glob("*.html.gz"))
    stored = 0
    for first in range(0, len(paths), BATCH):
        batch = paths[first : first + BATCH]
        extracted = [(path, trafilatura.extract(read_gzip_html(path)) or "") for path in batch]
        kept = [(path, text) for path, text in extracted if text]
        docs = nlp.pipe([text for _, text in kept], batch_size=BATCH)
        for (path, text), doc in zip(kept, docs, strict=True):
            entities = json.dumps([(e.text, e.label_, e.start_char) for e in doc.ents])
            connection.execute("BEGIN IMMEDIATE")
            connection.execute(
                "INSERT INTO articles (input, text, entities) VALUES (?, ?, ?)",
                (str(path), text, entities),
            )
            connection.execute("COMMIT")
            stored += 1
    connection.close()
    print(json.dumps({"read": len(paths), "stored": stored}))
    return 0


def measure(names: Sequence[str], corpus: Path, pages: int, rounds: int, work: Path) -> list[Run]:
    best: dict[str, Run] = {}
    for round_number in range(rounds):
        order = list(names) if round_number % 2 == 0 else list(names)[::-1]
        for name in order:
            db = work / f"{name}-{round_number}.db"
            run = run_child(name, command_for(name, corpus, db), pages, db)
            print(f"  round {round_number + 1}: {name} {run.seconds:.1f} s", file=sys.stderr)
            if name not in best or run.seconds < best[name].seconds:
                best[name] = run
    return [best[name] for name in names]


def verdicts(runs: dict[str, Run]) -> list[tuple[str, float, float, bool]]:
    """(target, measured, wanted, met) for each target whose runs were measured."""
    found = []
    base, one, two, dask = (runs.get(n) for n in ("baseline", "workers-1", "workers-2", "dask-2"))
    if base and two:
        ratio = two.pages_per_second / base.pages_per_second
        found.append(
            ("workers-2 pages/s / baseline", ratio, TARGET_TWO_WORKERS, ratio >= TARGET_TWO_WORKERS)
        )
    if base and one:
        ratio = one.ms_per_page / base.ms_per_page
        found.append(
            ("workers-1 s/page / baseline", ratio, TARGET_ONE_WORKER, ratio <= TARGET_ONE_WORKER)
        )
    if two and dask:
        ratio = dask.pages_per_second / two.pages_per_second
        found.append(("dask-2 pages/s / workers-2", ratio, TARGET_DASK, ratio >= TARGET_DASK))
    return found


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None and len(sys.argv) == 4 and sys.argv[1] == "--baseline":
        return baseline(Path(sys.argv[2]), Path(sys.argv[3]))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("--pages", type=int, default=150)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--only", nargs="+", choices=list(CONFIGS), default=list(CONFIGS))
    parser.add_argument("--json", type=Path, default=None, help="also write results here")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)

    if not all((args.data / name / sub).is_dir() for name, sub in SETS):
        print(f"no evaluation pages under {args.data} (use --data)", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="newsloom-speed-"))
    load_before = os.getloadavg()
    try:
        pages = copy_pages(args.data, args.pages, work / "pages")
        runs = measure(args.only, work / "pages", pages, args.rounds, work)
    except RuntimeError as error:
        print(str(error), file=sys.stderr)
        return 2
    finally:
        shutil.rmtree(work, ignore_errors=True)
    load_after = os.getloadavg()

    print(f"{pages} pages, {os.cpu_count()} cores, best of {args.rounds} round(s)")
    print(f"load average before {_load(load_before)}, after {_load(load_after)}\n")
    rows = [
        (
            r.name,
            r.seconds,
            r.pages_per_second,
            r.first_article,
            r.steady_pages_per_second,
            r.ms_per_page,
            r.cpu_ms_per_page,
            r.main_cpu_ms_per_page,
            r.peak_main_mb,
            " ".join(f"{mb:.0f}" for mb in r.peak_worker_mb) or "-",
            " ".join(f"{mb:.0f}" for mb in r.worker_peaks_mb) or "-",
            r.peak_helper_mb,
            r.peak_total_mb,
            r.counts.get("stored", "?"),
        )
        for r in runs
    ]
    header = (
        "config",
        "seconds",
        "pages/s",
        "1st at s",
        "steady/s",
        "ms/page",
        "CPU ms/page",
        "main CPU",
        "main MB",
        "worker MB",
        "worker peak",
        "helper MB",
        "total MB",
        "stored",
    )
    print(format_table(header, rows))
    for run in runs:
        workers = run.counts.get("workers") or {}
        if len(workers) > 1:
            shares = ", ".join(f"{w}: {s['inputs']}" for w, s in workers.items())
            print(f"  {run.name} inputs per worker: {shares}")
    by_name = {run.name: run for run in runs}
    checks = verdicts(by_name)
    print()
    for target, measured, wanted, met in checks:
        sign = "<=" if "s/page" in target else ">="
        print(f"{target}: {measured:.2f} ({'meets' if met else 'misses'} {sign} {wanted})")
    base = by_name.get("baseline")
    for run in runs:
        if base and run is not base and base.steady_pages_per_second:
            ratio = run.steady_pages_per_second / base.steady_pages_per_second
            print(f"  steady state, {run.name} / baseline: {ratio:.2f}")
    write_json(
        args.json,
        {
            "pages": pages,
            "rounds": args.rounds,
            "cores": os.cpu_count(),
            "load_before": load_before,
            "load_after": load_after,
            "runs": {
                r.name: {
                    "seconds": round(r.seconds, 3),
                    "pages_per_second": round(r.pages_per_second, 3),
                    "first_article_seconds": round(r.first_article, 2),
                    "steady_pages_per_second": round(r.steady_pages_per_second, 3),
                    "cpu_ms_per_page": round(r.cpu_ms_per_page, 1),
                    "main_cpu_ms_per_page": round(r.main_cpu_ms_per_page, 1),
                    "peak_main_mb": round(r.peak_main_mb, 1),
                    "peak_worker_mb": [round(mb, 1) for mb in r.peak_worker_mb],
                    "worker_peak_rss_mb": [round(mb, 1) for mb in r.worker_peaks_mb],
                    "peak_helper_mb": round(r.peak_helper_mb, 1),
                    "peak_total_mb": round(r.peak_total_mb, 1),
                    "counts": r.counts,
                }
                for r in runs
            },
            "targets": {
                t: {"measured": round(m, 3), "target": w, "met": ok} for t, m, w, ok in checks
            },
        },
    )
    return 1 if args.check and not all(met for *_, met in checks) else 0


def _load(values: tuple[float, float, float]) -> str:
    return " ".join(f"{value:.2f}" for value in values)


if __name__ == "__main__":
    sys.exit(main())
