"""`--db postgresql://...` reaches the PostgreSQL store from the command line (the URL is
kept whole, never folded into a file path). Runs against the PostgreSQL this machine kind
starts; skipped when none answers."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsloom.cli import app

SERVER = os.environ.get("NEWSLOOM_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")

ARTICLE = (
    "Harbour master Tilda Quenby said the port of Marlowe Sound would reopen on Friday. "
    "The harbour board met on Tuesday to agree the repairs, the board said in a statement."
)


@pytest.fixture()
def schema_url() -> Iterator[str]:
    psycopg = pytest.importorskip("psycopg")
    name = f"cli_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(SERVER, connect_timeout=3, autocommit=True) as connection:
            connection.execute(f'CREATE SCHEMA "{name}"')
    except psycopg.OperationalError as error:
        pytest.skip(f"no PostgreSQL at {SERVER}: {error}")
    try:
        yield f"{SERVER}?options=-csearch_path%3D{name}"
    finally:
        with psycopg.connect(SERVER, autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA "{name}" CASCADE')


def test_ingest_and_list_through_a_postgresql_url(
    schema_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    page = tmp_path / "ferry.txt"
    page.write_text(f"Ferry port to reopen\n\n{ARTICLE}\n", encoding="utf-8")
    runner = CliRunner()
    ingested = runner.invoke(app, ["ingest", str(page), "--db", schema_url, "--no-enrich"])
    assert ingested.exit_code == 0, ingested.output
    listed = runner.invoke(app, ["list", "--db", schema_url, "--json"])
    assert listed.exit_code == 0, listed.output
    rows = [json.loads(line) for line in listed.output.splitlines() if line.startswith("{")]
    assert len(rows) == 1
    # The URL was a server store, not a path: no folder named "postgresql:" appeared.
    assert not (tmp_path / "postgresql:").exists()
