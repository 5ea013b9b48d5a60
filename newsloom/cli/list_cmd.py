from __future__ import annotations

import datetime as dt
import json
from typing import Annotated

import typer
from rich.table import Table

from newsloom.cli.common import DEFAULT_DB, DbOption, cell, emit, out, require_store
from newsloom.store import open_store


def list_articles(
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option(help="How many articles.")] = 20,
    cursor: Annotated[str | None, typer.Option(help="Continue after this cursor.")] = None,
    source: Annotated[str | None, typer.Option(help="Only this source or wire agency.")] = None,
    language: Annotated[str | None, typer.Option(help="Only this language code.")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before YYYY-MM-DD.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines output.")] = False,
) -> None:
    """List stored articles, newest first."""
    require_store(db)
    with open_store(db) as store:
        page = store.list_articles(
            limit=limit,
            cursor=cursor,
            source=source,
            language=language,
            since=dt.date.fromisoformat(since) if since else None,
            until=dt.date.fromisoformat(until) if until else None,
        )
    if as_json:
        for item in page.items:
            emit(json.dumps(item.to_dict(), ensure_ascii=False))
        return
    table = Table("id", "published", "source", "title")
    for item in page.items:
        table.add_row(cell(item.id), cell(item.published), cell(item.source), cell(item.title))
    out.print(table)
    if page.next_cursor:
        out.print(f"more: --cursor {page.next_cursor}", markup=False)


def register(app: typer.Typer) -> None:
    app.command("list")(list_articles)
