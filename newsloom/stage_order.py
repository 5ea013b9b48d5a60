"""Stages declare the facts they need and add; an ordering is checked before anything runs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Protocol


class StageOrderError(ValueError):
    pass


class DeclaresFacts(Protocol):
    """Anything that names what it needs and what it adds (article and enrichment stages)."""

    name: ClassVar[str]
    requires: ClassVar[frozenset[str]]
    assigns: ClassVar[frozenset[str]]


def check_order(stages: Sequence[DeclaresFacts], available: frozenset[str]) -> None:
    """Fail when a stage needs a fact that neither `available` nor an earlier stage gives."""
    known = set(available)
    for stage in stages:
        missing = stage.requires - known
        if missing:
            raise StageOrderError(
                f"stage {stage.name!r} requires {sorted(missing)}, which no earlier stage assigns"
            )
        known |= stage.assigns
