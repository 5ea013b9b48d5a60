"""The `newsloom` command: one module per command, each a thin client of the Python API."""

from __future__ import annotations

import logging
import os
from typing import Any

import typer

from newsloom.cli import (
    enrich_cmd,
    entities,
    eval_cmd,
    export,
    extract,
    facts,
    ingest,
    list_cmd,
    quotes,
    runs,
    search,
    serve,
    show,
    watch,
)
from newsloom.printable import printable

app = typer.Typer(
    name="newsloom",
    help="Turn raw news into clean, deduplicated, searchable articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for module in (
    ingest,
    extract,
    list_cmd,
    show,
    search,
    export,
    runs,
    entities,
    quotes,
    facts,
    enrich_cmd,
    serve,
    eval_cmd,
    watch,
):
    module.register(app)


class PrintableFormatter(logging.Formatter):
    """Log lines with control characters escaped (`newsloom.printable`): a message holding
    a file name or page text stays one line and cannot drive the terminal; a traceback
    keeps its line breaks."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        return printable(super().formatMessage(record))

    def formatException(self, ei: Any) -> str:
        return printable(super().formatException(ei), keep_lines=True)


def main() -> None:
    level = os.environ.get("NEWSLOOM_LOG", "WARNING").upper()
    handler = logging.StreamHandler()
    handler.setFormatter(PrintableFormatter("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler])
    app()
