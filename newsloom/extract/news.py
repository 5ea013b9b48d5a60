"""The news layer shared by HTML and scraped-text extraction.

It takes candidate body paragraphs (in reading order) and separates what belongs
to the article from what does not: repeated paragraphs, wire-agency lines,
image credits, related-story lists and page chrome. Everything taken out is kept
as a `RemovedSegment` with its reason.

NOTE: first cut (dedupe only); the full rules are being written.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsloom.record import RelatedItem, RemovedSegment, normalize_for_hash


@dataclass(slots=True)
class NewsLayerResult:
    paragraphs: list[str] = field(default_factory=list)
    removed: list[RemovedSegment] = field(default_factory=list)
    related: list[RelatedItem] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    source: str | None = None


def apply_news_layer(paragraphs: list[str]) -> NewsLayerResult:
    result = NewsLayerResult()
    seen: set[str] = set()
    for paragraph in paragraphs:
        key = normalize_for_hash(paragraph)
        if not key:
            continue
        if key in seen:
            result.removed.append(RemovedSegment(paragraph, "duplicate"))
            continue
        seen.add(key)
        result.paragraphs.append(paragraph)
    return result
