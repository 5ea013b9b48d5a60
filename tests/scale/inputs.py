"""Invented inputs for the scale-out tests: WARC and JSONL files holding pages, some of
them copies of pages in other files (syndication), so stores hold copies and stories."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path
from typing import Any

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsloom.store import open_store
from tests.pipeline.corpus import article_html


def write_warc(path: Path, pages: list[tuple[str, str]]) -> Path:
    """A WARC of HTML responses (url, html); gzipped per record when named .gz."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=path.name.endswith(".gz"))
    for url, html in pages:
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(html.encode("utf-8")), http_headers=headers
        )
        writer.write_record(record)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())
    return path


def write_jsonl(path: Path, lines: list[dict[str, Any] | str]) -> Path:
    text = "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines)
    data = text.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)
    return path


def page(index: int, site: str = "news.example") -> tuple[str, str]:
    return f"https://{site}/story/{index}", article_html(index)


def write_mixed_folder(folder: Path, pages: int = 36) -> Path:
    """WARC and JSONL files in a folder tree; a sixth of the pages are also syndicated
    copies in another file, and the JSONL files hold a bad line and an incomplete one."""
    third = pages // 3
    write_warc(folder / "crawl-a.warc.gz", [page(i) for i in range(third)])
    copies = [page(i, "wire.example") for i in range(0, pages, 6)]
    write_warc(folder / "crawl-b.warc", [page(i) for i in range(third, 2 * third)] + copies)
    lines: list[dict[str, Any] | str] = [
        {"url": url, "html": html} for url, html in (page(i) for i in range(2 * third, pages))
    ]
    lines.insert(3, "{not json")
    lines.append({"url": "https://news.example/no-body"})
    write_jsonl(folder / "feeds" / "lines.jsonl", lines)
    write_jsonl(
        folder / "feeds" / "more.jsonl.gz",
        [{"url": url, "html": html} for url, html in (page(i, "mirror.example") for i in (1, 20))],
    )
    return folder


def write_lines(path: Path, count: int) -> Path:
    """A JSONL file of `count` pages, page i on line i + 1, its text holding `day i,`."""
    return write_jsonl(path, [{"url": url, "html": html} for url, html in map(page, range(count))])


def store_records(location: str | Path) -> dict[str, Any]:
    """What two runs over the same inputs must agree on: every article (id, fields,
    facts, provenance: its copies), each article's story and its fellow copies, and
    the drops (by input)."""
    with open_store(location) as store:
        articles = sorted((a.to_dict() for a in store.iter_articles()), key=lambda a: a["id"])
        stories = {}
        for article in articles:
            article["provenance"] = sorted(
                article["provenance"], key=lambda p: (p["input"], p["locator"])
            )
            story = store.story_of(article["id"])
            stories[article["id"]] = None if story is None else story.to_dict()
        drops = sorted((d.input, d.locator, d.reason) for d in store.drops(limit=10_000))
    return {"articles": articles, "stories": stories, "drops": drops}
