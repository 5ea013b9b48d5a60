"""`ExtractionError`: why an input cannot become an article.

Its `reason` is one of (also in `newsloom.ingest.reasons` and the README):

- `empty`: nothing but whitespace (`newsloom.extract` only; readers drop such inputs).
- `too_large`: `newsloom.extract` input over `Options.max_document_bytes` (bytes, or
  characters for a `str`).
- `no_text`: no article body in the input.
- `too_long`: the article text is over `Options.max_article_chars`.
- `too_deep`: markup nested deeper than the parser can follow (RecursionError).
- `failed`: an unexpected error (a bug, logged with its traceback) inside
  `newsloom.extract` or `newsloom.analyze`; `message` names the error's class and the
  error is the exception's `__cause__`. The pipeline counts these under `failed`.
"""

from __future__ import annotations

from newsloom.record import Article

EMPTY = "empty"
TOO_LARGE = "too_large"
NO_TEXT = "no_text"
TOO_LONG = "too_long"
TOO_DEEP = "too_deep"
FAILED = "failed"
EXTRACTION_REASONS = frozenset({EMPTY, TOO_LARGE, NO_TEXT, TOO_LONG, TOO_DEEP, FAILED})


class ExtractionError(Exception):
    """An input that cannot become an article; `reason` is counted in the run.

    `partial` carries what could still be read (title, date, url) when the page
    has metadata but no article body, so callers can report or score it.
    """

    def __init__(self, reason: str, message: str = "", partial: Article | None = None) -> None:
        super().__init__(f"{reason}: {message}" if message else reason)
        self.reason = reason
        self.message = message
        self.partial = partial
