"""Enrichment: who is in a story, what they said, and when things happen.

`Enricher` parses articles with spaCy (batched, model loaded lazily once per
process) and runs the stages in order: times, entities, roles, quotes, places, events. Articles
not in English are kept and marked `enrichment = "skipped: language xx"`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import ClassVar

from newsloom.enrich.base import EnrichStage, check_enrich_order
from newsloom.enrich.entities import EntityStage
from newsloom.enrich.events import EventStage
from newsloom.enrich.nlp import load_pipeline, parse
from newsloom.enrich.places import PlaceStage
from newsloom.enrich.quotes import QuoteStage
from newsloom.enrich.roles import RoleStage
from newsloom.enrich.times import TimeStage
from newsloom.fact_kinds import fact_keys
from newsloom.record import Article

__all__ = ["EnrichStage", "Enricher", "default_stages"]

ENGLISH = "en"


def default_stages() -> list[EnrichStage]:
    """The enrichment stages an `Enricher` runs on each parse, in order (the article-level
    list, which holds the `Enricher` itself, is `newsloom.pipeline.default_stages`)."""
    return [TimeStage(), EntityStage(), RoleStage(), QuoteStage(), PlaceStage(), EventStage()]


class Enricher:
    """Also an article stage of the ingest pipeline (see newsloom.pipeline.stages)."""

    name: ClassVar[str] = "enrich"
    requires: ClassVar[frozenset[str]] = frozenset({"text", "published", "language"})
    assigns: ClassVar[frozenset[str]] = frozenset(
        {"entities", "roles", "quotes", "times", "places", "events"}
    )

    def __init__(self, model: str | None = None, stages: Sequence[EnrichStage] | None = None):
        self.model = model
        self.stages = list(stages) if stages is not None else default_stages()
        check_enrich_order(self.stages)

    def __call__(self, article: Article) -> Article:
        return next(self.pipe([article]))

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]:
        """Enrich articles in batches; facts of an earlier run are replaced, not added to."""
        batch: list[Article] = []
        for article in articles:
            if article.language not in (None, ENGLISH):
                _clear(article, self.stages)
                article.enrichment = f"skipped: language {article.language}"
                yield article
                continue
            batch.append(article)
            if len(batch) >= 32:
                yield from self._run(batch)
                batch = []
        if batch:
            yield from self._run(batch)

    def _run(self, batch: list[Article]) -> Iterator[Article]:
        nlp = load_pipeline(self.model)
        for article, doc in zip(batch, parse(nlp, [a.text for a in batch]), strict=True):
            _clear(article, self.stages)
            for stage in self.stages:
                stage(article, doc)
            article.enrichment = "done"
            yield article


def _clear(article: Article, stages: Sequence[EnrichStage]) -> None:
    """Empty every fact kind the stages assign, so a re-run replaces instead of adding."""
    assigned = frozenset().union(*(stage.assigns for stage in stages))
    for key in fact_keys():
        if key in assigned:
            article.facts[key] = []
