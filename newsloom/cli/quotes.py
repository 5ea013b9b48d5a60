"""`newsloom quotes`: stored quotes with their speaker and the article to cite."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated

import typer

from newsloom.cli.common import DEFAULT_DB, DbOption, emit, err, out, require_store
from newsloom.cli.entities import quote_table
from newsloom.store import open_store


def quotes(
    db: DbOption = DEFAULT_DB,
    speaker: Annotated[
        str | None, typer.Option(help="Only quotes by this person (any name or alias).")
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(help="Said on or after YYYY-MM-DD (the article's day when undated)."),
    ] = None,
    limit: Annotated[int, typer.Option(help="How many quotes.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines output.")] = False,
) -> None:
    """List quotes, newest article first."""
    require_store(db)
    try:
        day = dt.date.fromisoformat(since) if since else None
    except ValueError:
        err.print(f"--since wants a day as YYYY-MM-DD, got {since!r}", markup=False)
        raise typer.Exit(2) from None
    with open_store(db) as store:
        found = store.quotes(speaker=speaker, since=day, limit=limit)
    if as_json:
        for record in found:
            emit(json.dumps(record.to_dict(), ensure_ascii=False))
        return
    out.print(quote_table(found))


def register(app: typer.Typer) -> None:
    app.command("quotes")(quotes)
