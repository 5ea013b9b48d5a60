"""The sources file and `newsloom sources add|list|remove`."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsloom.cli import app
from newsloom.watch.sources import (
    Source,
    SourceError,
    add_source,
    load_sources,
    load_tables,
    parse_interval,
    remove_source,
)

EXAMPLE = Path(__file__).resolve().parents[2] / "samples" / "sources.example.toml"


def test_intervals() -> None:
    assert parse_interval("90") == 90.0
    assert parse_interval("15m") == 900.0
    assert parse_interval("2h") == 7200.0
    assert parse_interval("1d") == 86400.0
    with pytest.raises(SourceError):
        parse_interval("soon")


def test_add_list_remove_keep_the_alerts(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_text('[[alerts]]\nname = "a"\nwords = ["flood"]\njsonl = "out.jsonl"\n')
    assert add_source(path, Source(url="https://news.example.org/feed.xml", name='Ex "Q"'))
    assert not add_source(path, Source(url="https://news.example.org/feed.xml"))
    add_source(path, Source(url="https://b.example.org/s.xml", kind="sitemap", tags=("x",)))
    sources = load_sources(path)
    assert [s.name for s in sources] == ['Ex "Q"', ""]
    assert sources[1].kind == "sitemap" and sources[1].tags == ("x",)
    assert load_tables(path, "alerts")[0]["name"] == "a"
    assert [s.url for s in remove_source(path, 'Ex "Q"')] == ["https://news.example.org/feed.xml"]
    assert [s.url for s in load_sources(path)] == ["https://b.example.org/s.xml"]
    assert load_tables(path, "alerts")[0]["words"] == ["flood"]


@pytest.mark.parametrize(
    "table",
    [
        'url = "ftp://x.org/f"',
        'url = "https://x.org/f"\nkind = "podcast"',
        'url = "https://x.org/f"\ninterval = "often"',
        'url = "https://x.org/f"\ncolour = "red"',
        'url = "https://x.org/f"\nallow_private = "yes"',
    ],
)
def test_bad_sources_are_refused(tmp_path: Path, table: str) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(f"[[sources]]\n{table}\n")
    with pytest.raises(SourceError):
        load_sources(path)


def test_the_example_file_loads() -> None:
    sources = load_sources(EXAMPLE)
    assert sources and all(not s.allow_private for s in sources)


def test_the_commands(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    runner = CliRunner()
    result = runner.invoke(
        app,
        [
            "sources",
            "add",
            str(path),
            "https://news.example.org/rss",
            "--name",
            "Ex",
            "--interval",
            "30m",
            "--tag",
            "world",
        ],
    )
    assert result.exit_code == 0, result.output
    again = runner.invoke(app, ["sources", "add", str(path), "https://news.example.org/rss"])
    assert again.exit_code == 1
    listed = runner.invoke(
        app, ["sources", "list", str(path), "--db", str(tmp_path / "x.db"), "--json"]
    )
    assert listed.exit_code == 0 and '"interval": "30m"' in listed.output
    removed = runner.invoke(app, ["sources", "remove", str(path), "Ex"])
    assert removed.exit_code == 0 and load_sources(path) == []
