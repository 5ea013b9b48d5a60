"""A model span as the entity stage sees it, before it joins a cluster."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    text: str
    label: str
    model_label: str | None
    confidence: float
    root: int
