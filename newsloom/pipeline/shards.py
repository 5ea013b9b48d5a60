"""Shards: inputs cut into pieces a store can record as written, so a rerun skips them.

A regular file is one input: its identity is its real path, size and modification time
(a file changed since is a new input). Each file is one shard (`all`), and its records
(the documents a WARC, JSONL or feed file yields, in reading order) fall into shards of
`shard_items` records each (`items:<first>+<count>`). A shard's key also names a
fingerprint of the options and stages (`fingerprint`): a run with other options (with
enrichment after one without) does the work again.

While a run writes results, the writer records for each shard how many of its records
are written (after each batch, in one transaction) and, when a file's last record is
written, the file as finished. A rerun with `resume` then skips a finished file without
opening it, and in a file it reads it skips the records each shard has written: a run
killed mid-shard loses only the batches it had not written yet, which are done again.
Records written but not yet recorded (a kill between the two transactions) are done
again too, and saving them again stores nothing twice (the store knows each input).

Reading follows `newsloom.ingest.read_inputs` exactly (the same items in the same
order, names the same drops); standard input and named pipes have no identity and are
never sharded. Reading happens in the writer's process, so workers never need the
input files (a cluster's workers may be on other machines).
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import newsloom
from newsloom.ingest import FILE_READER, read_source
from newsloom.ingest.items import drop
from newsloom.ingest.paths import Source, expand
from newsloom.ingest.reasons import EMPTY, NOT_FOUND, UNREADABLE
from newsloom.ingest.sanitize import clean_item
from newsloom.options import Options
from newsloom.pipeline.process import Item
from newsloom.pipeline.stages import ArticleStage

# Records of one file per shard. Progress is recorded per batch whatever this is; it sets
# how much a rerun may read past without processing before it reaches new work.
SHARD_ITEMS = 1024
WHOLE_FILE = "all"


@runtime_checkable
class ShardLedger(Protocol):
    """What a store needs for resume (the SQLite store has it; see `newsloom.store`)."""

    def shard_state(self, key: str) -> tuple[int, bool] | None:
        """(records written, finished) of a shard; None when no run recorded it."""
        ...

    def record_shards(self, run_id: int | None, shards: Sequence[tuple[str, int, bool]]) -> None:
        """Record (key, records written, finished) of shards, in one transaction."""
        ...


@dataclass(slots=True, frozen=True)
class Tag:
    """Where a record sits: its shard, its position there, and its file's own shard."""

    shard: str
    position: int
    file: str


@dataclass(slots=True, frozen=True)
class FileEnd:
    """Every record of a file has been read (`records` of them, skipped ones included)."""

    file: str
    records: int


@dataclass(slots=True)
class Skipped:
    """What a resumed run did not redo: whole files, and records inside files it read."""

    files: int = 0
    records: int = 0

    def to_dict(self) -> dict[str, int]:
        return {"files": self.files, "records": self.records}


Entry = tuple[Item, Tag | None] | FileEnd


def fingerprint(options: Options, stages: Sequence[ArticleStage]) -> str:
    """A short hash of what decides a record's result: options, stages, version."""
    try:
        described = pickle.dumps((options, list(stages), newsloom.__version__), protocol=5)
    except Exception:  # an unpicklable stage: its type and attributes
        described = repr((options, [(type(s), vars(s)) for s in stages])).encode()
    return hashlib.sha256(described).hexdigest()[:16]


def file_identity(path: str) -> tuple[str, int, int] | None:
    """(real path, size, modification time in ns) of a regular file, else None."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return os.path.realpath(path), info.st_size, info.st_mtime_ns


def shard_key(identity: tuple[str, int, int], part: str, prints: str) -> str:
    path, size, mtime = identity
    return json.dumps([path, size, mtime, part, prints], ensure_ascii=False)


class ShardReader:
    """The items of the inputs, each with its shard tag, and `FileEnd` after each file;
    with `resume`, what the ledger says is written is skipped (counted in `skipped`)."""

    def __init__(
        self,
        options: Options,
        prints: str,
        ledger: ShardLedger | None,
        resume: bool,
        shard_items: int = SHARD_ITEMS,
    ) -> None:
        self.options = options
        self.prints = prints
        self.ledger = ledger
        self.resume = resume and ledger is not None
        self.shard_items = max(1, shard_items)
        self.skipped = Skipped()

    def entries(self, inputs: Iterable[str]) -> Iterator[Entry]:
        for name in inputs:
            found = False
            for source in expand(name):
                found = True
                if source.missing:
                    item = drop(name, FILE_READER, NOT_FOUND, "no file matches this name")
                    yield clean_item(item), None
                elif source.problem:
                    item = drop(source.path, FILE_READER, UNREADABLE, source.problem)
                    yield clean_item(item), None
                else:
                    yield from self._source(source)
            if not found:
                item = drop(name, FILE_READER, EMPTY, "folder holds no files to read")
                yield clean_item(item), None

    def _source(self, source: Source) -> Iterator[Entry]:
        identity = None if source.is_stdin else file_identity(source.path)
        if identity is None:
            for item in read_source(source, self.options):
                yield clean_item(item), None
            return
        whole = shard_key(identity, WHOLE_FILE, self.prints)
        if self._state(whole)[1]:
            self.skipped.files += 1
            return
        shard, written, finished = "", 0, False
        count = 0
        for index, item in enumerate(read_source(source, self.options)):
            count = index + 1
            first, position = divmod(index, self.shard_items)
            if position == 0 or not shard:
                start = first * self.shard_items
                shard = shard_key(identity, f"items:{start}+{self.shard_items}", self.prints)
                written, finished = self._state(shard)
            if finished or position < written:
                self.skipped.records += 1
                continue
            yield clean_item(item), Tag(shard, position, whole)
        yield FileEnd(whole, count)

    def _state(self, key: str) -> tuple[int, bool]:
        if not self.resume or self.ledger is None:
            return 0, False
        return self.ledger.shard_state(key) or (0, False)


class ShardProgress:
    """The writer's side: which shards the written results complete, as ledger rows.

    A record the store was too busy to write (`store_busy`) blocks its shard and file
    for the rest of the run, so a rerun comes back to it.
    """

    def __init__(self, shard_items: int = SHARD_ITEMS) -> None:
        self.shard_items = max(1, shard_items)
        self._blocked: set[str] = set()

    def rows(
        self, written: Sequence[tuple[Tag | None, bool]], ends: Sequence[FileEnd]
    ) -> list[tuple[str, int, bool]]:
        """Ledger rows for a written batch: (tag, written) per record, then the files
        whose last record is written by now."""
        progress: dict[str, tuple[int, bool]] = {}
        files: dict[str, str] = {}
        for tag, stored in written:
            if tag is None:
                continue
            if not stored:
                self._blocked.update((tag.shard, tag.file))
            elif tag.shard not in self._blocked:
                done = tag.position + 1
                progress[tag.shard] = (done, done == self.shard_items)
                files[tag.shard] = tag.file
        finished = {end.file: end.records for end in ends if end.file not in self._blocked}
        rows = [
            (shard, done, full)
            for shard, (done, full) in progress.items()
            if files[shard] not in finished  # the file's own row says it all
        ]
        rows.extend((file, records, True) for file, records in finished.items())
        return rows
