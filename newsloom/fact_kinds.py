"""The kinds of fact an article carries, each declared once.

A `FactKind` names its record type (a `fact_shape.Shaped` dataclass), the key of its
list in the article's JSON and in `Article.facts`, the store table the SQLite backend
keeps it in, and how it counts in the facts fingerprint. Everything that handles facts
reads this registry instead of listing the kinds itself: `Article.to_dict`/`from_dict`,
the enricher's clearing, the store's rows and fingerprint, the API's article model and
the export's columns. Adding a kind is its record module plus one `register(...)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

# How a kind counts in `facts_fingerprint`: "always" (its list, even empty) or
# "when_present" (only a non-empty list), so that adding a kind leaves the fingerprints
# already stored valid.
Fingerprint = Literal["always", "when_present"]


@dataclass(frozen=True, slots=True)
class FactKind:
    key: str
    record: type[Any]
    # The SQLite backend's own table for this kind; None: rows of the generic `facts`
    # table (the record as JSON with its span), which any new kind gets for free.
    table: str | None = None
    fingerprint: Fingerprint = "when_present"


_KINDS: dict[str, FactKind] = {}


def register(kind: FactKind) -> FactKind:
    """Declare a fact kind (once; registering the same key again replaces it)."""
    _KINDS[kind.key] = kind
    return kind


def unregister(key: str) -> None:
    """Forget a kind (for tests that declare a toy one)."""
    _KINDS.pop(key, None)


def fact_kinds() -> tuple[FactKind, ...]:
    """Every declared kind, in registration order (the order of the article's JSON)."""
    return tuple(_KINDS.values())


def fact_keys() -> tuple[str, ...]:
    return tuple(_KINDS)
