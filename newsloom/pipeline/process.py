"""One input item through extraction and the article stages, never raising.

`process_item` is a pure function of its arguments, so an executor can run it
in this process or ship it to a cluster worker.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from newsloom.extract import ExtractionError, extract_document
from newsloom.options import Options
from newsloom.pipeline.stages import ArticleStage
from newsloom.record import Article, Document, Dropped, PendingFetch

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Failed:
    """An input whose processing raised an unexpected error (a bug or a library fault)."""

    document: Document
    reason: str
    message: str


Processed = Article | Dropped | PendingFetch | Failed


def process_item(
    item: Document | Dropped | PendingFetch,
    options: Options,
    stages: Sequence[ArticleStage] = (),
) -> Processed:
    if not isinstance(item, Document):
        return item
    try:
        article = extract_document(item, options)
        for stage in stages:
            article = stage(article)
        return article
    except ExtractionError as error:
        return Dropped(item.provenance, error.reason, error.message)
    except RecursionError as error:
        return Dropped(item.provenance, "too_deep", str(error)[:200])
    except Exception as error:  # one bad input must never end the run
        log.exception("processing %s failed", item.provenance.key())
        return Failed(item, type(error).__name__, str(error)[:500])
