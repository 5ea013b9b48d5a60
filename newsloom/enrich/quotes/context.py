"""Where and when a quote was said: the channel named in its sentence, and its date."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsloom.enrich.quotes.config import QuoteConfig
from newsloom.record import Article

if TYPE_CHECKING:
    from spacy.tokens import Span


def channel_in(clause: str, config: QuoteConfig) -> str | None:
    """The first channel pattern's match in the attribution clause (`Ukrainian television`)."""
    for pattern in config.channels.patterns:
        match = pattern.search(clause)
        if match:
            return match.group("channel")
    return None


def date_of(article: Article, sentence: Span, cue_start: int, skip: tuple[int, int]) -> str | None:
    """The value of the time expression nearest the cue in its sentence (outside the quote
    content `skip`), else the publication date."""
    candidates = [
        time
        for time in article.times
        if sentence.start_char <= time.start
        and time.end <= sentence.end_char
        and not (skip[0] <= time.start < skip[1])
    ]
    if candidates:
        return min(candidates, key=lambda t: abs(t.start - cue_start)).value
    if article.published is None:
        return None
    return article.published.isoformat()[:10]
