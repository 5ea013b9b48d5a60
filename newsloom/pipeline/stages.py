"""Article stages: what runs on an `Article` after extraction.

Each stage names the article fields it needs and the ones it fills, and a
pipeline checks the order before anything runs (as spaCy's factories do), so a
misordered stage list fails at build time with a clear message. Stages are
plain picklable objects; heavy models load lazily inside `__call__`, never in
`__init__`, so the same list can run in-process or on cluster workers.

`default_stages(options)` is the one list every entry point runs (the CLI, the
Python API, the upload endpoint, the evaluation's product paths).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Protocol

from newsloom.options import DEFAULT_OPTIONS, Options
from newsloom.record import Article
from newsloom.stage_order import StageOrderError, check_order

__all__ = [
    "EXTRACTED_FIELDS",
    "ArticleStage",
    "StageOrderError",
    "check_stage_order",
    "default_stages",
]

# What extraction itself provides to the first stage.
EXTRACTED_FIELDS = frozenset(
    {"text", "paragraphs", "title", "published", "source", "language", "url", "credits"}
)


class ArticleStage(Protocol):
    name: ClassVar[str]
    requires: ClassVar[frozenset[str]]
    assigns: ClassVar[frozenset[str]]

    def __call__(self, article: Article) -> Article: ...


def check_stage_order(stages: Sequence[ArticleStage]) -> None:
    check_order(stages, EXTRACTED_FIELDS)


def default_stages(options: Options = DEFAULT_OPTIONS) -> list[ArticleStage]:
    """The article stages to run: the enricher (with `options.model`) when
    `options.enrich`, else none. Cheap to call: the language model loads on first use."""
    if not options.enrich:
        return []
    from newsloom.enrich import Enricher  # spaCy and the rule tables only when enriching

    return [Enricher(model=options.model)]
