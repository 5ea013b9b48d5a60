"""Direct quotes and reported speech with their speakers (placeholder: being written)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from newsloom.record import Article

if TYPE_CHECKING:
    from spacy.tokens import Doc


class QuoteStage:
    name: ClassVar[str] = "quotes"
    requires: ClassVar[frozenset[str]] = frozenset({"parse", "entities", "times"})
    assigns: ClassVar[frozenset[str]] = frozenset({"quotes"})

    def __call__(self, article: Article, doc: Doc) -> None:
        return None
