"""The Python API: `extract` for one input, `Pipeline` (in newsloom.pipeline) for a store.

`extract` and `analyze` raise `ExtractionError` and nothing else, whatever the input:
its `reason` says why (`newsloom.extract.errors` lists them). Text is made safe as it
enters: lone surrogates become U+FFFD (and, in `extract`, NUL characters are removed),
so every article can be encoded as UTF-8 and stored.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from newsloom.extract import extract_document
from newsloom.extract.checked import checked_date
from newsloom.extract.errors import (
    EMPTY,
    FAILED,
    TOO_DEEP,
    TOO_LARGE,
    TOO_LONG,
    ExtractionError,
)
from newsloom.ingest.encoding import decode_bytes
from newsloom.ingest.sanitize import clean_item, clean_optional, replace_surrogates
from newsloom.options import DEFAULT_OPTIONS, Options
from newsloom.record import Article, Document, DocumentKind, Provenance

log = logging.getLogger(__name__)


def extract(
    data: str | bytes,
    kind: DocumentKind = "auto",
    url: str | None = None,
    published: str | None = None,
    options: Options = DEFAULT_OPTIONS,
) -> Article:
    """Extract one article from HTML or scraped text (str, or bytes of any encoding).

    Raises `ExtractionError` (with a reason) when there is no article, and for no
    other input: `empty`, `too_large` (over `options.max_document_bytes`: bytes, or
    characters for a str), `no_text`, `too_long` (over `options.max_article_chars`),
    `too_deep`, or `failed` for an unexpected error. An invalid `url` or `published`
    is ignored with a logged warning. With `options.enrich` the article also goes
    through the enrichment stages.
    """
    return _only_extraction_errors(lambda: _extract(data, kind, url, published, options))


def _extract(
    data: str | bytes,
    kind: DocumentKind,
    url: str | None,
    published: str | None,
    options: Options,
) -> Article:
    if len(data) > options.max_document_bytes:
        raise ExtractionError(TOO_LARGE, f"{len(data)} over {options.max_document_bytes}")
    text = decode_bytes(data).text if isinstance(data, bytes) else data
    if not text.strip():
        raise ExtractionError(EMPTY, "nothing but whitespace")
    document = Document(
        data=text,
        kind=kind,
        provenance=Provenance(input=url or "<memory>", reader="api"),
        url=url,
        published=published,
    )
    clean_item(document)  # NUL, lone surrogates, control references, as readers do
    return _run_stages(extract_document(document, options), options)


def analyze(
    text: str,
    published: str | None = None,
    title: str | None = None,
    model: str | None = None,
) -> Article:
    """Run the enrichment stages on `text` taken as the body exactly as given.

    No cleaning: every offset in the result points into the caller's string
    (`article.text == text`), except that a lone surrogate becomes U+FFFD (one
    character for one). The text is treated as English. Raises `ExtractionError`
    only: `too_long` for text over `Options.max_article_chars`, `too_deep`, or
    `failed` for an unexpected error; an invalid `published` is ignored (warned).
    """
    options = Options(enrich=True, model=model)
    return _only_extraction_errors(lambda: _analyze(text, published, title, options))


def _analyze(text: str, published: str | None, title: str | None, options: Options) -> Article:
    if len(text) > options.max_article_chars:
        message = f"{len(text)} characters, over {options.max_article_chars}"
        raise ExtractionError(TOO_LONG, message)
    article = Article(
        paragraphs=[replace_surrogates(text)],
        title=clean_optional(title),
        published=checked_date(published, "given publication date"),
        language="en",
        provenance=[Provenance(input="<memory>", reader="analyze")],
    )
    return _run_stages(article, options)


def _only_extraction_errors(run: Callable[[], Article]) -> Article:
    """`run()`, with any error other than `ExtractionError` turned into one."""
    try:
        return run()
    except ExtractionError:
        raise
    except RecursionError as error:
        raise ExtractionError(TOO_DEEP, "nested deeper than the parser can follow") from error
    except Exception as error:
        log.exception("extraction failed")
        raise ExtractionError(FAILED, f"{type(error).__name__}: {error}"[:500]) from error


def _run_stages(article: Article, options: Options) -> Article:
    """The article through `default_stages(options)`, in order; a stage's error is raised."""
    from newsloom.pipeline.stages import default_stages  # the pipeline package loads on use

    for stage in default_stages(options):
        article = stage(article)
    return article
