"""Places: place entities resolved to coordinates from the embedded gazetteer."""

from __future__ import annotations

from newsloom.enrich.places.stage import PlaceStage

__all__ = ["PlaceStage"]
