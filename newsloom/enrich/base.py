"""What an enrichment stage is: a step on an (Article, parsed Doc) pair.

A stage names the facts it needs and the ones it adds; `check_order` fails
before anything runs when a stage needs a fact no earlier stage adds. Stages
mutate the article's fact lists in place and must set every offset relative to
`article.text` (which is also `doc.text`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar, Protocol

from newsloom.record import Article
from newsloom.stage_order import check_order

if TYPE_CHECKING:
    from spacy.tokens import Doc

# What the parse and the extracted article give every stage.
BASE_FACTS = frozenset({"text", "published", "title", "parse"})


class EnrichStage(Protocol):
    name: ClassVar[str]
    requires: ClassVar[frozenset[str]]
    assigns: ClassVar[frozenset[str]]

    def __call__(self, article: Article, doc: Doc) -> None: ...


def check_enrich_order(stages: Sequence[EnrichStage]) -> None:
    check_order(stages, BASE_FACTS)
