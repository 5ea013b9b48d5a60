"""Article stages: what runs on an `Article` after extraction.

Each stage names the article fields it needs and the ones it fills, and a
pipeline checks the order before anything runs (as spaCy's factories do), so a
misordered stage list fails at build time with a clear message. Stages are
plain picklable objects; heavy models load lazily inside `__call__`, never in
`__init__`, so the same list can run in-process or on cluster workers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Protocol

from newsloom.record import Article
from newsloom.stage_order import StageOrderError, check_order

__all__ = ["EXTRACTED_FIELDS", "ArticleStage", "StageOrderError", "check_stage_order"]

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
