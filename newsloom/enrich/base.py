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

if TYPE_CHECKING:
    from spacy.tokens import Doc

# What the parse and the extracted article give every stage.
BASE_FACTS = frozenset({"text", "published", "title", "parse"})


class EnrichStage(Protocol):
    name: ClassVar[str]
    requires: ClassVar[frozenset[str]]
    assigns: ClassVar[frozenset[str]]

    def __call__(self, article: Article, doc: Doc) -> None: ...


def check_order(stages: Sequence[EnrichStage]) -> None:
    available = set(BASE_FACTS)
    for stage in stages:
        missing = stage.requires - available
        if missing:
            raise ValueError(
                f"enrichment stage {stage.name!r} requires {sorted(missing)}, "
                "which no earlier stage assigns"
            )
        available |= stage.assigns
