"""The Python API: `extract` for one input, `Pipeline` (in newsloom.pipeline) for a store."""

from __future__ import annotations

from newsloom.extract import extract_document
from newsloom.ingest.encoding import decode_bytes
from newsloom.options import DEFAULT_OPTIONS, Options
from newsloom.record import Article, Document, DocumentKind, Provenance


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
