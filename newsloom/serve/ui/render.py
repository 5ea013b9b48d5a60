"""Rendering for the web UI: one autoescaping Jinja2 environment and the security headers.

Everything taken from an article reaches HTML through autoescaping. The only `Markup`
built in Python comes from `snippet_html` and `ui_highlight.highlight_text`, which escape
every text piece themselves before adding their own tags.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

TEMPLATES_DIR = Path(__file__).parent.parent / "templates"

# No inline script or style anywhere: scripts and stylesheets come from /static only.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}

_SAFE_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.IGNORECASE)


def safe_href(url: str | None) -> str | None:
    """`url` when it is a plain http(s) URL a link may point to; otherwise None.

    Anything else (`javascript:`, `data:`, relative paths, URLs with whitespace or control
    characters that a browser might strip into another scheme) is shown as text only.
    """
    if not url:
        return None
    return url if _SAFE_URL.fullmatch(url) else None


def snippet_html(snippet: str, highlights: Sequence[Sequence[int]] = ()) -> Markup:
    """The snippet escaped, with each highlighted (start, end) stretch in <mark>.

    Spans out of range, empty or overlapping an earlier one are ignored, so the output
    is always balanced whatever the spans say.
    """
    parts: list[str] = []
    position = 0
    for start, end in sorted((int(a), int(b)) for a, b in highlights):
        if start < position or end <= start or end > len(snippet):
            continue
        parts.append(str(escape(snippet[position:start])))
        parts.append(f"<mark>{escape(snippet[start:end])}</mark>")
        position = end
    parts.append(str(escape(snippet[position:])))
    return Markup("".join(parts))


def format_date(value: dt.date | dt.datetime | str | None) -> str:
    if value is None:
        return "undated"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def format_confidence(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def publisher(source: str | None, site: str | None = None, url: str | None = None) -> str:
    """Who published an article, for a list row: the wire source, else the site's name,
    else the URL's host; "unknown source" only when none of them is known."""
    for name in (source, site):
        if name and name.strip():
            return name.strip()
    if url:
        host = urlsplit(url).hostname
        if host:
            return host.removeprefix("www.")
    return "unknown source"


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["date"] = format_date
    env.filters["confidence"] = format_confidence
    env.filters["snippet"] = snippet_html
    env.globals["safe_href"] = safe_href
    env.globals["publisher"] = publisher
    return env


ENVIRONMENT = _environment()


def render(template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render one page with the UI's security headers."""
    from newsloom.serve.ui.assets import vendor_available

    html = ENVIRONMENT.get_template(template).render(vendor_available=vendor_available, **context)
    return HTMLResponse(html, status_code=status_code, headers=SECURITY_HEADERS)
