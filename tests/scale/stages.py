"""Article stages for the scale-out tests: they kill their worker, count model loads,
or note what they processed. Importable by worker processes (picklable, module level)."""

from __future__ import annotations

import functools
import os
import signal
import threading
import time
from pathlib import Path
from typing import ClassVar

from newsloom.record import Article


class _Stage:
    name: ClassVar[str] = "test"
    requires: ClassVar[frozenset[str]] = frozenset({"text"})
    assigns: ClassVar[frozenset[str]] = frozenset()


class KillOnce(_Stage):
    """Kills its own process (SIGKILL) the first time it sees an article whose text holds
    `trigger`, while the marker file exists: the process that removes it dies, once."""

    name: ClassVar[str] = "kill_once"

    def __init__(self, marker: Path, trigger: str = "") -> None:
        self.marker = str(marker)
        self.trigger = trigger

    def __call__(self, article: Article) -> Article:
        if self.trigger in article.text:
            try:
                os.unlink(self.marker)
            except FileNotFoundError:
                return article
            os.kill(os.getpid(), signal.SIGKILL)
        return article


class Poison(_Stage):
    """Kills its own process whenever an article's text holds `trigger`."""

    name: ClassVar[str] = "poison"

    def __init__(self, trigger: str) -> None:
        self.trigger = trigger

    def __call__(self, article: Article) -> Article:
        if self.trigger in article.text:
            os.kill(os.getpid(), signal.SIGKILL)
        return article


@functools.lru_cache(maxsize=1)
def _model(log: str) -> str:
    with open(log, "a", encoding="utf-8") as out:
        out.write(f"{os.getpid()}\n")
    return "model"


class LoadsModel(_Stage):
    """Loads a 'model' once per process, as the enricher does; each load is a line
    (the pid) in `log`."""

    name: ClassVar[str] = "loads_model"

    def __init__(self, log: Path) -> None:
        self.log = str(log)

    def __call__(self, article: Article) -> Article:
        _model(self.log)
        return article


class Notes(_Stage):
    """Appends each article's provenance key to `log`: what a run processed."""

    name: ClassVar[str] = "notes"

    def __init__(self, log: Path) -> None:
        self.log = str(log)

    def __call__(self, article: Article) -> Article:
        with open(self.log, "a", encoding="utf-8") as out:
            out.write(article.provenance[0].key() + "\n")
        return article


class InterruptOnce(_Stage):
    """Raises KeyboardInterrupt (as Ctrl-C would) at the article whose text holds
    `trigger`, once: while the marker file exists (it removes it)."""

    name: ClassVar[str] = "interrupt_once"

    def __init__(self, marker: Path, trigger: str) -> None:
        self.marker = str(marker)
        self.trigger = trigger

    def __call__(self, article: Article) -> Article:
        if self.trigger in article.text and os.path.exists(self.marker):
            os.unlink(self.marker)
            raise KeyboardInterrupt
        return article


def noted(log: Path) -> list[str]:
    return log.read_text(encoding="utf-8").split() if log.exists() else []


class Rendezvous(_Stage):
    """Holds each worker (process and thread) at its first article until `parties`
    workers have arrived, so every one of them gets a batch (up to `wait` seconds)."""

    name: ClassVar[str] = "rendezvous"

    def __init__(self, folder: Path, parties: int, wait: float = 60.0) -> None:
        self.folder = str(folder)
        self.parties = parties
        self.wait = wait

    def __call__(self, article: Article) -> Article:
        me = Path(self.folder) / f"{os.getpid()}-{threading.get_ident()}"
        if not me.exists():
            me.touch()
            deadline = time.monotonic() + self.wait
            while len(os.listdir(self.folder)) < self.parties and time.monotonic() < deadline:
                time.sleep(0.05)
        return article
