"""newsloom: raw news in, clean deduplicated articles with evidence out."""

from __future__ import annotations

import logging

# Imported last on purpose: `newsloom.extract` is also a subpackage, and this binding
# must win over the submodule attribute the import system sets.
from newsloom.api import analyze, extract
from newsloom.options import Options
from newsloom.record import Article, Document, Provenance, RelatedItem, RemovedSegment

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
