"""`newsloom sources add|list|remove`, `watch`, `fetch` and `replay`: follow live news."""

from __future__ import annotations

import json
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Annotated

import typer
from rich.table import Table

from newsloom.cli.common import (
    DEFAULT_DB,
    DbOption,
    EnrichOption,
    ModelOption,
    cell,
    emit,
    err,
    say,
)
from newsloom.cli.common import out as stdout
from newsloom.options import Options
from newsloom.store import Store, open_store
from newsloom.watch.alerts import check_alerts, load_alerts
from newsloom.watch.archive import replay_inputs
from newsloom.watch.fetcher import Fetcher, FetchOptions
from newsloom.watch.loop import AlertHook, RoundReport, Watcher, WatchOptions
from newsloom.watch.recorder import pending_urls
from newsloom.watch.sources import (
    KINDS,
    Source,
    SourceError,
    add_source,
    load_sources,
    load_tables,
    remove_source,
    source_from_table,
)
from newsloom.watch.state import WatchState, state_path_for

sources_app = typer.Typer(help="Edit and inspect a sources file.", no_args_is_help=True)

FileArgument = Annotated[Path, typer.Argument(help="The sources file (TOML).")]
StateOption = Annotated[
    Path | None,
    typer.Option("--state", help="The watch state file (default: <db>.watch.sqlite)."),
]
ArchiveOption = Annotated[
    Path | None,
    typer.Option("--archive", help="Folder for the WARC files (default: <db>.archive/)."),
]
ContactOption = Annotated[
    str,
    typer.Option(
        "--contact",
        help="A URL or mailto: put in the User-Agent, so sites can reach you.",
        envvar="NEWSLOOM_CONTACT",
    ),
]
DelayOption = Annotated[
    float, typer.Option("--delay", help="Seconds between requests to one host.", min=0.0)
]
TimeoutOption = Annotated[
    float, typer.Option("--timeout", help="Seconds a whole response may take.", min=0.1)
]
JsonOption = Annotated[bool, typer.Option("--json", help="JSON lines output.")]


def _fail(message: str, code: int = 2) -> typer.Exit:
    err.print(message, markup=False, soft_wrap=True)
    return typer.Exit(code)


@sources_app.command("add")
def sources_add(
    file: FileArgument,
    url: Annotated[str, typer.Argument(help="The feed, sitemap or page URL.")],
    name: Annotated[str | None, typer.Option(help="A name for it.")] = None,
    kind: Annotated[str | None, typer.Option(help=f"One of {', '.join(KINDS)}.")] = None,
    language: Annotated[str | None, typer.Option()] = None,
    country: Annotated[str | None, typer.Option()] = None,
    interval: Annotated[str, typer.Option(help="How often to poll: 90s, 15m, 2h.")] = "15m",
    tag: Annotated[list[str] | None, typer.Option(help="A tag (repeatable).")] = None,
    allow_private: Annotated[
        bool, typer.Option(help="Let this source's own host be a non-public address.")
    ] = False,
) -> None:
    """Add a source to FILE (created when missing)."""
    table: dict[str, object] = {"url": url, "interval": interval, "tags": tag or []}
    for key, value in (("name", name), ("kind", kind), ("language", language)):
        if value:
            table[key] = value
    if country:
        table["country"] = country
    if allow_private:
        table["allow_private"] = True
    try:
        source = source_from_table(table)
        added = add_source(file, source)
    except SourceError as error:
        raise _fail(str(error)) from None
    if not added:
        raise _fail(f"{url} is listed already", 1)
    say(f"added {source.url}")


@sources_app.command("remove")
def sources_remove(
    file: FileArgument,
    url_or_name: Annotated[str, typer.Argument(help="The source's URL or name.")],
) -> None:
    """Remove a source from FILE."""
    try:
        removed = remove_source(file, url_or_name)
    except SourceError as error:
        raise _fail(str(error)) from None
    if not removed:
        raise _fail(f"no source {url_or_name} in {file}", 1)
    for source in removed:
        say(f"removed {source.url}")


@sources_app.command("list")
def sources_list(
    file: FileArgument,
    db: DbOption = DEFAULT_DB,
    state: StateOption = None,
    as_json: JsonOption = False,
) -> None:
    """List FILE's sources with their health (last poll, errors, counts) from the watch state."""
    try:
        sources = load_sources(file)
    except SourceError as error:
        raise _fail(str(error)) from None
    state_path = state or state_path_for(db)
    watch_state = WatchState(state_path) if state_path.exists() else None
    rows = []
    for source in sources:
        health = watch_state.source(source.url).to_dict() if watch_state else {}
        rows.append({**source.to_table(), "name": source.label, "state": health})
    if watch_state is not None:
        watch_state.close()
    if as_json:
        for row in rows:
            emit(json.dumps(row, ensure_ascii=False))
        return
    table = Table("name", "url", "kind", "interval", "last poll", "status", "errors", "fetched")
    for row in rows:
        health = row["state"]
        table.add_row(
            cell(row["name"]),
            cell(row["url"]),
            cell(row.get("kind") or health.get("kind") or "?"),
            cell(row.get("interval", "15m")),
            cell((health.get("last_poll") or "never")[:19]),
            cell(health.get("last_error") or health.get("last_status") or ""),
            cell(health.get("errors", 0)),
            cell(health.get("fetched", 0)),
        )
    stdout.print(table)


@contextmanager
def _stop_on_signals() -> Iterator[threading.Event]:
    """An event set by the first SIGINT or SIGTERM (the second interrupts at once)."""
    stop = threading.Event()

    def handler(signum: int, frame: FrameType | None) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        err.print("stopping after the current step (again to interrupt)")
        stop.set()

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def _report(report: RoundReport, as_json: bool) -> None:
    if as_json:
        emit(json.dumps(report.to_dict(), ensure_ascii=False))
        return
    for url, counts in report.sources.items():
        say(
            f"round {report.round_id}: {url} {counts.status}: found {counts.found},"
            f" new {counts.new}, fetched {counts.fetched}, failed {counts.failed},"
            f" stored {counts.stored}",
            console=err,
        )
    total = report.counts.to_dict() if report.counts else {}
    state = "stopped" if report.stopped else "done"
    say(
        f"round {report.round_id} {state}: stored {total.get('stored', 0)},"
        f" updated {total.get('updated', 0)}, unchanged {total.get('unchanged', 0)},"
        f" dropped {total.get('dropped', 0)}, alerts {report.alerts}",
        console=err,
    )


def _archive_for(db: str | Path, archive: Path | None) -> Path:
    return archive or Path(str(state_path_for(db)).removesuffix(".watch.sqlite") + ".archive")


@contextmanager
def _watching(
    db: str | Path,
    state: Path | None,
    archive: Path | None,
    fetching: FetchOptions,
    run: Options,
    sources: list[Source],
    *,
    pending: bool = True,
    alerts: AlertHook | None = None,
) -> Iterator[tuple[Watcher, threading.Event]]:
    """A Watcher over the store, its state file and a polite fetcher, stopped by SIGINT or
    SIGTERM; everything is closed on the way out, whatever happens inside."""
    with (
        _stop_on_signals() as stop,
        open_store(db) as store,
        Fetcher(fetching, stop) as fetcher,
    ):
        watch_state = WatchState(state or state_path_for(db))
        try:
            yield (
                Watcher(
                    sources,
                    store,
                    watch_state,
                    fetcher,
                    WatchOptions(_archive_for(db, archive), run),
                    pending=(lambda: pending_urls(store, db)) if pending else None,
                    alerts=alerts,
                ),
                stop,
            )
        finally:
            watch_state.close()


def watch(
    sources_file: Annotated[Path, typer.Argument(help="The sources file (TOML).")],
    db: DbOption = DEFAULT_DB,
    once: Annotated[bool, typer.Option("--once", help="One round over every source.")] = False,
    state: StateOption = None,
    archive: ArchiveOption = None,
    contact: ContactOption = "",
    delay: DelayOption = 1.0,
    timeout: TimeoutOption = 60.0,
    enrich: EnrichOption = True,
    model: ModelOption = None,
    as_json: JsonOption = False,
) -> None:
    """Poll each source on its interval, fetch new articles and ingest them; SIGINT or
    SIGTERM stops cleanly, and a restart goes on without fetching anything twice."""
    try:
        sources = load_sources(sources_file)
        alerts = load_alerts(load_tables(sources_file, "alerts"))
    except SourceError as error:
        raise _fail(str(error)) from None
    if not sources:
        raise _fail(f"no sources in {sources_file}: add one with `newsloom sources add`")
    if not contact:
        err.print("no --contact given: sites cannot tell who runs this crawler")
    options = FetchOptions(contact=contact, host_delay=delay, total_timeout=timeout)

    def hook(store: Store, ids: list[str], watch_state: WatchState) -> int:
        return check_alerts(alerts, store, ids, watch_state)

    run = Options(enrich=enrich, model=model)
    with _watching(db, state, archive, options, run, sources, alerts=hook if alerts else None) as (
        watcher,
        stop,
    ):
        for report in watcher.recover():
            _report(report, as_json)
        while not stop.is_set():
            report = watcher.run_round(all_sources=once)
            _report(report, as_json)
            if once:
                break
            stop.wait(watcher.seconds_until_due())


def fetch(
    urls: Annotated[list[str], typer.Argument(help="Article URLs.")],
    db: DbOption = DEFAULT_DB,
    state: StateOption = None,
    archive: ArchiveOption = None,
    contact: ContactOption = "",
    timeout: TimeoutOption = 60.0,
    allow_private: Annotated[
        bool, typer.Option(help="Let these URLs' hosts be non-public addresses.")
    ] = False,
    enrich: EnrichOption = True,
    model: ModelOption = None,
    as_json: JsonOption = False,
) -> None:
    """Fetch article URLs once (politely and safely), keep them as WARC and ingest them."""
    options = FetchOptions(contact=contact, total_timeout=timeout)
    sources = [Source(url=url, kind="page", allow_private=allow_private) for url in urls]
    run = Options(enrich=enrich, model=model)
    with _watching(db, state, archive, options, run, [], pending=False) as (watcher, _stop):
        report = watcher.fetch_urls(sources)
    _report(report, as_json)
    if report.sources and all(c.fetched == 0 for c in report.sources.values()):
        raise typer.Exit(1)


def replay(
    warcs: Annotated[list[Path], typer.Argument(help="WARC files or folders a watch wrote.")],
    db: DbOption = DEFAULT_DB,
    enrich: EnrichOption = True,
    model: ModelOption = None,
) -> None:
    """Re-extract archived responses into the store, without the network."""
    from newsloom.pipeline import Pipeline

    with tempfile.TemporaryDirectory(prefix="newsloom-replay-") as scratch:
        inputs = replay_inputs(warcs, Path(scratch))
        with Pipeline(db, Options(enrich=enrich, model=model)) as pipeline:
            result = pipeline.ingest(inputs)
    counts = result.counts.to_dict()
    say(
        f"replayed {len(inputs)} inputs: read {counts['read']}, stored {counts['stored']},"
        f" updated {counts['updated']}, unchanged {counts['unchanged']},"
        f" dropped {counts['dropped']}"
    )


def register(app: typer.Typer) -> None:
    app.add_typer(sources_app, name="sources")
    app.command()(watch)
    app.command()(fetch)
    app.command()(replay)
