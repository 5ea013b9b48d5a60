"""Each round's raw responses, kept as WARC, and what the pipeline ingests from them.

A round writes, in the archive folder:

- `round-<n>-pages.warc.gz`: the article pages fetched (HTTP response records, the
  body as decoded from its Content-Encoding), read by the ordinary WARC reader;
- `round-<n>-sources.warc.gz`: the feeds, sitemaps and front pages polled, each record
  marked `WARC-Newsloom-Kind: feed|sitemap|page`;
- `round-<n>-entries.jsonl`: feed entries that hold their whole article (not fetched),
  one JSONL record each (`url`, `html`, `title`, `published`).

`replay_inputs` turns WARC files back into pipeline inputs without the network: a
sources WARC gives its feeds' full entries (written to a JSONL file in a scratch
folder), any other WARC is read as it is.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsloom.record import Document
from newsloom.watch.discover import discover
from newsloom.watch.fetcher import FetchResult

KIND_HEADER = "WARC-Newsloom-Kind"
SOURCE_HEADER = "WARC-Newsloom-Source"
SOURCE_KINDS = ("feed", "sitemap", "page")
# Headers that describe the bytes on the wire, not the decoded body kept.
_WIRE_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


def entry_record(document: Document) -> dict[str, Any]:
    return {
        "url": document.url,
        "html": document.data if isinstance(document.data, str) else document.data.decode(),
        "title": document.title,
        "published": document.published,
    }


class _Warc:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.file: IO[bytes] | None = None
        self.writer: WARCWriter | None = None
        self.records = 0

    def write(self, result: FetchResult, extra: dict[str, str]) -> None:
        if self.file is None:
            self.file = open(self.path, "ab")  # noqa: SIM115 - held for the round
            self.writer = WARCWriter(self.file, gzip=True)
        assert self.writer is not None
        headers = [(k, v) for k, v in result.headers if k.lower() not in _WIRE_HEADERS]
        headers.append(("Content-Length", str(len(result.body))))
        status = f"{result.status} {result.reason}".strip()
        http = StatusAndHeaders(status, headers, protocol=result.http_version)
        record = self.writer.create_warc_record(
            result.final_url or result.url,
            "response",
            payload=io.BytesIO(result.body),
            length=len(result.body),
            http_headers=http,
            warc_headers_dict=extra,
        )
        self.writer.write_record(record)
        self.file.flush()  # a record is whole on disk before its URL is marked fetched
        self.records += 1

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None


class RoundArchive:
    def __init__(self, folder: Path, round_id: int) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        stem = folder / f"round-{round_id:06d}"
        self.pages = _Warc(Path(f"{stem}-pages.warc.gz"))
        self.sources = _Warc(Path(f"{stem}-sources.warc.gz"))
        self.entries_path = Path(f"{stem}-entries.jsonl")
        self.entries = 0

    def add_source(self, result: FetchResult, kind: str, source_url: str) -> None:
        self.sources.write(result, {KIND_HEADER: kind, SOURCE_HEADER: source_url})

    def add_page(self, result: FetchResult, source_url: str) -> None:
        self.pages.write(result, {SOURCE_HEADER: source_url})

    def add_entry(self, document: Document) -> None:
        with open(self.entries_path, "a", encoding="utf-8") as file:
            file.write(json.dumps(entry_record(document), ensure_ascii=False) + "\n")
        self.entries += 1

    def inputs(self) -> list[str]:
        """What the pipeline reads for this round (the files that have anything)."""
        paths = [self.pages.path, self.entries_path]
        return [str(path) for path in paths if path.exists() and path.stat().st_size]

    def close(self) -> None:
        self.pages.close()
        self.sources.close()


def _feed_entries(path: Path, out: IO[str]) -> int:
    """Write the full-content entries of the feeds in a sources WARC; how many."""
    written = 0
    with open(path, "rb") as file:
        for record in ArchiveIterator(file):
            if record.rec_type != "response":
                continue
            if record.rec_headers.get_header(KIND_HEADER) != "feed":
                continue
            url = record.rec_headers.get_header("WARC-Target-URI") or ""
            body = record.content_stream().read()
            for link in discover("feed", url, body).links:
                if link.document is not None:
                    out.write(json.dumps(entry_record(link.document), ensure_ascii=False) + "\n")
                    written += 1
    return written


def is_sources_warc(path: Path) -> bool:
    try:
        with open(path, "rb") as file:
            for record in ArchiveIterator(file):
                if record.rec_type == "response":
                    return record.rec_headers.get_header(KIND_HEADER) in SOURCE_KINDS
    except Exception:
        return False
    return False


def replay_inputs(paths: list[Path], scratch: Path) -> list[str]:
    """Pipeline inputs that re-extract `paths` (WARC files or folders of them)."""
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.glob("*.warc.gz")) if path.is_dir() else [path])
    inputs: list[str] = []
    for path in files:
        if not is_sources_warc(path):
            inputs.append(str(path))
            continue
        target = scratch / (path.name.removesuffix(".warc.gz") + "-entries.jsonl")
        with open(target, "w", encoding="utf-8") as out:
            if _feed_entries(path, out):
                inputs.append(str(target))
    return inputs
