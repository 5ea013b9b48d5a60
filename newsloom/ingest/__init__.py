"""Readers: input names (files, folders, globs, `-`) to a stream of reader items.

`read_inputs` yields, one at a time, a `Document` (decoded text, kind `html` or
`text`), a `PendingFetch` (a feed entry that only links to its article) or a
`Dropped` (an input that cannot become an article, with a reason from
`newsloom.ingest.reasons`). Nothing is read before it is needed: folders are
walked lazily, files are opened one at a time, WARC and JSONL files are read
record by record, and a file over `Options.max_document_bytes` is dropped from
its size alone. A named pipe given by name (`<(zcat page.html.gz)`) is read as
a stream, and dropped `unreadable` if no one writes to it within
`PIPE_WAIT_SECONDS` (opening it would otherwise wait for ever); a device or socket
given by name is `unreadable` (a folder walk passes them over the same way). A
reader never raises: a broken input becomes a `Dropped` and
the run goes on; an unexpected error inside a reader ends that file as
`unreadable` with the error's class (logged with its traceback). Every string
yielded is cleaned of NUL and lone surrogates (`sanitize.py`).

Readers (the `Provenance.reader` names) and their locators:

- `html`, `text`: one file, one document; no locator.
- `warc`: `offset:<record offset>` (`warc.py`).
- `feed`: `entry:<entry id>` (`feeds.py`).
- `jsonl`: `line:<line number>` (`jsonl.py`).
- `file`: drops decided before a reader was chosen (`not_found`, `binary`, ...).

Formats are chosen by extension (`.gz` of any of them is read through) and by
sniffing the first bytes where the extension is missing or wrong (`formats.py`).
"""

from __future__ import annotations

import contextlib
import gzip
import logging
import os
import select
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator
from typing import BinaryIO, cast

from newsloom.ingest.documents import read_document
from newsloom.ingest.feeds import read_feed
from newsloom.ingest.formats import (
    GZIP_MAGIC,
    SNIFF_BYTES,
    choose_format,
    gunzip_head,
    suffix_format,
)
from newsloom.ingest.items import ReaderItem, drop, read_at_most
from newsloom.ingest.jsonl import read_jsonl
from newsloom.ingest.paths import Source, expand
from newsloom.ingest.reasons import BINARY, EMPTY, NOT_FOUND, TOO_LARGE, TRUNCATED, UNREADABLE
from newsloom.ingest.sanitize import clean_item
from newsloom.ingest.warc import read_warc
from newsloom.options import DEFAULT_OPTIONS, Options

__all__ = ["ReaderItem", "read_inputs", "read_source"]

log = logging.getLogger(__name__)

FILE_READER = "file"
# Large enough for `peek` to show SNIFF_BYTES of a file at once.
READ_BUFFER_BYTES = 8 * SNIFF_BYTES
# How long a named pipe given by name may stay silent before it is dropped.
PIPE_WAIT_SECONDS = 10.0


def _open(source: Source, pipe: bool) -> BinaryIO | None:
    """The open input; None for a named pipe no one wrote to within `PIPE_WAIT_SECONDS`."""
    if source.is_stdin:
        return cast(BinaryIO, contextlib.nullcontext(sys.stdin.buffer))
    if not pipe:
        return open(source.path, "rb", buffering=READ_BUFFER_BYTES)
    # Opening a FIFO blocks until someone opens it for writing, for ever if no one
    # does; open without blocking and wait a bounded time for data or its end.
    descriptor = os.open(source.path, os.O_RDONLY | os.O_NONBLOCK)
    waiting = select.poll()
    waiting.register(descriptor, select.POLLIN)
    if not waiting.poll(int(PIPE_WAIT_SECONDS * 1000)):
        os.close(descriptor)
        return None
    os.set_blocking(descriptor, True)
    return open(descriptor, "rb", buffering=READ_BUFFER_BYTES)


def _read_open(
    source: Source, raw: BinaryIO, size: int | None, options: Options
) -> Iterator[ReaderItem]:
    name = source.path
    peek = getattr(raw, "peek", None)
    head = peek(SNIFF_BYTES)[:SNIFF_BYTES] if peek else b""
    compressed = head.startswith(GZIP_MAGIC)
    inner = gunzip_head(head) if compressed else head
    if inner is None:
        yield drop(name, FILE_READER, UNREADABLE, "corrupt gzip stream")
        return
    kind = choose_format(name, inner)
    if kind == "binary":
        yield drop(name, FILE_READER, BINARY, "content is not text")
        return
    if kind == "warc":
        yield from read_warc(name, raw, options, compressed=compressed)
        return
    stream = cast(BinaryIO, gzip.GzipFile(fileobj=raw)) if compressed else raw
    if kind == "jsonl":
        yield from read_jsonl(name, stream, options)
        return
    if size is not None and size > options.max_document_bytes:
        yield drop(name, kind, TOO_LARGE, f"{size} bytes")
        return
    data = read_at_most(stream, options.max_document_bytes)
    if data is None:
        yield drop(name, kind, TOO_LARGE, "over the size limit once decompressed")
    elif kind == "feed":
        yield from read_feed(name, data)
    else:
        yield read_document(name, data, kind)


def _file_size(name: str) -> int | None:
    """The size of a regular file; None for a named pipe (`<(zcat page.html.gz)`), read
    as a stream. A device or socket raises `_NotAFile`."""
    info = os.stat(name)
    if stat.S_ISREG(info.st_mode):
        return info.st_size
    if stat.S_ISFIFO(info.st_mode):
        return None
    raise _NotAFile("not a regular file (a device or socket)")


class _NotAFile(Exception):
    pass


def read_source(source: Source, options: Options = DEFAULT_OPTIONS) -> Iterator[ReaderItem]:
    """Everything one file (or standard input) holds; never raises on bad input."""
    name = source.path
    try:
        size = None if source.is_stdin else _file_size(name)
        if size == 0:
            yield drop(name, FILE_READER, EMPTY, "empty file")
            return
        # Containers (WARC, JSONL) are read record by record and may be larger.
        too_large = size is not None and size > options.max_document_bytes
        if too_large and suffix_format(name) not in ("warc", "jsonl"):
            yield drop(name, FILE_READER, TOO_LARGE, f"{size} bytes")
            return
        opened = _open(source, pipe=size is None and not source.is_stdin)
        if opened is None:
            message = f"a named pipe no one wrote to within {PIPE_WAIT_SECONDS} s"
            yield drop(name, FILE_READER, UNREADABLE, message)
            return
        with opened as raw:
            yield from _read_open(source, raw, size, options)
    except _NotAFile as error:
        yield drop(name, FILE_READER, UNREADABLE, str(error))
    except EOFError as error:
        yield drop(name, FILE_READER, TRUNCATED, f"compressed stream ends early: {error}")
    except (OSError, zlib.error) as error:
        yield drop(name, FILE_READER, UNREADABLE, f"{type(error).__name__}: {error}")
    except Exception as error:  # a reader bug or a library fault must not end the run
        log.exception("reading %s failed", name)
        yield drop(name, FILE_READER, UNREADABLE, f"{type(error).__name__}: {error}")


def _read_name(name: str, options: Options) -> Iterator[ReaderItem]:
    found = False
    for source in expand(name):
        found = True
        if source.missing:
            yield drop(name, FILE_READER, NOT_FOUND, "no file matches this name")
        elif source.problem:
            yield drop(source.path, FILE_READER, UNREADABLE, source.problem)
        else:
            yield from read_source(source, options)
    if not found:
        yield drop(name, FILE_READER, EMPTY, "folder holds no files to read")


def read_inputs(paths: Iterable[str], options: Options = DEFAULT_OPTIONS) -> Iterator[ReaderItem]:
    """Read every input in order, one item at a time; see the module docstring."""
    for name in paths:
        for item in _read_name(name, options):
            yield clean_item(item)
