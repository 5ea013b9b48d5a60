from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from newsloom.cli import app
from tests.pipeline.corpus import write_corpus

runner = CliRunner()

SCRAPED = """date 2024-02-02 Flood barriers on the river Tobrek were raised overnight as water \
levels rose to their highest point in a decade, the regional authority said on Friday.
Residents of low-lying streets in Halvey were asked to move their cars to higher ground.
Newsletter sign up
"""


@pytest.mark.slow  # a CLI subprocess (about 1.7 s)
def test_extract_text_from_stdin_prints_the_body() -> None:
    command = [sys.executable, "-m", "newsloom", "extract", "-", "--as", "text", "--format", "text"]
    result = subprocess.run(command, input=SCRAPED, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Flood barriers on the river Tobrek" in result.stdout
    assert "date 2024-02-02" not in result.stdout


def test_extract_several_files_as_jsonl(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 3)
    result = runner.invoke(app, ["extract", str(corpus), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert len(records) == 3
    for key in ("id", "url", "title", "published", "source", "site", "authors", "credits"):
        assert all(key in record for record in records)
    assert all(record["paragraphs"] for record in records)


def test_extract_of_nothing_usable_exits_non_zero(tmp_path: Path) -> None:
    (tmp_path / "empty.html").write_bytes(b"")
    result = runner.invoke(app, ["extract", str(tmp_path / "empty.html")])
    assert result.exit_code == 1


def test_ingest_then_list_show_search_export(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 4)
    db = str(tmp_path / "s.db")
    ingest = runner.invoke(app, ["ingest", str(corpus), "--db", db, "--json"])
    assert ingest.exit_code == 0, ingest.output
    assert json.loads(ingest.stdout)["stored"] == 4

    listed = runner.invoke(app, ["list", "--db", db, "--json"])
    ids = [json.loads(line)["id"] for line in listed.stdout.splitlines()]
    assert len(ids) == 4

    shown = runner.invoke(app, ["show", ids[0], "--db", db, "--format", "json"])
    assert json.loads(shown.stdout)["id"] == ids[0]
    assert runner.invoke(app, ["show", "nope", "--db", db]).exit_code == 1

    found = runner.invoke(app, ["search", "harbour plan", "--db", db, "--json"])
    assert found.exit_code == 0, found.output
    assert all(json.loads(line)["id"] in ids for line in found.stdout.splitlines())

    jsonl = runner.invoke(app, ["export", "--format", "jsonl", "--db", db])
    assert len(jsonl.stdout.splitlines()) == 4
    as_csv = runner.invoke(app, ["export", "--format", "csv", "--db", db])
    assert len(list(csv.DictReader(io.StringIO(as_csv.stdout)))) == 4
    parquet = tmp_path / "out.parquet"
    runner.invoke(app, ["export", "--format", "parquet", "--output", str(parquet), "--db", db])
    assert pq.read_table(parquet).num_rows == 4


def test_commands_on_a_missing_store_say_so(tmp_path: Path) -> None:
    result = runner.invoke(app, ["list", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "no store" in result.output


def test_runs_and_drops_are_listed(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 2)
    (corpus / "blank.html").write_bytes(b"")
    db = str(tmp_path / "s.db")
    runner.invoke(app, ["ingest", str(corpus), "--db", db])
    runs = runner.invoke(app, ["runs", "--db", db, "--json"])
    [run] = [json.loads(line) for line in runs.stdout.splitlines()]
    assert run["status"] == "finished"
    assert run["counts"]["stored"] == 2 and run["counts"]["dropped"] == {"empty": 1}
    drops = runner.invoke(app, ["runs", "--drops", "--db", db, "--json"])
    [drop] = [json.loads(line) for line in drops.stdout.splitlines()]
    assert drop["reason"] == "empty" and drop["input"].endswith("blank.html")
    assert drop["run"] == run["id"]
