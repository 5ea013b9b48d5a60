"""People, organisations and places: one canonical entity per referent (placeholder)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from newsloom.record import Article

if TYPE_CHECKING:
    from spacy.tokens import Doc


class EntityStage:
    name: ClassVar[str] = "entities"
    requires: ClassVar[frozenset[str]] = frozenset({"parse"})
    assigns: ClassVar[frozenset[str]] = frozenset({"entities"})

    def __call__(self, article: Article, doc: Doc) -> None:
        return None
