"""The Python API: `extract` for one input, `Pipeline` (in newsloom.pipeline) for a store."""

from __future__ import annotations

from newsloom.extract import extract_document
from newsloom.ingest.encoding import decode_bytes
from newsloom.options import DEFAULT_OPTIONS, Options
from newsloom.record import Article, Document, DocumentKind, Provenance, parse_iso


def extract(
    data: str | bytes,
    kind: DocumentKind = "auto",
    url: str | None = None,
    published: str | None = None,
    options: Options = DEFAULT_OPTIONS,
) -> Article:
    """Extract one article from HTML or scraped text (str, or bytes of any encoding)."""
    text = decode_bytes(data).text if isinstance(data, bytes) else data
    document = Document(
        data=text,
        kind=kind,
        provenance=Provenance(input=url or "<memory>", reader="api"),
        url=url,
        published=published,
    )
    return extract_document(document, options)


def analyze(
    text: str,
    published: str | None = None,
    title: str | None = None,
    model: str | None = None,
) -> Article:
    """Run the enrichment stages on `text` taken as the body exactly as given.

    No cleaning: every offset in the result points into the caller's string
    (`article.text == text`). The text is treated as English.
    """
    from newsloom.enrich import Enricher

    article = Article(
        paragraphs=[text],
        title=title,
        published=parse_iso(published),
        language="en",
        provenance=[Provenance(input="<memory>", reader="analyze")],
    )
    return Enricher(model=model)(article)
