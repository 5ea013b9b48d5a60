"""Roles of people from appositions and pre-modifiers (placeholder: being written)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from newsloom.record import Article

if TYPE_CHECKING:
    from spacy.tokens import Doc


class RoleStage:
    name: ClassVar[str] = "roles"
    requires: ClassVar[frozenset[str]] = frozenset({"parse", "entities"})
    assigns: ClassVar[frozenset[str]] = frozenset({"roles"})

    def __call__(self, article: Article, doc: Doc) -> None:
        return None
