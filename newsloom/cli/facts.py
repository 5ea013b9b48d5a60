"""`newsloom events`, `newsloom places` and `newsloom stories`: the API's lists on the
command line, with the same filters (issue 11).

Filters are built by the API's own functions (`newsloom.serve.api.filters`), so a short
name resolves to the same main entity and a day is read as strictly (YYYY-MM-DD) as in
`/api/events`; a filter the API answers with 422 exits 2 here with the same message.
`--json` prints one object per line: the export's row (`newsloom.serve.exports`) for
events and places, the API's summary for stories.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Annotated, Any, TypeVar

import typer
from fastapi import HTTPException
from fastapi.exceptions import RequestValidationError
from rich.table import Table

from newsloom.cli.common import DEFAULT_DB, DbOption, cell, emit, err, out, require_store, say
from newsloom.serve import exports
from newsloom.serve.api import filters as api_filters
from newsloom.serve.api.paging import parse_day
from newsloom.store import open_store

T = TypeVar("T")

# -- options shared with `newsloom export KIND` ----------------------------------------

Since = Annotated[str | None, typer.Option(help="On or after this day, YYYY-MM-DD.")]
Until = Annotated[str | None, typer.Option(help="On or before this day, YYYY-MM-DD.")]
EntityOpt = Annotated[
    str | None, typer.Option(help="An entity id or name; a short name finds the main one.")
]
PlaceOpt = Annotated[str | None, typer.Option(help="A place's entity id (gpe:fr) or name.")]
Limit = Annotated[int, typer.Option(min=1, help="How many rows.")]
Offset = Annotated[int, typer.Option(min=0, help="Skip this many first.")]
AsJson = Annotated[bool, typer.Option("--json", help="JSON lines output.")]
MinConfidence = Annotated[
    float,
    typer.Option(
        min=0.0, max=1.0, help="Least confidence listed (0: every event, as the API lists)."
    ),
]


def build(make: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """`make(*args, **kwargs)` (one of the API's filter builders); what the API answers
    with 422 is an error message and exit status 2 here."""
    try:
        return make(*args, **kwargs)
    except RequestValidationError as error:
        for problem in error.errors():
            say(f"error: {problem.get('msg', problem)}", console=err)
        raise typer.Exit(2) from None
    except HTTPException as error:
        say(f"error: {error.detail}", console=err)
        raise typer.Exit(2) from None


def print_rows(rows: Iterable[dict[str, Any]], columns: tuple[str, ...], as_json: bool) -> int:
    """Rows as JSON lines (every key) or a table of `columns`; how many were printed."""
    count = 0
    table = Table(*columns)
    for row in rows:
        count += 1
        if as_json:
            emit(json.dumps(row, ensure_ascii=False))
        else:
            table.add_row(*(cell(row.get(name)) for name in columns))
    if not as_json:
        out.print(table)
    return count


def footer(offset: int, shown: int, total: int, as_json: bool) -> None:
    """'x–y of total' under a table, and the option that shows the next rows."""
    if as_json:
        return
    first = offset + 1 if shown else offset
    say(f"{first}–{offset + shown} of {total}")
    if offset + shown < total:
        say(f"more: --offset {offset + shown}")


# -- events ------------------------------------------------------------------------------

EVENT_TABLE = (
    "event_date",
    "event_type",
    "trigger",
    "actor1",
    "actor2",
    "location",
    "fatalities",
    "confidence",
    "source",
    "article_id",
)


def events(
    db: DbOption = DEFAULT_DB,
    event_type: Annotated[
        str | None, typer.Option("--type", help="PLOVER category, e.g. PROTEST.")
    ] = None,
    since: Since = None,
    until: Until = None,
    place: PlaceOpt = None,
    entity: Annotated[
        str | None, typer.Option(help="The source or target: an entity id or name.")
    ] = None,
    min_confidence: MinConfidence = 0.0,
    limit: Limit = 50,
    offset: Offset = 0,
    as_json: AsJson = False,
) -> None:
    """List coded events, newest day first, with the article that reports each."""
    require_store(db)
    with open_store(db) as store:
        chosen = build(
            api_filters.event_filter,
            store,
            type=event_type,
            since=since,
            until=until,
            place=place,
            entity=entity,
            min_confidence=min_confidence,
        )
        found = store.events(chosen, limit=limit, offset=offset)
        total = store.count_events(chosen)
    shown = print_rows((exports.event_row(r) for r in found), EVENT_TABLE, as_json)
    footer(offset, shown, total, as_json)


# -- places ------------------------------------------------------------------------------

PLACE_TABLE = ("entity_id", "name", "kind", "country", "latitude", "longitude", "articles")


def places(
    db: DbOption = DEFAULT_DB,
    country: Annotated[str | None, typer.Option(help="ISO 3166-1 alpha-2 code.")] = None,
    kind: Annotated[str | None, typer.Option(help=", ".join(api_filters.PLACE_KINDS) + ".")] = None,
    prefix: Annotated[str | None, typer.Option("--query", "-q", help="Name prefix.")] = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 50,
    offset: Offset = 0,
    as_json: AsJson = False,
) -> None:
    """List the places named in stored articles, those in most articles first."""
    require_store(db)
    with open_store(db) as store:
        chosen = build(
            api_filters.place_filter,
            country=country.upper() if country else None,
            kind=kind,
            q=prefix,
            since=since,
            until=until,
        )
        found = store.places(chosen, limit=limit, offset=offset)
        total = store.count_places(chosen)
    shown = print_rows((exports.place_row(p) for p in found), PLACE_TABLE, as_json)
    footer(offset, shown, total, as_json)


# -- stories -----------------------------------------------------------------------------


def stories(
    db: DbOption = DEFAULT_DB,
    since: Annotated[
        str | None, typer.Option(help="Stories whose last article is on or after YYYY-MM-DD.")
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(help="Stories whose first article is on or before YYYY-MM-DD."),
    ] = None,
    source: Annotated[str | None, typer.Option(help="Source or site.")] = None,
    entity: EntityOpt = None,
    single: Annotated[bool, typer.Option(help="Include one-article stories.")] = False,
    limit: Limit = 50,
    cursor: Annotated[str | None, typer.Option(help="Continue after this cursor.")] = None,
    as_json: AsJson = False,
) -> None:
    """List stories (articles about the same event across sources), latest first."""
    require_store(db)
    with open_store(db) as store:
        first = build(parse_day, "since", since)
        last = build(parse_day, "until", until)
        page = store.stories(
            limit,
            cursor,
            since=first,
            until=last,
            source=source or None,
            entity=api_filters.main_entity(store, entity),
            shared_only=not single,
        )
    rows = [story.to_dict() for story in page.items]
    columns = ("id", "first_published", "last_published", "article_count", "source_count", "title")
    print_rows(rows, columns, as_json)
    if page.next_cursor and not as_json:
        say(f"more: --cursor {page.next_cursor}")


def register(app: typer.Typer) -> None:
    app.command("events")(events)
    app.command("places")(places)
    app.command("stories")(stories)
