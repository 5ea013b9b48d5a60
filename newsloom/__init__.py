"""newsloom: raw news in, clean deduplicated articles with evidence out."""

from __future__ import annotations

import logging
import sys
import types
from typing import TYPE_CHECKING

from newsloom import api
from newsloom.api import analyze
from newsloom.options import DEFAULT_OPTIONS, Options
from newsloom.record import Article, Document, DocumentKind, Provenance, RelatedItem, RemovedSegment

if TYPE_CHECKING:
    # Type checkers see the function for `newsloom.extract(...)` and the subpackage
    # for `import newsloom.extract`; at run time the name is the callable subpackage.
    from newsloom.api import extract

__all__ = [
    "Article",
    "Document",
    "Options",
    "Provenance",
    "RelatedItem",
    "RemovedSegment",
    "analyze",
    "extract",
]
__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())


class _ExtractPackage(types.ModuleType):
    """The `newsloom.extract` subpackage, callable as the public `newsloom.extract` function.

    The name means both, and an attribute holds one object: `import newsloom.extract as m`
    reads the attribute `newsloom.extract` (sys.modules only when it is missing), so the
    attribute stays the subpackage, and calling it runs `newsloom.api.extract`.
    """

    def __call__(
        self,
        data: str | bytes,
        kind: DocumentKind = "auto",
        url: str | None = None,
        published: str | None = None,
        options: Options = DEFAULT_OPTIONS,
    ) -> Article:
        return api.extract(data, kind, url, published, options)


sys.modules[f"{__name__}.extract"].__class__ = _ExtractPackage
