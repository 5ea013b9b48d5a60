"""Pages per second of newsloom's extraction beside plain trafilatura, on the same pages.

The ScrapingHub pages are read and decoded first (untimed); each system then
extracts every page in the same process, for `--rounds` rounds in alternating
order. Optionally the same pages as scraped text go through newsloom's text
cleaner. Target: newsloom/trafilatura >= 0.8.

Before timing, each system runs untimed over `--warm-up` pages of ANOTHER set
(trafilatura-eval), so one-off costs are not counted: lazy imports, and the first
unknown date string, on which dateparser (called by htmldate) compiles the
patterns of every locale (about 2 s, once per process). Warming up on other pages
keeps the measured pages out of the libraries' per-string caches. Time is CPU
time of this process (`time.process_time`), so other work on a shared machine
does not count against either system.

    .venv/bin/python bench/extract_speed.py [--data DIR] [--limit N] [--rounds N]
        [--no-text] [--json FILE] [--check]
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench_common import DEFAULT_EVAL_DIR, format_table, write_json

from newsloom.eval.sources import read_gzip_html, read_utf8_text
from newsloom.eval.systems import newsloom_html_body, newsloom_text_body, trafilatura_default

TARGET_RATIO = 0.8
HTML_SET = "scrapinghub-article-extraction"
WARM_UP_SET = "trafilatura-eval"
TEXT_SET = "scraped-text"


@dataclass(slots=True)
class Timing:
    name: str
    pages: int = 0
    seconds: float = 0.0
    errors: int = 0

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0


def load(folder: Path, pattern: str, read: Callable[[Path], str], limit: int | None) -> list[str]:
    paths = sorted(folder.glob(pattern))
    if limit is not None:
        paths = paths[:limit]
    return [read(path) for path in paths]


def time_pass(timing: Timing, extract: Callable[[str], str], pages: Sequence[str]) -> None:
    for page in pages:
        start = time.process_time()
        try:
            extract(page)
        except Exception:
            timing.errors += 1
        timing.seconds += time.process_time() - start
        timing.pages += 1


def warm_up(extract: Callable[[str], str], pages: Sequence[str]) -> None:
    for page in pages:
        with contextlib.suppress(Exception):
            extract(page)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("--limit", type=int, default=None, help="first N pages only")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument(
        "--warm-up", type=int, default=40, help="untimed pages of another set first"
    )
    parser.add_argument("--no-text", action="store_true", help="skip the text-cleaner pass")
    parser.add_argument("--json", type=Path, default=None, help="also write results here")
    parser.add_argument("--check", action="store_true", help="exit 1 below the target ratio")
    args = parser.parse_args(argv)

    html_dir = args.data / HTML_SET / "html"
    if not html_dir.is_dir():
        print(f"no ScrapingHub pages at {html_dir} (use --data)", file=sys.stderr)
        return 2
    html_pages = load(html_dir, "*.html.gz", read_gzip_html, args.limit)
    systems = [
        (Timing("newsloom (html)"), newsloom_html_body),
        (Timing("trafilatura.extract"), trafilatura_default),
    ]
    warm_dir = args.data / WARM_UP_SET / "html"
    warm_pages = load(warm_dir, "*.gz", read_gzip_html, args.warm_up) if warm_dir.is_dir() else []
    for _, extract in systems:
        warm_up(extract, warm_pages or html_pages[:1])
    for round_number in range(args.rounds):
        order = systems if round_number % 2 == 0 else systems[::-1]
        for timing, extract in order:
            time_pass(timing, extract, html_pages)
    timings = [timing for timing, _ in systems]

    text_dir = args.data / TEXT_SET / "txt"
    if not args.no_text and text_dir.is_dir():
        text_pages = load(text_dir, "*.txt", read_utf8_text, args.limit)
        text_timing = Timing("newsloom (text)")
        warm_up(newsloom_text_body, text_pages[:1])
        for _ in range(args.rounds):
            time_pass(text_timing, newsloom_text_body, text_pages)
        timings.append(text_timing)

    ours, baseline = timings[0], timings[1]
    ratio = ours.pages_per_second / baseline.pages_per_second if baseline.pages_per_second else 0.0
    rows = [(t.name, t.pages, t.seconds, t.pages_per_second, t.errors) for t in timings]
    print(format_table(("system", "pages", "seconds", "pages/s", "errors"), rows))
    verdict = "meets" if ratio >= TARGET_RATIO else "below"
    print(f"\nhtml speed ratio newsloom/trafilatura: {ratio:.2f} ({verdict} target {TARGET_RATIO})")
    write_json(
        args.json,
        {
            "pages": len(html_pages),
            "rounds": args.rounds,
            "systems": {
                t.name: {
                    "pages": t.pages,
                    "seconds": round(t.seconds, 4),
                    "pages_per_second": round(t.pages_per_second, 3),
                    "errors": t.errors,
                }
                for t in timings
            },
            "ratio": round(ratio, 4),
            "target_ratio": TARGET_RATIO,
        },
    )
    return 1 if args.check and ratio < TARGET_RATIO else 0


if __name__ == "__main__":
    sys.exit(main())
