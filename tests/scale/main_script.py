"""What a pool worker has of the writer's main script: run by the test scripts of
test_main_script.py (as their `__main__`), importable by worker processes."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import ClassVar

from newsloom.options import Options
from newsloom.pipeline.processes import ProcessExecutor
from newsloom.record import Article, Document, Provenance


class NotesMain:
    """Writes, for the process it runs in, whether the CLI is imported and what its
    `__main__` module is."""

    name: ClassVar[str] = "notes_main"
    requires: ClassVar[frozenset[str]] = frozenset({"text"})
    assigns: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, out: str) -> None:
        self.out = out

    def __call__(self, article: Article) -> Article:
        main = sys.modules["__main__"]
        note = {
            "pid": os.getpid(),
            "cli": "newsloom.cli" in sys.modules,
            "main_file": getattr(main, "__file__", None),
            "mark": getattr(main, "MARK", None),
        }
        Path(self.out).write_text(json.dumps(note), encoding="utf-8")
        return article


def run(out: str) -> int:
    """Two batches through one pool worker (two, so that the pool starts)."""
    page = "<html><body><p>The Orvik ferry sails again on Monday, its owners said.</p></body>"
    batches = [[Document(page, "html", Provenance(str(i), "test"))] for i in range(2)]
    with ProcessExecutor(1, warm=False) as executor:
        list(executor.map_batches(batches, Options(), [NotesMain(out)]))
    return 0
