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
    """Extract one article from HTML or scraped text (str, or bytes of any encoding).

    Raises `ExtractionError` (with a reason) when there is no article. With
    `options.enrich` the article also goes through the enrichment stages.
    """
    text = decode_bytes(data).text if isinstance(data, bytes) else data
    document = Document(
        data=text,
        kind=kind,
        provenance=Provenance(input=url or "<memory>", reader="api"),
        url=url,
        published=published,
    )
    return _run_stages(extract_document(document, options), options)


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
    article = Article(
        paragraphs=[text],
        title=title,
        published=parse_iso(published),
        language="en",
        provenance=[Provenance(input="<memory>", reader="analyze")],
    )
    return _run_stages(article, Options(enrich=True, model=model))


def _run_stages(article: Article, options: Options) -> Article:
    """The article through `default_stages(options)`, in order; a stage's error is raised."""
    from newsloom.pipeline.stages import default_stages  # the pipeline package loads on use

    for stage in default_stages(options):
        article = stage(article)
    return article
