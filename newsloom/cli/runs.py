from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from newsloom.cli.common import DEFAULT_DB, DbOption, cell, emit, out, require_store
from newsloom.store import open_store


def runs(
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option(help="How many runs, newest first.")] = 10,
    drops: Annotated[
        bool, typer.Option("--drops", help="List the inputs that did not become articles.")
    ] = False,
    reason: Annotated[str | None, typer.Option(help="With --drops: only this reason.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines output.")] = False,
) -> None:
    """Show the last ingest runs and their counts, or the dropped inputs."""
    require_store(db)
    with open_store(db) as store:
        records = store.drops(reason=reason, limit=limit) if drops else store.runs(limit=limit)
    if as_json:
        for record in records:
            emit(json.dumps(record.to_dict(), ensure_ascii=False))
        return
    rows = [record.to_dict() for record in records]
    if drops:
        table = Table("input", "locator", "reason", "message", "run")
        for row in rows:
            table.add_row(
                cell(row["input"]),
                cell(row["locator"]),
                cell(row["reason"]),
                cell(row["message"][:60]),
                cell(row["run"]),
            )
    else:
        table = Table(
            "run", "started", "status", "read", "stored", "merged", "unchanged", "dropped", "failed"
        )
        for row in rows:
            counts = row["counts"]
            table.add_row(
                cell(row["id"]),
                cell(row["started"][:19]),
                cell(row["status"]),
                cell(counts["read"]),
                cell(counts["stored"]),
                cell(counts["merged"]),
                cell(counts["unchanged"]),
                cell(_reasons(counts["dropped"])),
                cell(_reasons(counts["failed"])),
            )
    out.print(table)


def _reasons(by_reason: dict[str, int]) -> str:
    return ", ".join(f"{reason} {number}" for reason, number in by_reason.items()) or "0"


def register(app: typer.Typer) -> None:
    app.command("runs")(runs)
