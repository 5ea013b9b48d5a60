"""`newsloom export`: the whole store (no KIND, as before), or every row of one filtered
list (`newsloom export events --type PROTEST --format csv -o events.csv`), or the
analysts' reviews (`newsloom export reviews`: evaluation data).

A KIND export is `/api/export/{KIND}` on the command line: the same filters (built by the
API's own functions), the same row generators and encoders (`newsloom.serve.exports`),
so its rows are the API list's `total`. Each KIND takes only its list's filters; another
is an error (exit 2) rather than silently ignored.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, BinaryIO, cast

import typer

from newsloom.cli.common import DEFAULT_DB, DbOption, err, require_store, say
from newsloom.cli.facts import EntityOpt, PlaceOpt, Since, Until, build
from newsloom.serve import exports
from newsloom.serve.api import filters as api_filters
from newsloom.store import Store, open_store
from newsloom.store.sql.reviews import REVIEW_KINDS, VERDICTS


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


class ExportKind(StrEnum):
    articles = "articles"
    search = "search"
    events = "events"
    quotes = "quotes"
    entities = "entities"
    places = "places"
    reviews = "reviews"


# The filter options each KIND takes (the API list's own query parameters).
TAKES: dict[ExportKind, frozenset[str]] = {
    ExportKind.articles: frozenset(
        {"since", "until", "source", "language", "entity", "place", "event_type"}
    ),
    ExportKind.search: frozenset(
        {"query", "since", "until", "source", "language", "entity", "place", "event_type"}
    ),
    ExportKind.events: frozenset(
        {"type", "since", "until", "place", "entity", "min_confidence", "include_rejected"}
    ),
    ExportKind.quotes: frozenset(
        {"speaker", "about", "query", "since", "until", "kind", "include_rejected"}
    ),
    ExportKind.entities: frozenset({"type", "include_rejected"}),
    ExportKind.places: frozenset(
        {"country", "kind", "query", "since", "until", "include_rejected"}
    ),
    ExportKind.reviews: frozenset({"kind", "verdict"}),
}
OPTION_NAMES = {
    "min_confidence": "--min-confidence",
    "event_type": "--event-type",
    "include_rejected": "--include-rejected",
}


def _option(name: str) -> str:
    return OPTION_NAMES.get(name, "--" + name)


def kind_export(store: Store, kind: ExportKind, given: dict[str, Any]) -> exports.Export:
    """The export of `kind` for the filters `given` (option name: value, None if unset)."""
    extra = sorted(name for name, value in given.items() if value is not None)
    unknown = [name for name in extra if name not in TAKES[kind]]
    if unknown:
        listed = ", ".join(_option(name) for name in unknown)
        say(f"error: {kind.value} takes no {listed}", console=err)
        raise typer.Exit(2)
    get = given.get
    rejected_too = bool(get("include_rejected"))
    if kind is ExportKind.reviews:
        return _reviews_export(store, get("kind"), get("verdict"))
    if kind in (ExportKind.articles, ExportKind.search):
        chosen = build(
            api_filters.article_filter,
            store,
            since=get("since"),
            until=get("until"),
            source=get("source"),
            language=get("language"),
            entity=get("entity"),
            place=get("place"),
            event_type=get("event_type"),
        )
        if kind is ExportKind.articles:
            return exports.Export(
                "articles", exports.ARTICLE_COLUMNS, exports.article_rows(store, chosen)
            )
        words = (get("query") or "").strip()
        if not words:
            say("error: search needs --query WORDS", console=err)
            raise typer.Exit(2)
        rows = exports.search_rows(store, words, chosen)
        return exports.Export("search", exports.SEARCH_COLUMNS, rows)
    if kind is ExportKind.events:
        events = build(
            api_filters.event_filter,
            store,
            type=get("type"),
            since=get("since"),
            until=get("until"),
            place=get("place"),
            entity=get("entity"),
            min_confidence=get("min_confidence") or 0.0,
            include_rejected=rejected_too,
        )
        return exports.Export("events", exports.EVENT_COLUMNS, exports.event_rows(store, events))
    if kind is ExportKind.quotes:
        speech = get("kind")
        if speech not in (None, "direct", "reported"):
            say("error: --kind for quotes is direct or reported", console=err)
            raise typer.Exit(2)
        quotes = build(
            api_filters.quote_filter,
            speaker=get("speaker"),
            about=get("about"),
            q=get("query"),
            since=get("since"),
            until=get("until"),
            kind=speech,
            include_rejected=rejected_too,
        )
        return exports.Export("quotes", exports.QUOTE_COLUMNS, exports.quote_rows(store, quotes))
    if kind is ExportKind.entities:
        entity_type = get("type")
        entity_type = entity_type.upper() if entity_type else None
        rows = exports.entity_rows(store, entity_type, rejected_too)
        return exports.Export("entities", exports.ENTITY_COLUMNS, rows)
    country = get("country")
    places = build(
        api_filters.place_filter,
        country=country.upper() if country else None,
        kind=get("kind"),
        q=get("query"),
        since=get("since"),
        until=get("until"),
        include_rejected=rejected_too,
    )
    return exports.Export("places", exports.PLACE_COLUMNS, exports.place_rows(store, places))


def _reviews_export(store: Store, kind: str | None, verdict: str | None) -> exports.Export:
    """Every review (of this kind of fact, with this verdict), as `/api/export/reviews`."""
    for name, value, allowed in (("--kind", kind, REVIEW_KINDS), ("--verdict", verdict, VERDICTS)):
        if value is not None and value not in allowed:
            say(f"error: {name} for reviews is one of {', '.join(allowed)}", console=err)
            raise typer.Exit(2)
    rows = exports.review_rows(store, kind, verdict)
    return exports.Export("reviews", exports.REVIEW_COLUMNS, rows)


def _write(chunks: Iterator[bytes], sink: BinaryIO) -> None:
    for chunk in chunks:
        sink.write(chunk)
    sink.flush()


def export(
    kind: Annotated[
        ExportKind | None,
        typer.Argument(
            help="A list to export with its filters; without one, every stored article."
        ),
    ] = None,
    fmt: Annotated[ExportFormat, typer.Option("--format", help="Output format.")] = (
        ExportFormat.jsonl
    ),
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write; stdout if absent.")
    ] = None,
    db: DbOption = DEFAULT_DB,
    since: Since = None,
    until: Until = None,
    query: Annotated[
        str | None,
        typer.Option(
            "--query", "-q", help="search: the words; quotes: words in the quote; places: prefix."
        ),
    ] = None,
    source: Annotated[str | None, typer.Option(help="articles, search: source.")] = None,
    language: Annotated[str | None, typer.Option(help="articles, search: language.")] = None,
    entity: EntityOpt = None,
    place: PlaceOpt = None,
    event_type: Annotated[
        str | None, typer.Option(help="articles, search: articles with an event of this type.")
    ] = None,
    type_: Annotated[
        str | None,
        typer.Option("--type", help="events: PLOVER category; entities: PERSON, ORG, ..."),
    ] = None,
    min_confidence: Annotated[
        float | None,
        typer.Option(min=0.0, max=1.0, help="events: least confidence (0: every event)."),
    ] = None,
    speaker: Annotated[str | None, typer.Option(help="quotes: the speaker.")] = None,
    about: Annotated[str | None, typer.Option(help="quotes: an entity discussed.")] = None,
    kind_of: Annotated[
        str | None,
        typer.Option(
            "--kind",
            help="quotes: direct or reported; places: country, city, ...; reviews: the fact's"
            " kind (entity, quote, time, place, event, role).",
        ),
    ] = None,
    country: Annotated[str | None, typer.Option(help="places: ISO 3166-1 alpha-2.")] = None,
    include_rejected: Annotated[
        bool,
        typer.Option(
            "--include-rejected",
            help="quotes, events, entities, places: also the facts an analyst rejected.",
        ),
    ] = False,
    verdict: Annotated[
        str | None, typer.Option(help="reviews: confirmed, rejected or corrected.")
    ] = None,
) -> None:
    """Export every stored article, or every row of one filtered list (KIND) with its
    evidence, as the API's /api/export/KIND does."""
    require_store(db)
    if fmt is ExportFormat.parquet and output is None:
        err.print("parquet needs --output FILE")
        raise typer.Exit(2)
    given: dict[str, Any] = {
        "since": since,
        "until": until,
        "query": query,
        "source": source,
        "language": language,
        "entity": entity,
        "place": place,
        "event_type": event_type,
        "type": type_,
        "min_confidence": min_confidence,
        "speaker": speaker,
        "about": about,
        "kind": kind_of,
        "country": country,
        "include_rejected": include_rejected or None,
        "verdict": verdict,
    }
    if kind is None:
        used = sorted(_option(name) for name, value in given.items() if value is not None)
        if used:
            say(f"error: {', '.join(used)} filter a KIND export; name one", console=err)
            raise typer.Exit(2)
        _export_store(db, fmt, output)
        return
    with open_store(db) as store:
        chosen = kind_export(store, kind, given)
        chunks = exports.encode(chosen, cast(exports.Format, fmt.value))
        if output is None:
            _write(chunks, sys.stdout.buffer)
        else:
            with output.open("wb") as sink:
                _write(chunks, sink)


def _export_store(db: str, fmt: ExportFormat, output: Path | None) -> None:
    """Every stored article, whole (the export from before KINDs)."""
    from newsloom.store.export import export_articles

    with open_store(db) as store:
        if output is None:
            export_articles(store, fmt.value, sys.stdout.buffer)
        else:
            export_articles(store, fmt.value, output)


def register(app: typer.Typer) -> None:
    app.command("export")(export)
