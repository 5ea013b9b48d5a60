"""Ingest speed and search latency of the SQLite and PostgreSQL stores, on one corpus.

1. Generates N invented articles (`serve_latency.ArticleMaker`: template sentences and an
   invented Zipf-weighted vocabulary, article n from a seed of its own, so every process
   makes the same article n) and saves the same N into a fresh store
   of each backend through `Store.save`, in this process: articles per second counts the
   time inside `save` only (generating is left out). Every save is the whole of it: one
   transaction with provenance, story signature and bands.
2. With `--writers W` (W > 1) PostgreSQL is also filled by W processes at once, each
   saving its share of the same articles into one more fresh store (`--writers` shows
   what several ingest processes get from one server; SQLite has one writer).
3. Runs the same Q searches on each store (two-word and one-word queries drawn from the
   vocabulary, each query once, 20 results with snippets) and prints p50/p95 per backend.

    .venv/bin/python bench/store_backends.py [--articles 100000] [--queries 200]
        [--writers 1] [--seed 7] [--postgres URL] [--json FILE] [--keep]

`--postgres` names the server (default NEWSLOOM_BENCH_POSTGRES, else the local test
database, trust auth); each run makes a schema `nl_bench_<hex>` there and drops it after
unless `--keep`. Without a reachable server only SQLite is measured. No timed checks:
the figures depend on the machine.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psycopg
from bench_common import format_table, write_json
from serve_latency import ArticleMaker

from newsloom.store import Store, open_store

DEFAULT_POSTGRES = os.environ.get(
    "NEWSLOOM_BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test"
)
SEARCH_LIMIT = 20


def fill(location: str, count: int, seed: int, share: tuple[int, int] = (0, 1)) -> float:
    """Save articles `share[0]`, `share[0] + share[1]`, ... of the corpus; seconds in save.

    Article n is the same in every process: the maker is reseeded from (seed, n)."""
    maker = ArticleMaker(seed)
    spent = 0.0
    with open_store(location) as store:
        for number in range(share[0], count, share[1]):
            maker.rng.seed(seed * 1_000_003 + number)
            article = maker.article(number)
            started = time.perf_counter()
            store.save(article)
            spent += time.perf_counter() - started
            if number and number % 10000 == 0:
                print(f"  {location[:40]}: {number} saved", file=sys.stderr)
    return spent


def queries(seed: int, count: int) -> list[str]:
    maker = ArticleMaker(seed)
    rng = random.Random(seed + 1)
    found = []
    for _ in range(count):
        terms = [maker.word() for _ in range(rng.choice((1, 2, 2)))]
        found.append(" ".join(terms))
    return found


def search_times(store: Store, asked: list[str]) -> tuple[list[float], int]:
    """Milliseconds of each search, and how many hits they found in all."""
    store.search(asked[0], limit=SEARCH_LIMIT)  # warm-up, untimed
    times, hits = [], 0
    for query in asked:
        started = time.perf_counter()
        hits += len(store.search(query, limit=SEARCH_LIMIT))
        times.append((time.perf_counter() - started) * 1000)
    return times, hits


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def postgres_schema(server: str) -> tuple[str, str] | None:
    """(location, schema) of a new schema on the server, or None when it is unreachable."""
    schema = f"nl_bench_{secrets.token_hex(4)}"
    try:
        with psycopg.connect(server, autocommit=True, connect_timeout=5) as admin:
            admin.execute(f'CREATE SCHEMA "{schema}"')
    except psycopg.Error as error:
        print(f"PostgreSQL left out: {error}".strip(), file=sys.stderr)
        return None
    joiner = "&" if "?" in server else "?"
    return f"{server}{joiner}options=-csearch_path%3D{schema}", schema


def drop_schema(server: str, schema: str) -> None:
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def measure(name: str, location: str, args: argparse.Namespace, asked: list[str]) -> dict[str, Any]:
    print(f"{name}: saving {args.articles} articles", file=sys.stderr)
    spent = fill(location, args.articles, args.seed)
    with open_store(location) as store:
        stored = store.count_articles()
        times, hits = search_times(store, asked)
    return {
        "backend": name,
        "articles": stored,
        "save_seconds": round(spent, 2),
        "saves_per_second": round(args.articles / spent, 1),
        "search_p50_ms": round(statistics.median(times), 2),
        "search_p95_ms": round(percentile(times, 0.95), 2),
        "hits": hits,
    }


def measure_writers(location: str, args: argparse.Namespace) -> dict[str, Any]:
    """PostgreSQL filled by `args.writers` processes at once: articles per wall second."""
    open_store(location).close()  # migrated before the clock starts
    context = multiprocessing.get_context("spawn")
    started = time.perf_counter()
    with context.Pool(args.writers) as pool:
        pool.starmap(
            fill,
            [(location, args.articles, args.seed, (n, args.writers)) for n in range(args.writers)],
        )
    wall = time.perf_counter() - started
    with open_store(location) as store:
        stored = store.count_articles()
    return {
        "backend": f"postgresql, {args.writers} writers",
        "articles": stored,
        "save_seconds": round(wall, 2),
        "saves_per_second": round(args.articles / wall, 1),
        "note": "wall time, each process also generating its share",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--writers", type=int, default=1)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL schemas")
    args = parser.parse_args(argv)
    asked = queries(args.seed, args.queries)
    results = []
    with tempfile.TemporaryDirectory() as folder:
        sqlite_path = Path(folder) / "bench.db"
        results.append(measure("sqlite", str(sqlite_path), args, asked))
    made = postgres_schema(args.postgres)
    if made is not None:
        location, schema = made
        try:
            results.append(measure("postgresql", location, args, asked))
        finally:
            if not args.keep:
                drop_schema(args.postgres, schema)
        if args.writers > 1 and (shared := postgres_schema(args.postgres)) is not None:
            try:
                results.append(measure_writers(shared[0], args))
            finally:
                if not args.keep:
                    drop_schema(args.postgres, shared[1])
    header = ["backend", "articles", "saves/s", "search p50 ms", "search p95 ms"]
    rows = [
        [
            r["backend"],
            r["articles"],
            r["saves_per_second"],
            r.get("search_p50_ms", "-"),
            r.get("search_p95_ms", "-"),
        ]
        for r in results
    ]
    print(format_table(header, rows))
    write_json(args.json, {"queries": args.queries, "results": results})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
