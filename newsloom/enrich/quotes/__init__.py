"""Quotes: direct quotes and reported speech, with their speakers."""

from __future__ import annotations

from newsloom.enrich.quotes.stage import QuoteStage

__all__ = ["QuoteStage"]
