"""Times: time expressions resolved TIMEX3-style against the publication date."""

from __future__ import annotations

from newsloom.enrich.times.stage import TimeStage

__all__ = ["TimeStage"]
