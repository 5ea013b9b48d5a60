"""Input items through extraction and the article stages, never raising.

`process_batch` is a pure function of its arguments, so an executor can run it
in this process or ship a batch to a cluster worker. Stages that can work on
many articles at once (a `pipe` method, like the spaCy-based enricher) get the
whole batch; if a batch fails, its articles are retried one by one so that one
bad article costs only itself. `restage` runs the stages again on articles already
extracted (a store's).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, cast

from newsloom.extract import ExtractionError, extract_document
from newsloom.options import Options
from newsloom.pipeline.stages import ArticleStage
from newsloom.printable import printable
from newsloom.record import Article, Document, Dropped, PendingFetch

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Failed:
    """An input whose processing raised an unexpected error (a bug or a library fault)."""

    document: Document
    reason: str
    message: str


Processed = Article | Dropped | PendingFetch | Failed
Item = Document | Dropped | PendingFetch


def process_item(item: Item, options: Options, stages: Sequence[ArticleStage] = ()) -> Processed:
    return process_batch([item], options, stages)[0]


def process_batch(
    items: Sequence[Item], options: Options, stages: Sequence[ArticleStage] = ()
) -> list[Processed]:
    """Each item's outcome, in input order."""
    results: list[Processed] = [_extract(item, options) for item in items]
    for stage in stages:
        positions = [i for i, result in enumerate(results) if isinstance(result, Article)]
        articles = [results[i] for i in positions]
        for position, outcome in zip(positions, _run_stage(stage, articles), strict=True):
            if isinstance(outcome, BaseException):
                document = items[position]
                assert isinstance(document, Document)  # only documents become articles
                results[position] = Failed(document, type(outcome).__name__, str(outcome)[:500])
            else:
                results[position] = outcome
    return results


def restage(
    articles: Iterable[Article], stages: Sequence[ArticleStage], batch_size: int = 32
) -> Iterator[Article]:
    """Extracted articles through the stages again, a batch at a time, in input order.

    There is no input to record a failure against here, so the first error a stage
    raises on an article (after the one-by-one retry) is raised.
    """
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= batch_size:
            yield from _restage_batch(batch, stages)
            batch = []
    if batch:
        yield from _restage_batch(batch, stages)


def _restage_batch(articles: list[Article], stages: Sequence[ArticleStage]) -> list[Article]:
    for stage in stages:
        outcomes = list(_run_stage(stage, articles))
        for outcome in outcomes:
            if isinstance(outcome, BaseException):
                raise outcome
        articles = cast(list[Article], outcomes)
    return articles


def _extract(item: Item, options: Options) -> Processed:
    if not isinstance(item, Document):
        return item
    try:
        return extract_document(item, options)
    except ExtractionError as error:
        return Dropped(item.provenance, error.reason, error.message)
    except RecursionError as error:
        return Dropped(item.provenance, "too_deep", str(error)[:200])
    except Exception as error:  # one bad input must never end the run
        log.exception("extracting %s failed", printable(item.provenance.key()))
        return Failed(item, type(error).__name__, str(error)[:500])


def _run_stage(stage: ArticleStage, articles: list[Any]) -> Iterator[Article | BaseException]:
    pipe = getattr(stage, "pipe", None)
    if pipe is not None and len(articles) > 1:
        try:
            yield from list(pipe(articles))
            return
        except Exception:
            log.warning("stage %s failed on a batch; retrying its articles one by one", stage.name)
    for article in articles:
        yield from _run_one(stage, article)


def _run_one(stage: ArticleStage, article: Article) -> Iterable[Article | BaseException]:
    try:
        return [stage(article)]
    except Exception as error:
        log.exception("stage %s failed on article %s", stage.name, article.id)
        return [error]
