"""The article body a page states in its JSON-LD (`articleBody`), as paragraphs.

Pages rendered by JavaScript often have an empty body in the HTML while their
JSON-LD carries the whole text. It comes as plain text, as HTML, or with its
markup escaped; paragraphs are the lines (or block elements) of that text.
"""

from __future__ import annotations

import html
from typing import Any

from lxml.html import HtmlElement, fragment_fromstring

from newsloom.extract import html_rules as rules


def stated_body(article: dict[str, Any]) -> list[str]:
    """Paragraphs of the JSON-LD `articleBody`; empty when absent or too short to trust."""
    body = article.get("articleBody")
    if not isinstance(body, str) or len(body) < rules.ARTICLE_BODY_MIN_CHARS:
        return []
    if "<" not in body and "&lt;" in body:
        body = html.unescape(body)
    text = _markup_text(body) if "<" in body else html.unescape(body)
    return [line.strip() for line in text.splitlines() if line.strip()]


def prefer_stated_body(extracted: str, stated: list[str]) -> bool:
    """Whether to use the stated body: the extraction missed the article, or it is the
    same text (trafilatura's own fallback reads `articleBody` but joins its paragraphs)."""
    stated_chars = sum(len(p) for p in stated)
    if not stated_chars:
        return False
    if len(extracted) < rules.ARTICLE_BODY_EXTRACTED_SHARE * stated_chars:
        return True
    return " ".join(extracted.split()) == " ".join(" ".join(stated).split())


def _markup_text(body: str) -> str:
    root: HtmlElement = fragment_fromstring(body, create_parent="div")
    for element in root.iter(*rules.BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
        if element.tag != "br":
            element.text = "\n" + (element.text or "")
    return str(root.text_content())
