"""One options object passed to every stage; its defaults live here and nowhere else."""

from __future__ import annotations

from dataclasses import dataclass

MEGABYTE = 1024 * 1024


@dataclass(slots=True, frozen=True)
class Options:
    # Inputs larger than this are dropped with reason `too_large` (documented in the README).
    max_document_bytes: int = 10 * MEGABYTE
    # Articles whose extracted text is longer than this many characters are dropped with
    # reason `too_long` (documented in the README): about 80,000 words, ten times the
    # longest feature story; longer text is a dump or a runaway page, and enrichment
    # would spend minutes on it.
    max_article_chars: int = 500_000
    # Detect the language of each article (py3langid, model shipped in the package).
    detect_language: bool = True
    # Ask trafilatura to prefer precision over recall on HTML.
    favor_precision: bool = False
    # Keep tables in HTML main text, as trafilatura's evaluation does.
    include_tables: bool = True
    # Articles with fewer body characters than this are dropped with reason `no_text`.
    min_body_chars: int = 1
    # Run enrichment after extraction (`default_stages` in newsloom.pipeline). Off here so
    # `newsloom.extract` and `Pipeline` extract only unless asked; the CLI commands and the
    # upload endpoint turn it on unless told not to (--no-enrich, ?enrich=false).
    enrich: bool = False
    # The spaCy pipeline enrichment loads: a name or path; None for en_core_web_sm.
    model: str | None = None


DEFAULT_OPTIONS = Options()
