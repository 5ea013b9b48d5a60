"""The `newsloom` command: one module per command, each a thin client of the Python API."""

from __future__ import annotations

import logging
import os

import typer

from newsloom.cli import (
    enrich_cmd,
    entities,
    eval_cmd,
    export,
    extract,
    ingest,
    list_cmd,
    quotes,
    runs,
    search,
    serve,
    show,
)

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
    enrich_cmd,
    serve,
    eval_cmd,
):
    module.register(app)


def main() -> None:
    level = os.environ.get("NEWSLOOM_LOG", "WARNING").upper()
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    app()
