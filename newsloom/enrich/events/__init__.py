"""Events: PLOVER-coded events (who did what to whom, when, where)."""

from __future__ import annotations

from newsloom.enrich.events.stage import EventStage

__all__ = ["EventStage"]
