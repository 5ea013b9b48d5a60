"""Options and output helpers shared by the commands."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from newsloom.printable import printable

DEFAULT_DB = "newsloom.db"

# A string, not a Path: a server store's URL ("postgresql://user@host/db") would lose a
# slash as a Path.
DbOption = Annotated[
    str,
    typer.Option(
        "--db",
        help="Store: a SQLite file, or a postgresql://user@host/db URL.",
        envvar="NEWSLOOM_DB",
        show_default=True,
    ),
]

PathsArgument = Annotated[list[str], typer.Argument(help="Files, folders, globs, or - for stdin.")]
EnrichOption = Annotated[bool, typer.Option(help="Find entities, roles, quotes and times (spaCy).")]
ModelOption = Annotated[
    str | None, typer.Option(help="spaCy pipeline name or path (default en_core_web_sm).")
]

out = Console(soft_wrap=True)
err = Console(stderr=True)


def interactive() -> bool:
    """True when a person watches: progress bars and colours only then."""
    return sys.stderr.isatty()


def require_store(db: str | Path) -> None:
    """Exit with a hint when a SQLite store file does not exist (a server URL is opened,
    and refused clearly there, by `open_store`)."""
    if "://" not in str(db) and not Path(db).exists():
        err.print(f"[red]no store at {db}[/red]: run `newsloom ingest PATH --db {db}` first")
        raise typer.Exit(2)


def emit(text: str) -> None:
    """Write data (JSON, text) to stdout exactly as given, one line ending added."""
    sys.stdout.write(text + "\n")


def cell(value: object) -> Text:
    """A table cell showing `value` as it is: controls escaped, brackets not Rich markup."""
    return Text(printable("" if value is None else str(value)))


def say(text: str, *, keep_lines: bool = False, console: Console = out) -> None:
    """Print a line holding text from articles or inputs: controls escaped, no markup."""
    console.print(
        printable(text, keep_lines=keep_lines), markup=False, highlight=False, soft_wrap=True
    )
