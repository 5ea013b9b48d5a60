"""The extractors compared by the evaluation: newsloom and the plain baselines.

Baseline settings follow each upstream evaluation and are kept here, in one place.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import htmldate
import trafilatura

import newsloom
from newsloom.eval.runner import System
from newsloom.extract.errors import ExtractionError

# trafilatura's own benchmark settings (tests/eval_common.py upstream).
TRAFILATURA_EVAL_OPTIONS: dict[str, Any] = {"include_comments": False, "include_tables": True}
# htmldate's recommended settings for the original publication date.
HTMLDATE_OPTIONS: dict[str, Any] = {"extensive_search": True, "original_date": True}


def newsloom_html_body(html: str) -> str:
    return newsloom.extract(html, kind="html").text


def newsloom_text_body(text: str) -> str:
    return newsloom.extract(text, kind="text").text


def newsloom_published(html: str) -> str | None:
    try:
        published = newsloom.extract(html, kind="html").published
    except ExtractionError as error:  # a page without a body can still state its date
        if error.partial is None:
            raise
        published = error.partial.published
    if published is None:
        return None
    day = published.date() if isinstance(published, dt.datetime) else published
    return day.isoformat()


def trafilatura_default(html: str) -> str:
    return trafilatura.extract(html) or ""


def trafilatura_eval_settings(html: str) -> str:
    return trafilatura.extract(html, **TRAFILATURA_EVAL_OPTIONS) or ""


def htmldate_published(html: str) -> str | None:
    found = htmldate.find_date(html, **HTMLDATE_OPTIONS)
    return str(found) if found else None


def whole_text(text: str) -> str:
    return text


NEWSLOOM_HTML = System("newsloom", newsloom_html_body)
NEWSLOOM_TEXT = System("newsloom", newsloom_text_body)
NEWSLOOM_DATE = System("newsloom", newsloom_published)
TRAFILATURA_DEFAULT = System("trafilatura", trafilatura_default)
TRAFILATURA_EVAL = System("trafilatura", trafilatura_eval_settings)
HTMLDATE = System("htmldate", htmldate_published)
WHOLE_TEXT = System("whole text", whole_text, timed=False)
