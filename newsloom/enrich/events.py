"""The events stage: PLOVER-coded events, each tied to the sentence that supports it."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from newsloom.record import Article

if TYPE_CHECKING:
    from spacy.tokens import Doc


class EventStage:
    name: ClassVar[str] = "events"
    requires: ClassVar[frozenset[str]] = frozenset({"entities", "times", "places"})
    assigns: ClassVar[frozenset[str]] = frozenset({"events"})

    def __call__(self, article: Article, doc: Doc) -> None:
        del doc
        article.events = []
