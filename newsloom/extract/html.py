"""HTML main text and metadata with trafilatura, then the news layer.

NOTE: first cut; tuning against the evaluation sets is in progress.
"""

from __future__ import annotations

import trafilatura

from newsloom.extract.errors import ExtractionError
from newsloom.extract.news import apply_news_layer
from newsloom.options import Options
from newsloom.record import Article, parse_iso


def extract_html(html: str, url: str | None, options: Options) -> Article:
    document = trafilatura.bare_extraction(
        html,
        url=url,
        include_comments=False,
        include_tables=options.include_tables,
        favor_precision=options.favor_precision,
        with_metadata=True,
    )
    if document is None or not document.text:
        raise ExtractionError("no_text", "trafilatura found no main text")
    paragraphs = [line.strip() for line in document.text.split("\n") if line.strip()]
    layer = apply_news_layer(paragraphs)
    return Article(
        paragraphs=layer.paragraphs,
        title=document.title,
        published=parse_iso(document.date),
        url=document.url or url,
        site=document.sitename,
        authors=[a.strip() for a in (document.author or "").split(";") if a.strip()],
        source=layer.source,
        credits=layer.credits,
        related=layer.related,
        removed=layer.removed,
    )
