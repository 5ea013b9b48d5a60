"""Knowing whether a `running` run still has a process behind it.

A run left `running` by a process that died (killed by a signal, a machine that went
down) would stay `running` forever. So each run, while it runs, holds an exclusive
`flock` on a lock file of its own beside the store (`<store>-run-<token>.lock`, the token
kept in the run's row). The operating system releases the lock when the process ends,
however it ends, so when the store is next opened a `running` run whose lock can be taken
has no process left and is marked `interrupted`; a run whose lock is held (by another
process, or by another store object in this one) is alive and left alone. SQLite's own
locking needs working file locks in the store's folder too, so this asks for nothing new.
Rows without a token (a store in memory, a platform without `flock`, runs recorded before
schema 10) are left as they are: nothing tells whether their process lives.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import threading
from pathlib import Path

try:
    import fcntl
except ImportError:  # not on Windows: runs there are never marked interrupted
    fcntl = None  # type: ignore[assignment]


# The lock files this process holds, by token: a second store object on the same file
# must not take (or, closing it, drop) a lock this process holds for a live run.
_HELD: dict[str, int] = {}
_HELD_GUARD = threading.Lock()


def lock_path(store_path: str, token: str) -> Path:
    return Path(f"{store_path}-run-{token}.lock")


def hold_run_lock(store_path: str) -> str | None:
    """Create and lock a new run lock file; its token, or None where there are no locks
    (the run then goes on, but is never marked interrupted)."""
    if fcntl is None:
        return None
    token = secrets.token_hex(8)
    try:
        descriptor = os.open(lock_path(store_path, token), os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        return None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(descriptor)
        return None
    with _HELD_GUARD:
        _HELD[token] = descriptor
    return token


def release_run_lock(store_path: str, token: str | None) -> None:
    """Remove and unlock a lock file this process holds (nothing when it holds none)."""
    if token is None:
        return
    with _HELD_GUARD:
        descriptor = _HELD.pop(token, None)
    if descriptor is None:
        return
    lock_path(store_path, token).unlink(missing_ok=True)
    os.close(descriptor)


def run_is_abandoned(store_path: str, token: str) -> bool:
    """Whether no process holds the run's lock any more (its lock file is free or gone).

    False when that cannot be told (a lock file this user may not open).
    """
    if fcntl is None:
        return False
    with _HELD_GUARD:
        if token in _HELD:
            return False
    try:
        descriptor = os.open(lock_path(store_path, token), os.O_RDONLY)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    finally:
        os.close(descriptor)
    return True


def remove_lock_file(store_path: str, token: str) -> None:
    """The lock file of a run found abandoned (left when the folder forbids removing it)."""
    with contextlib.suppress(OSError):
        lock_path(store_path, token).unlink(missing_ok=True)
