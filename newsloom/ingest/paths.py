"""Input names to sources: files, folders (recursive, sorted, hidden entries and
tooling files such as `.py` and `.md` skipped, see `formats.FOLDER_SKIPPED_EXTENSIONS`),
glob patterns (`samples/**/*.html`) and `-` for standard input.

Folders are walked lazily, one directory listing at a time, so a reader starts on
the first file before later directories are listed.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator
from dataclasses import dataclass

from newsloom.ingest.formats import FOLDER_SKIPPED_EXTENSIONS

STDIN = "-"
_GLOB_CHARACTERS = frozenset("*?[")


@dataclass(slots=True, frozen=True)
class Source:
    """One file to read (`path`), or standard input (`path` is `-`); `missing` when
    the name matched nothing."""

    path: str
    missing: bool = False

    @property
    def is_stdin(self) -> bool:
        return self.path == STDIN


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def _is_skipped(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in FOLDER_SKIPPED_EXTENSIONS


def walk_folder(folder: str) -> Iterator[str]:
    """Files under `folder` in sorted order, depth first, skipping hidden entries."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        if _is_hidden(entry.name):
            continue
        if entry.is_dir():
            yield from walk_folder(entry.path)
        elif entry.is_file() and not _is_skipped(entry.name):
            yield entry.path


def expand(name: str) -> Iterator[Source]:
    """The sources one input name stands for; a name matching nothing is `missing`."""
    if name == STDIN:
        yield Source(STDIN)
    elif os.path.isdir(name):
        for path in walk_folder(name):
            yield Source(path)
    elif os.path.exists(name):
        yield Source(name)
    elif _GLOB_CHARACTERS & set(name):
        matches = sorted(glob.iglob(name, recursive=True))
        files = [path for path in matches if os.path.isfile(path)]
        if not files:
            yield Source(name, missing=True)
        for path in files:
            yield Source(path)
    else:
        yield Source(name, missing=True)
