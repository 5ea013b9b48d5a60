from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from newsloom.cli.common import DEFAULT_DB, DbOption, cell, emit, out, require_store
from newsloom.store import open_store


def search(
    query: Annotated[str, typer.Argument(help="Words to look for in titles and text.")],
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option(help="How many hits.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines output.")] = False,
) -> None:
    """Full-text search, best matches first, with snippets."""
    require_store(db)
    with open_store(db) as store:
        hits = store.search(query, limit=limit)
    if as_json:
        for hit in hits:
            emit(json.dumps(hit.to_dict(), ensure_ascii=False))
        return
    if not hits:
        out.print("no matches")
        return
    table = Table("id", "title", "snippet")
    for hit in hits:
        table.add_row(cell(hit.id), cell(hit.title), cell(hit.snippet))
    out.print(table)


def register(app: typer.Typer) -> None:
    app.command("search")(search)
