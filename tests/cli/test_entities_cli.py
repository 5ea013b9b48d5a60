from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tests.cli.fact_app import fact_app, fact_store

runner = CliRunner()


def test_entities_json_lists_most_articles_first(tmp_path: Path) -> None:
    db = str(fact_store(tmp_path / "s.db"))
    result = runner.invoke(fact_app(), ["entities", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    # Both in two articles: Quenby has four mentions, Marlowe Sound three.
    assert [row["id"] for row in rows] == [
        "person:tilda-quenby",
        "gpe:marlowe-sound",
        "person:oskar-veil",
    ]
    assert rows[0]["article_count"] == 2 and rows[0]["aliases"] == ["Tilda Quenby", "Quenby"]


def test_entities_type_filter_and_limit(tmp_path: Path) -> None:
    db = str(fact_store(tmp_path / "s.db"))
    result = runner.invoke(
        fact_app(), ["entities", "--db", db, "--type", "person", "--limit", "1", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [
        "person:tilda-quenby"
    ]


def test_entities_table(tmp_path: Path) -> None:
    db = str(fact_store(tmp_path / "s.db"))
    result = runner.invoke(fact_app(), ["entities", "--db", db])
    assert result.exit_code == 0, result.output
    assert "Tilda Quenby" in result.stdout and "PERSON" in result.stdout


def test_entity_by_alias_shows_roles_articles_and_quotes(tmp_path: Path) -> None:
    db = str(fact_store(tmp_path / "s.db"))
    result = runner.invoke(fact_app(), ["entity", "quenby", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    detail = json.loads(result.stdout)
    assert detail["id"] == "person:tilda-quenby"
    assert [role["title"] for role in detail["roles"]] == ["harbour master"]
    assert len(detail["articles"]) == 2
    assert [q["text"] for q in detail["quotes_by"]] == ["We expect the first ferry at dawn,"]
    assert [q["speaker"] for q in detail["quotes_about"]] == ["Oskar Veil"]
    assert detail["quotes_about"][0]["article"]["url"] == "https://velmora-gazette.example/ferry"

    table = runner.invoke(fact_app(), ["entity", "Tilda Quenby", "--db", db])
    assert table.exit_code == 0, table.output
    for part in ("harbour master", "Quotes by", "Quotes about", "Velmora council"):
        assert part in table.stdout


def test_unknown_entity_exits_one(tmp_path: Path) -> None:
    db = str(fact_store(tmp_path / "s.db"))
    result = runner.invoke(fact_app(), ["entity", "Nobody Atall", "--db", db])
    assert result.exit_code == 1


def test_missing_store_exits_two(tmp_path: Path) -> None:
    result = runner.invoke(fact_app(), ["entities", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
