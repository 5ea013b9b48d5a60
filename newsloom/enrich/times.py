"""Time expressions resolved against the publication date (placeholder: being written)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from newsloom.record import Article

if TYPE_CHECKING:
    from spacy.tokens import Doc


class TimeStage:
    name: ClassVar[str] = "times"
    requires: ClassVar[frozenset[str]] = frozenset({"text", "published"})
    assigns: ClassVar[frozenset[str]] = frozenset({"times"})

    def __call__(self, article: Article, doc: Doc) -> None:
        return None
