"""Input names to sources: files, folders (recursive, sorted, hidden entries and
tooling files such as `.py` and `.md` skipped, see `formats.FOLDER_SKIPPED_EXTENSIONS`),
glob patterns (`samples/**/*.html`) and `-` for standard input.

Folders are walked lazily, one directory listing at a time, so a reader starts on
the first file before later directories are listed. A folder walk never loops: a
symbolic link back to a folder being walked is reported, not followed. Entries that
cannot be read as files (broken links, link loops, sockets, named pipes, a folder
that cannot be listed) become sources with a `problem`, which the readers count as
`unreadable` instead of passing over them in silence.
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
    the name matched nothing; `problem` says why a found entry cannot be read."""

    path: str
    missing: bool = False
    problem: str = ""

    @property
    def is_stdin(self) -> bool:
        return self.path == STDIN


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def _is_skipped(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in FOLDER_SKIPPED_EXTENSIONS


def _stat_problem(path: str) -> str:
    """Why `path` is neither a file nor a folder that can be followed."""
    try:
        os.stat(path)
    except OSError as error:
        return f"{type(error).__name__}: {error.strerror or error}"
    return "not a regular file (a socket, pipe or device)"


def _folder_key(path: str) -> tuple[int, int] | None:  # (device, inode)
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _entry_type(entry: os.DirEntry[str]) -> str:
    """`dir`, `file` or `other`; `DirEntry.is_dir` raises on a symbolic link loop."""
    try:
        if entry.is_dir():
            return "dir"
        return "file" if entry.is_file() else "other"
    except OSError:
        return "other"


FolderKey = tuple[int, int]
# Folders being walked: the sorted entries left to visit, and the folders above them.
_Pending = list[tuple[Iterator["os.DirEntry[str]"], frozenset[FolderKey]]]


def _enter(folder: str, ancestors: frozenset[FolderKey], pending: _Pending) -> Iterator[Source]:
    """List `folder` onto `pending`; a source with a problem if it cannot be walked."""
    key = _folder_key(folder)
    if key is not None and key in ancestors:
        yield Source(folder, problem="symbolic link loop: a folder inside itself")
        return
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        yield Source(folder, problem=f"folder cannot be listed: {error.strerror or error}")
        return
    pending.append((iter(entries), ancestors | {key} if key is not None else ancestors))


def walk_sources(folder: str) -> Iterator[Source]:
    """Sources under `folder` in sorted order, depth first, skipping hidden entries.

    The walk keeps its own stack, so folders nested thousands deep do not hit
    Python's recursion limit (they ended the run with RecursionError)."""
    pending: _Pending = []
    yield from _enter(folder, frozenset(), pending)
    while pending:
        entries, inside = pending[-1]
        entry = next(entries, None)
        if entry is None:
            pending.pop()
            continue
        if _is_hidden(entry.name):
            continue
        kind = _entry_type(entry)
        if kind == "dir":
            yield from _enter(entry.path, inside, pending)
        elif _is_skipped(entry.name):
            continue
        elif kind == "file":
            yield Source(entry.path)
        else:
            yield Source(entry.path, problem=_stat_problem(entry.path))


def walk_folder(folder: str) -> Iterator[str]:
    """Readable files under `folder` in sorted order, depth first, skipping hidden entries."""
    for source in walk_sources(folder):
        if not source.problem:
            yield source.path


def expand(name: str) -> Iterator[Source]:
    """The sources one input name stands for; a name matching nothing is `missing`."""
    if name == STDIN:
        yield Source(STDIN)
    elif os.path.isdir(name):
        yield from walk_sources(name)
    elif os.path.exists(name):
        yield Source(name)
    elif os.path.islink(name):
        yield Source(name, problem=_stat_problem(name))
    elif _GLOB_CHARACTERS & set(name):
        matches = sorted(glob.iglob(name, recursive=True))
        files = [path for path in matches if os.path.isfile(path)]
        if not files:
            yield Source(name, missing=True)
        for path in files:
            yield Source(path)
    else:
        yield Source(name, missing=True)
