"""Helpers for robustness tests: run the real pipeline and check every input is accounted for."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from newsloom.pipeline import Pipeline
from newsloom.record import Article, RunCounts
from newsloom.store.records import DropRecord
from tests.robustness.hostile import article_html


@dataclass(slots=True)
class Outcome:
    counts: RunCounts
    articles: list[Article]
    drops: list[DropRecord]

    def drops_for(self, path: Path | str) -> list[DropRecord]:
        return [drop for drop in self.drops if drop.input == str(path)]

    def articles_from(self, path: Path | str) -> list[Article]:
        return [a for a in self.articles if any(p.input == str(path) for p in a.provenance)]

    def snapshot(self) -> tuple[list[dict[str, object]], list[tuple[str, str, str, str, str]]]:
        """Articles and drops without run ids and timestamps, for comparing stores."""
        articles = sorted((a.to_dict() for a in self.articles), key=lambda a: str(a["id"]))
        drops = sorted((d.input, d.locator, d.reader, d.reason, d.message) for d in self.drops)
        return articles, drops


def ingest(db: Path, inputs: list[Path | str]) -> Outcome:
    with Pipeline(db) as pipeline:
        counts = pipeline.ingest([str(p) for p in inputs]).counts
        articles = list(pipeline.store.iter_articles())
        drops = pipeline.store.drops(limit=100_000)
    return Outcome(counts, articles, drops)


def balanced(counts: RunCounts) -> bool:
    """Every item read ended in exactly one bucket."""
    ends = counts.stored + counts.unchanged + counts.merged + counts.updated + counts.pending
    return counts.read == ends + sum(counts.dropped.values()) + sum(counts.failed.values())


def write_good(folder: Path, name: str = "good.html", tag: str = "good") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(article_html(tag=tag), encoding="utf-8")
    return path


def assert_good_stored(outcome: Outcome, path: Path, tag: str = "good") -> None:
    stored = outcome.articles_from(path)
    assert len(stored) == 1, f"{path.name}: {len(stored)} articles"
    assert "tide gauge" in stored[0].text and tag in stored[0].text


def assert_drops_match_counts(outcome: Outcome) -> None:
    """On a fresh store, each dropped or failed item is one row of `drops()`."""
    assert balanced(outcome.counts), outcome.counts
    counted = sum(outcome.counts.dropped.values()) + sum(outcome.counts.failed.values())
    assert counted == len(outcome.drops), (outcome.counts, [d.to_dict() for d in outcome.drops])
    by_reason: dict[str, int] = {}
    for drop in outcome.drops:
        by_reason[drop.reason] = by_reason.get(drop.reason, 0) + 1
    expected = dict(outcome.counts.dropped)
    expected.update({f"failed:{k}": v for k, v in outcome.counts.failed.items()})
    assert by_reason == expected
