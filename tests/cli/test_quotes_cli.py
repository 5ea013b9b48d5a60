from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tests.cli.fact_app import fact_app, fact_store

runner = CliRunner()


def _quotes(db: str, *options: str) -> list[dict[str, object]]:
    result = runner.invoke(fact_app(), ["quotes", "--db", db, "--json", *options])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_quotes_json_cite_their_article(tmp_path: Path) -> None:
    db = str(fact_store(tmp_path / "s.db"))
    rows = _quotes(db)
    assert [row["speaker"] for row in rows] == ["Oskar Veil", "Quenby"]
    article = rows[0]["article"]
    assert isinstance(article, dict)
    assert article["url"] == "https://velmora-gazette.example/ferry"
    assert article["published"] == "2031-03-04"


def test_quotes_by_speaker_alias_any_case(tmp_path: Path) -> None:
    db = str(fact_store(tmp_path / "s.db"))
    rows = _quotes(db, "--speaker", "TILDA QUENBY")
    assert [row["text"] for row in rows] == ["We expect the first ferry at dawn,"]
    assert _quotes(db, "--speaker", "Nobody Atall") == []


def test_quotes_since(tmp_path: Path) -> None:
    db = str(fact_store(tmp_path / "s.db"))
    # Quenby's quote is dated 2031-03-07; Veil's is undated, its article is of 2031-03-04.
    assert [row["speaker"] for row in _quotes(db, "--since", "2031-03-05")] == ["Quenby"]
    assert _quotes(db, "--since", "2031-03-08") == []


def test_quotes_table_and_bad_since(tmp_path: Path) -> None:
    db = str(fact_store(tmp_path / "s.db"))
    table = runner.invoke(fact_app(), ["quotes", "--db", db])
    assert table.exit_code == 0, table.output
    assert "Oskar Veil" in table.stdout
    bad = runner.invoke(fact_app(), ["quotes", "--db", db, "--since", "March"])
    assert bad.exit_code == 2
