"""Readers: paths (files, folders, globs) to a stream of `Document`s.

NOTE: first cut (HTML and text files only); WARC, feeds and JSONL are being written.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from newsloom.ingest.encoding import decode_bytes
from newsloom.options import DEFAULT_OPTIONS, Options
from newsloom.record import Document, Dropped, PendingFetch, Provenance

ReaderItem = Document | PendingFetch | Dropped

__all__ = ["ReaderItem", "read_inputs"]


def read_inputs(paths: Iterable[str], options: Options = DEFAULT_OPTIONS) -> Iterator[ReaderItem]:
    for raw in paths:
        path = Path(raw)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            provenance = Provenance(input=str(file), reader="file")
            data = file.read_bytes()
            kind = "html" if file.suffix.lower() in {".html", ".htm"} else "text"
            yield Document(decode_bytes(data).text, kind, provenance)  # type: ignore[arg-type]
