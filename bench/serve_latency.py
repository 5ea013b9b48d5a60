"""Latency of `newsloom serve` under 20 concurrent clients, on a store of invented articles.

1. Generates N invented articles (fixed seed; sentences from `corpus_words.py` plus a
   larger invented vocabulary drawn with Zipf-like weights, so some words are common
   and most are rare) and saves them through `Store.save` in this process, timed.
2. Starts `uvicorn newsloom.serve:create_app --factory` on 127.0.0.1 (a free port) in a
   child process on that store.
3. Runs C client threads (httpx) over a fixed, shuffled list of requests:
   `/api/search?q=<two words>`, `/api/articles/{id}`, and the web UI's `/articles/{id}`
   and `/search?q=<two words>` (results and facets) when the server has them. Prints
   p50/p95/p99 per endpoint, then the same requests from one client alone (service time
   without queueing), then stops the server.

    .venv/bin/python bench/serve_latency.py [--articles 100000] [--requests 1000]
        [--clients 20] [--single 100] [--workers 1] [--seed 7] [--db PATH] [--json FILE] [--check]
        [--endpoints "search,api article,ui article"]   # also: ui search

`--db PATH` keeps the generated store there and reuses it when it already holds at
least N articles. `--check` exits 1 when search p95 is 100 ms or more.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path

import corpus_words as words
import httpx
from bench_common import REPO, format_table, write_json

from newsloom.record import Article, Provenance
from newsloom.store import Store, open_store

SOURCES = ("Halden Herald", "Orvik Courier", "Brennmoor Post", "Valdren Wire", "Elsin Daily")
SYLLABLES = ("ka", "lo", "mi", "ren", "tor", "vel", "sa", "dun", "bri", "ost", "ma", "quil")
VOCABULARY_SIZE = 5000
FIRST_DAY = dt.date(2024, 1, 1)
DAYS = 730
SEARCH_P95_TARGET_MS = 100.0
ENDPOINTS = ("search", "api article", "ui article", "ui search")
STARTUP_SECONDS = 60.0


def invented_vocabulary(rng: random.Random) -> list[str]:
    found: dict[str, None] = {}
    while len(found) < VOCABULARY_SIZE:
        found["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))] = None
    return list(found)


class ArticleMaker:
    """Invented articles: a few paragraphs of template sentences and invented words."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.vocabulary = invented_vocabulary(self.rng)
        # Zipf-like: the word of rank r is drawn with weight 1/r.
        self.cumulative = list(accumulate(1 / rank for rank in range(1, VOCABULARY_SIZE + 1)))

    def word(self) -> str:
        return self.rng.choices(self.vocabulary, cum_weights=self.cumulative)[0]

    def sentence(self) -> str:
        rng = self.rng
        extra = " ".join(self.word() for _ in range(rng.randint(3, 8)))
        subject = rng.choice(words.SUBJECTS)
        return (
            f"{subject[0].upper()}{subject[1:]} in {rng.choice(words.PLACES)} "
            f"{rng.choice(words.VERBS)} {rng.choice(words.OBJECTS)} {extra} "
            f"{rng.choice(words.TIMES)}."
        )

    def article(self, number: int) -> Article:
        rng = self.rng
        paragraphs = [
            " ".join(self.sentence() for _ in range(rng.randint(2, 4)))
            for _ in range(rng.randint(3, 6))
        ]
        url = f"https://bench.example/story/{number}"
        return Article(
            paragraphs=paragraphs,
            title=f"{rng.choice(words.PLACES)}: {self.word()} {self.word()} ({number})",
            published=FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS)),
            url=url,
            source=rng.choice(SOURCES),
            site="bench.example",
            language="en",
            provenance=[Provenance(url, "bench")],
        )


def fill_store(db: Path, count: int, seed: int) -> tuple[list[str], float]:
    """Save `count` invented articles; returns their ids and the seconds it took
    (0.0 when the store already held enough and was reused)."""
    with open_store(db) as store:
        if store.count_articles() >= count:
            return stored_ids(store, count), 0.0
        maker = ArticleMaker(seed)
        ids = []
        started = time.perf_counter()
        for number in range(count):
            article = maker.article(number)
            store.save(article)
            ids.append(article.id)
            if number and number % 10000 == 0:
                rate = number / (time.perf_counter() - started)
                print(f"  {number} articles saved ({rate:.0f}/s)", file=sys.stderr)
        return ids, time.perf_counter() - started


def stored_ids(store: Store, count: int) -> list[str]:
    """Ids of up to `count` (at most 5,000) stored articles, to request at random."""
    ids: list[str] = []
    cursor = None
    while len(ids) < min(count, 5000):
        page = store.list_articles(limit=100, cursor=cursor)
        ids.extend(summary.id for summary in page.items)
        cursor = page.next_cursor
        if cursor is None:
            break
    return ids


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """`uvicorn newsloom.serve:create_app --factory` on 127.0.0.1 in a child process."""

    def __init__(self, db: Path, workers: int = 1) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "NEWSLOOM_DB": str(db)}
        env.pop("NEWSLOOM_PROTECT_READS", None)
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "newsloom.serve:create_app",
                "--factory",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--log-level",
                "warning",
                "--no-access-log",
                "--workers",
                str(workers),
            ],
            cwd=REPO,
            env=env,
        )

    def wait_ready(self) -> None:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited with status {self.process.returncode}")
            try:
                if httpx.get(f"{self.base}/api/runs", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"the server did not answer within {STARTUP_SECONDS:.0f} s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


@dataclass(slots=True)
class Results:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, endpoint: str, seconds: float, ok: bool) -> None:
        with self.lock:
            self.latencies.setdefault(endpoint, []).append(seconds * 1000)
            if not ok:
                self.errors[endpoint] = self.errors.get(endpoint, 0) + 1


def plan_requests(
    maker: ArticleMaker, ids: list[str], per_endpoint: int, endpoints: list[str]
) -> list[tuple[str, str]]:
    rng = maker.rng
    plan: list[tuple[str, str]] = []
    for _ in range(per_endpoint):
        if "search" in endpoints:
            plan.append(("search", f"/api/search?q={maker.word()}+{maker.word()}&limit=20"))
        if "api article" in endpoints:
            plan.append(("api article", f"/api/articles/{rng.choice(ids)}"))
        if "ui article" in endpoints:
            plan.append(("ui article", f"/articles/{rng.choice(ids)}"))
        if "ui search" in endpoints:
            plan.append(("ui search", f"/search?q={maker.word()}+{maker.word()}"))
    rng.shuffle(plan)
    return plan


def run_clients(base: str, plan: list[tuple[str, str]], clients: int) -> tuple[Results, float]:
    results = Results()
    lock = threading.Lock()
    position = iter(plan)

    def client() -> None:
        with httpx.Client(base_url=base, timeout=30) as http:
            while True:
                with lock:
                    item = next(position, None)
                if item is None:
                    return
                endpoint, path = item
                started = time.perf_counter()
                try:
                    ok = http.get(path).status_code == 200
                except httpx.HTTPError:
                    ok = False
                results.add(endpoint, time.perf_counter() - started, ok)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - started


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=1000, help="per endpoint")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--single", type=int, default=100, help="per endpoint, one client")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--db", type=Path, help="keep (and reuse) the store here")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--check", action="store_true")
    parser.add_argument(
        "--endpoints",
        default="search,api article,ui article",
        help=f"comma-separated, of: {', '.join(ENDPOINTS)} (the UI ones when the server has"
        " the web UI)",
    )
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="newsloom-serve-bench-") as folder:
        db = args.db or Path(folder) / "bench.db"
        ids, fill_seconds = fill_store(db, args.articles, args.seed)
        if fill_seconds:
            print(
                f"generated and saved {args.articles} articles in {fill_seconds:.1f} s "
                f"({args.articles / fill_seconds:.0f} articles/s)"
            )
        else:
            print(f"reused the store at {db}")
        server = Server(db, args.workers)
        try:
            server.wait_ready()
            wanted = [e.strip() for e in args.endpoints.split(",") if e.strip()]
            has_ui = httpx.get(f"{server.base}/articles/{ids[0]}", timeout=10).status_code == 200
            endpoints = [e for e in wanted if has_ui or not e.startswith("ui ")]
            maker = ArticleMaker(args.seed + 1)
            plan = plan_requests(maker, ids, args.requests, endpoints)
            results, wall = run_clients(server.base, plan, args.clients)
            # One client alone: the service time of each request, without queueing.
            single_plan = plan_requests(maker, ids, args.single, endpoints)
            single, _ = run_clients(server.base, single_plan, 1)
        finally:
            server.stop()

    rows, figures = [], {}
    for endpoint in endpoints:
        values = results.latencies.get(endpoint, [])
        p50, p95, p99 = (percentile(values, f) for f in (0.5, 0.95, 0.99))
        errors = results.errors.get(endpoint, 0)
        alone = single.latencies.get(endpoint, [])
        p50_alone, p95_alone = (percentile(alone, f) for f in (0.5, 0.95))
        rows.append([endpoint, len(values), errors, p50, p95, p99, p50_alone, p95_alone])
        figures[endpoint] = {"requests": len(values), "errors": errors, "p50_ms": p50}
        figures[endpoint] |= {"p95_ms": p95, "p99_ms": p99}
        figures[endpoint] |= {"single_client_p50_ms": p50_alone, "single_client_p95_ms": p95_alone}
    print(
        f"{len(plan)} requests from {args.clients} clients in {wall:.1f} s "
        f"({len(plan) / wall:.0f} requests/s), store of {args.articles} articles, "
        f"{args.workers} server worker(s)"
    )
    header = ["endpoint", "n", "errors", "p50 ms", "p95 ms", "p99 ms", "1-client p50", "p95"]
    print(format_table(header, rows))
    search_p95 = figures["search"]["p95_ms"]
    verdict = "met" if search_p95 < SEARCH_P95_TARGET_MS else "missed"
    print(f"target search p95 < {SEARCH_P95_TARGET_MS:.0f} ms: {verdict}")
    write_json(
        args.json,
        {
            "articles": args.articles,
            "fill_seconds": fill_seconds,
            "clients": args.clients,
            "workers": args.workers,
            "wall_seconds": wall,
            "endpoints": figures,
        },
    )
    failed = any(results.errors.values())
    return 1 if (args.check and (verdict == "missed" or failed)) else 0


if __name__ == "__main__":
    sys.exit(main())
