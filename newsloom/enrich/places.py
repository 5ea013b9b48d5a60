"""The places stage: resolve the article's place entities to gazetteer coordinates."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from newsloom.record import Article

if TYPE_CHECKING:
    from spacy.tokens import Doc


class PlaceStage:
    name: ClassVar[str] = "places"
    requires: ClassVar[frozenset[str]] = frozenset({"entities"})
    assigns: ClassVar[frozenset[str]] = frozenset({"places"})

    def __call__(self, article: Article, doc: Doc) -> None:
        del doc
        article.places = []
