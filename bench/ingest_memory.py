"""Peak memory and speed of `newsloom ingest` over synthetic corpora of two sizes.

Invented documents (fixed seed) are written to a temporary folder: HTML pages,
plain-text files with page chrome, and one JSONL file. Each size is ingested into
a fresh SQLite store by the CLI in a child process; the child's peak RSS comes
from `os.wait4` (ru_maxrss). Memory should stay flat as the corpus grows.
Target: peak RSS < 500 MB.

    .venv/bin/python bench/ingest_memory.py [--sizes 2000 10000] [--seed 7]
        [--json FILE] [--keep DIR] [--check]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import corpus_words as words
from bench_common import format_table, write_json

TARGET_PEAK_MB = 500
DEFAULT_SIZES = (2000, 10000)
# Shares of the corpus written as HTML pages and as text files; the rest go to JSONL.
HTML_SHARE = 0.4
TEXT_SHARE = 0.4
PARAGRAPHS = (4, 9)
SENTENCES = (2, 4)
KILOBYTE = 1024


@dataclass(slots=True, frozen=True)
class Story:
    title: str
    published: str
    paragraphs: list[str]


def make_story(rng: random.Random, number: int) -> Story:
    place = rng.choice(words.PLACES)
    title = f"{place}: {rng.choice(words.SUBJECTS)} {rng.choice(words.VERBS)} "
    title += f"{rng.choice(words.OBJECTS)} ({number})"
    paragraphs = [
        " ".join(_sentence(rng) for _ in range(rng.randint(*SENTENCES)))
        for _ in range(rng.randint(*PARAGRAPHS))
    ]
    day = f"2023-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return Story(title, day, paragraphs)


def _sentence(rng: random.Random) -> str:
    if rng.random() < 0.3:
        person, role = rng.choice(words.PEOPLE), rng.choice(words.ROLES)
        return (
            f'"We {rng.choice(words.VERBS)} {rng.choice(words.OBJECTS)} '
            f'{rng.choice(words.CLAUSES)}," said {person}, the {role} of '
            f"{rng.choice(words.PLACES)}."
        )
    subject = rng.choice(words.SUBJECTS)
    return (
        f"{subject[0].upper()}{subject[1:]} in {rng.choice(words.PLACES)} "
        f"{rng.choice(words.VERBS)} {rng.choice(words.OBJECTS)} {rng.choice(words.TIMES)} "
        f"{rng.choice(words.CLAUSES)}."
    )


def as_html(story: Story, rng: random.Random) -> str:
    menu = "".join(f"<li><a href='#'>{item}</a></li>" for item in rng.sample(words.CHROME, 4))
    body = "".join(f"<p>{p}</p>" for p in story.paragraphs)
    return (
        f"<!doctype html><html><head><title>{story.title}</title>"
        f'<meta property="article:published_time" content="{story.published}">'
        f"</head><body><nav><ul>{menu}</ul></nav><article><h1>{story.title}</h1>"
        f"<p>{story.published}</p>{body}</article><footer>{words.CHROME[-1]}</footer>"
        "</body></html>"
    )


def as_text(story: Story, rng: random.Random) -> str:
    lines = [*rng.sample(words.CHROME, 3), story.title, *story.paragraphs, words.CHROME[4]]
    return "\n".join(lines) + "\n"


def as_json_line(story: Story, number: int) -> str:
    record = {
        "url": f"https://news.example.org/story/{number}",
        "title": story.title,
        "published": story.published,
        "text": "\n\n".join(story.paragraphs),
    }
    return json.dumps(record, ensure_ascii=False)


def write_corpus(folder: Path, size: int, seed: int) -> int:
    """Write `size` documents under `folder`; returns the bytes written."""
    rng = random.Random(seed)
    html_count, text_count = int(size * HTML_SHARE), int(size * TEXT_SHARE)
    (folder / "html").mkdir(parents=True)
    (folder / "text").mkdir()
    total = 0
    with (folder / "stories.jsonl").open("w", encoding="utf-8") as jsonl:
        for number in range(size):
            story = make_story(rng, number)
            if number < html_count:
                path = folder / "html" / f"{number:06d}.html"
                total += path.write_text(as_html(story, rng), encoding="utf-8")
            elif number < html_count + text_count:
                path = folder / "text" / f"{number:06d}.txt"
                total += path.write_text(as_text(story, rng), encoding="utf-8")
            else:
                total += jsonl.write(as_json_line(story, number) + "\n")
    return total


@dataclass(slots=True, frozen=True)
class IngestRun:
    size: int
    corpus_mb: float
    seconds: float
    peak_rss_mb: float
    counts: dict[str, Any]

    @property
    def docs_per_second(self) -> float:
        return self.size / self.seconds if self.seconds else 0.0


def ingest_command(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "newsloom", "ingest", str(corpus), "--db", str(db), "--json"]


def run_ingest(corpus: Path, db: Path) -> tuple[float, float, str, str, int]:
    """Run the CLI in a child; returns seconds, peak RSS in MB, stdout, stderr, exit code."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen(ingest_command(corpus, db), stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    peak_mb = usage.ru_maxrss / KILOBYTE  # Linux reports kilobytes
    return seconds, peak_mb, stdout, stderr, child.returncode


def parse_counts(stdout: str) -> dict[str, Any]:
    for line in reversed(stdout.strip().splitlines()):
        try:
            data = json.loads(line)
        except ValueError:
            continue
        if isinstance(data, dict):
            return data
    return {}


def check_cli() -> str | None:
    """None when `newsloom ingest` is available, else why not."""
    probe = subprocess.run(
        [sys.executable, "-m", "newsloom", "ingest", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    if probe.returncode != 0:
        tail = (probe.stderr or probe.stdout).strip().splitlines()[-1:] or ["no output"]
        return f"`newsloom ingest` is not available yet ({tail[0]})"
    return None


def measure(size: int, seed: int, workdir: Path) -> IngestRun:
    corpus = workdir / f"corpus-{size}"
    corpus_bytes = write_corpus(corpus, size, seed)
    db = workdir / f"bench-{size}.db"
    seconds, peak_mb, stdout, stderr, code = run_ingest(corpus, db)
    if code != 0:
        tail = "\n".join(stderr.strip().splitlines()[-5:])
        raise RuntimeError(f"newsloom ingest exited {code} on {size} documents:\n{tail}")
    corpus_mb = corpus_bytes / KILOBYTE / KILOBYTE
    return IngestRun(size, corpus_mb, seconds, peak_mb, parse_counts(stdout))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, default=None, help="also write results here")
    parser.add_argument("--keep", type=Path, default=None, help="write corpora and stores here")
    parser.add_argument("--check", action="store_true", help="exit 1 above the memory target")
    args = parser.parse_args(argv)

    problem = check_cli()
    if problem:
        print(f"cannot run the ingest benchmark: {problem}", file=sys.stderr)
        return 2
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="newsloom-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        runs = [measure(size, args.seed, workdir) for size in args.sizes]
    except RuntimeError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)

    rows = [
        (r.size, r.corpus_mb, r.seconds, r.docs_per_second, r.peak_rss_mb, _summary(r.counts))
        for r in runs
    ]
    header = ("documents", "corpus MB", "seconds", "docs/s", "peak RSS MB", "counts")
    print(format_table(header, rows))
    worst = max(r.peak_rss_mb for r in runs)
    growth = runs[-1].peak_rss_mb / runs[0].peak_rss_mb if runs[0].peak_rss_mb else 0.0
    verdict = "meets" if worst < TARGET_PEAK_MB else "exceeds"
    print(f"\npeak RSS {worst:.0f} MB ({verdict} target {TARGET_PEAK_MB} MB); ", end="")
    print(f"largest/smallest run peak: x{growth:.2f}")
    write_json(
        args.json,
        {
            "target_peak_mb": TARGET_PEAK_MB,
            "runs": [
                {
                    "documents": r.size,
                    "corpus_mb": round(r.corpus_mb, 2),
                    "seconds": round(r.seconds, 3),
                    "docs_per_second": round(r.docs_per_second, 2),
                    "peak_rss_mb": round(r.peak_rss_mb, 1),
                    "counts": r.counts,
                }
                for r in runs
            ],
        },
    )
    return 1 if args.check and worst >= TARGET_PEAK_MB else 0


def _summary(counts: dict[str, Any]) -> str:
    keys = ("read", "stored", "merged", "unchanged")
    parts = [f"{key} {counts[key]}" for key in keys if key in counts]
    for bucket in ("dropped", "failed"):
        value = counts.get(bucket)
        if isinstance(value, dict) and value:
            parts.append(f"{bucket} {sum(value.values())}")
    return ", ".join(parts) or "-"


if __name__ == "__main__":
    sys.exit(main())
