"""Control characters from articles and file names never reach a terminal or a log raw:
an ANSI escape in an article cannot repaint the screen, a newline in a file name cannot
forge a log line."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsloom.cli import app
from newsloom.pipeline import Pipeline
from newsloom.printable import printable
from newsloom.store import open_store
from tests.store.articles import make_article

runner = CliRunner()

CLEAR_SCREEN = "\x1b[2J"
BELL = "\x07"
# A newline, then what a forged log record would look like.
FORGED = "\nERROR newsloom: all inputs deleted"


def test_printable_escapes_controls_and_keeps_the_rest() -> None:
    assert printable("Café — «ok»") == "Café — «ok»"
    assert printable(f"a{CLEAR_SCREEN}b{BELL}") == "a\\x1b[2Jb\\x07"
    assert printable("one\ntwo\tthree\r") == "one\\ntwo\\tthree\\r"
    assert printable("one\ntwo\tthree\r", keep_lines=True) == "one\ntwo\tthree\\r"
    assert printable("\x9b31m\u2028\u202e") == "\\x9b31m\\u2028\\u202e"


@pytest.fixture
def hostile_db(tmp_path: Path) -> Path:
    db = tmp_path / "s.db"
    article = make_article(
        f"The harbour{CLEAR_SCREEN} reopened today.{BELL}\n\nFerries run again.",
        title=f"Harbour{CLEAR_SCREEN} news [bold]loud[/bold]",
        url="https://h.example/harbour",
    )
    with open_store(db) as store:
        store.save(article)
    return db


def _article_id(db: Path) -> str:
    with open_store(db) as store:
        (item,) = store.list_articles().items
    return item.id


@pytest.mark.parametrize(
    "command",
    [["show", "ID"], ["list"], ["search", "harbour"]],
    ids=["show", "list", "search"],
)
def test_article_text_reaches_the_terminal_escaped(hostile_db: Path, command: list[str]) -> None:
    arguments = [_article_id(hostile_db) if part == "ID" else part for part in command]
    result = runner.invoke(app, [*arguments, "--db", str(hostile_db)])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and BELL not in result.output
    assert "\\x1b[2J" in result.output
    if command[0] != "search":  # the snippet is of the text; titles show whole
        assert "[bold]loud[/bold]" in result.output  # printed, not taken as Rich markup


def test_a_file_name_with_controls_is_escaped_in_the_log_and_the_drops(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    name = f"bad{CLEAR_SCREEN}{FORGED}.html"
    (folder / name).write_bytes(b"")
    db = tmp_path / "s.db"
    with caplog.at_level(logging.WARNING, logger="newsloom"), Pipeline(db, stages=[]) as pipeline:
        counts = pipeline.ingest([folder]).counts
    assert counts.dropped == {"empty": 1}
    [message] = [record.getMessage() for record in caplog.records if "empty" in record.getMessage()]
    assert "\n" not in message and "\x1b" not in message
    assert "bad\\x1b[2J\\nERROR newsloom: all inputs deleted.html" in message

    # Wide enough that the table does not wrap the name.
    drops = runner.invoke(app, ["runs", "--drops", "--db", str(db)], env={"COLUMNS": "400"})
    assert drops.exit_code == 0, drops.output
    assert "\x1b" not in drops.output and "\nERROR newsloom" not in drops.output
    assert "\\nERROR" in drops.output


def test_the_command_line_log_escapes_every_message(tmp_path: Path) -> None:
    from newsloom.cli import PrintableFormatter

    record = logging.LogRecord(
        "newsloom.ingest", logging.ERROR, __file__, 1, "reading %s failed", (FORGED,), None
    )
    line = PrintableFormatter("%(levelname)s %(name)s: %(message)s").format(record)
    assert line == "ERROR newsloom.ingest: reading \\nERROR newsloom: all inputs deleted failed"
