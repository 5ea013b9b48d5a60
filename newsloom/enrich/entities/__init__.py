"""Entities: model spans resolved into canonical entities shared across articles."""

from __future__ import annotations

from newsloom.enrich.entities.stage import EntityStage

__all__ = ["EntityStage"]
