"""Text-mode cleaning of scraped plain text (page chrome still in it).

NOTE: first cut (one paragraph per line, leading `date` line); the full cleaner
is being written.
"""

from __future__ import annotations

import re

from newsloom.extract.news import apply_news_layer
from newsloom.options import Options
from newsloom.record import Article, parse_iso

_DATE_PREFIX = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s*")


def extract_text(text: str, options: Options) -> Article:
    published = None
    match = _DATE_PREFIX.match(text)
    if match:
        published = parse_iso(match.group(1))
        text = text[match.end() :]
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    layer = apply_news_layer(paragraphs)
    return Article(
        paragraphs=layer.paragraphs,
        published=published,
        source=layer.source,
        credits=layer.credits,
        related=layer.related,
        removed=layer.removed,
    )
