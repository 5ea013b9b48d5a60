"""Write samples/warc/news-crawl.warc.gz: two HTML responses and one request record.

The stories are invented. The output is reproducible: record ids, dates and the
gzip headers are fixed, so running this again gives the same bytes.

    .venv/bin/python samples/make_warc.py
"""

from __future__ import annotations

import html
import io
from dataclasses import dataclass
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

OUTPUT = Path(__file__).resolve().parent / "warc" / "news-crawl.warc.gz"
CRAWL_DATE = "2025-11-05T06:00:00Z"


@dataclass(frozen=True)
class Page:
    url: str
    title: str
    site: str
    author: str
    published: str
    paragraphs: tuple[str, ...]


PAGES = (
    Page(
        url="https://carrickbaytimes.example/news/cod-quota-cut",
        title="Fishing fleet in Carrick Bay faces deeper cod quota cut",
        site="carrickbaytimes",
        author="Maren Solberg",
        published="2025-11-03",
        paragraphs=(
            "Fishing crews in Carrick Bay will be allowed to land 18 percent less cod next year after the fisheries agency cut quotas again, citing slow recovery of stocks in the northern grounds.",
            "The Carrick Bay Fishermen's Cooperative said the cut, the third in a row, would force some of its 40 boats to stay in harbour for part of the winter.",
            "Agency director Halvard Quist said scientists had recorded fewer young cod than expected. Quotas for haddock and plaice will rise slightly.",
        ),
    ),
    Page(
        url="https://easternpostonline.example/business/goldcrust-insolvency",
        title="Bakery chain Goldcrust files for insolvency, 600 jobs at risk",
        site="easternpostonline",
        author="Nils Ardwick",
        published="2025-11-04",
        paragraphs=(
            "Bakery chain Goldcrust, which runs 85 shops across the eastern provinces, filed for insolvency on Tuesday, putting about 600 jobs at risk.",
            "The company blamed higher energy and flour costs. An administrator appointed by the court in Pellingham said the shops would stay open while buyers were sought.",
            "Goldcrust was founded in 1962 as a single bakery in Pellingham and expanded rapidly in the last decade. Its founder's grandson, chief executive Piers Holloway, said he regretted the decision.",
        ),
    ),
)


def render(page: Page) -> bytes:
    body = "\n".join(f"    <p>{html.escape(p)}</p>" for p in page.paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{html.escape(page.title)} - {page.site}</title>
  <meta property="article:published_time" content="{page.published}T07:45:00+00:00">
</head>
<body>
  <nav><a href="/">Home</a> <a href="/news">News</a> <a href="/business">Business</a></nav>
  <article>
    <h1>{html.escape(page.title)}</h1>
    <p class="byline">By {html.escape(page.author)}</p>
{body}
  </article>
  <footer><p>Copyright 2025 {page.site}</p></footer>
</body>
</html>
""".encode()


def record_id(number: int) -> str:
    return f"<urn:uuid:00000000-0000-4000-8000-{number:012d}>"


def build() -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    first = PAGES[0]
    request_headers = StatusAndHeaders(
        "GET /news/cod-quota-cut HTTP/1.1",
        [("Host", first.url.split("/")[2]), ("User-Agent", "newsloom-sample/1.0")],
        is_http_request=True,
    )
    request = writer.create_warc_record(
        first.url,
        "request",
        payload=io.BytesIO(b""),
        http_headers=request_headers,
        warc_headers_dict={"WARC-Record-ID": record_id(1), "WARC-Date": CRAWL_DATE},
    )
    writer.write_record(request)
    for number, page in enumerate(PAGES, start=2):
        payload = render(page)
        http_headers = StatusAndHeaders(
            "200 OK",
            [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(payload)))],
            protocol="HTTP/1.1",
        )
        response = writer.create_warc_record(
            page.url,
            "response",
            payload=io.BytesIO(payload),
            http_headers=http_headers,
            warc_headers_dict={"WARC-Record-ID": record_id(number), "WARC-Date": CRAWL_DATE},
        )
        writer.write_record(response)
    return buffer.getvalue()


def main() -> None:
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_bytes(build())
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()
