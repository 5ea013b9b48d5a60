from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from newsloom.cli.common import DEFAULT_DB, DbOption, err, require_store
from newsloom.store import open_store


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", help="Output format.")] = (
        ExportFormat.jsonl
    ),
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write; stdout if absent.")
    ] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Export every stored article."""
    from newsloom.store.export import export_articles

    require_store(db)
    if fmt is ExportFormat.parquet and output is None:
        err.print("parquet needs --output FILE")
        raise typer.Exit(2)
    with open_store(db) as store:
        if output is None:
            export_articles(store, fmt.value, sys.stdout.buffer)
        else:
            export_articles(store, fmt.value, output)


def register(app: typer.Typer) -> None:
    app.command("export")(export)
