"""Builders for ingest tests: invented articles as HTML pages, WARC files and feeds."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

PARAGRAPHS = (
    "The town council of Brindlemoor voted on Thursday to close the old ferry pier "
    "after engineers found cracks in three of its supports.",
    "Councillor Maeve Hollin said a temporary landing stage would open within a month, "
    "and that the ferry to Caddow Island would keep running in the meantime.",
    "Residents asked the council to publish the engineers' report in full.",
)


def article_html(title: str = "Brindlemoor closes ferry pier", charset: str = "utf-8") -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title}</title></head>'
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}</article>"
        "<footer>Brindlemoor Bulletin</footer></body></html>"
    )


Response = tuple[str, bytes, str, str]  # url, payload, content type, HTTP status line


def write_warc(path: Path, responses: list[Response], with_request: bool = True) -> Path:
    """A WARC (gzip when the name ends in .gz) with an optional request record first."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=path.name.endswith(".gz"))
    if with_request and responses:
        request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "a.example")], is_http_request=True)
        writer.write_record(
            writer.create_warc_record(
                responses[0][0], "request", payload=io.BytesIO(b""), http_headers=request
            )
        )
    for url, payload, content_type, status in responses:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                url, "response", payload=io.BytesIO(payload), http_headers=headers
            )
        )
    path.write_bytes(buffer.getvalue())
    return path


@pytest.fixture
def make_warc(tmp_path: Path) -> Callable[..., Path]:
    def make(name: str, responses: list[Response], with_request: bool = True) -> Path:
        return write_warc(tmp_path / name, responses, with_request)

    return make
