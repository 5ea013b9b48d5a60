"""`newsloom enrich` over a store ingested without enrichment (uses the real spaCy model)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from newsloom.cli import app as main_app
from newsloom.enrich import Enricher
from newsloom.store import open_store
from newsloom.store.sqlite import SQLiteStore
from tests.cli.fact_app import fact_app

runner = CliRunner()

ARTICLES = [
    {
        "url": "https://kessick-herald.example/bridge",
        "title": "Kessick Bay bridge reopens",
        "published": "2031-05-14",
        "text": (
            "Mayor Petra Lindqvist reopened the Kessick Bay bridge on Tuesday after "
            "three months of repairs.\n\n"
            '"The bridge is safer than it has ever been," Lindqvist told reporters in '
            "Kessick Bay."
        ),
    },
    {
        "url": "https://kessick-herald.example/clinic",
        "title": "Orvik clinic extends hours",
        "published": "2031-05-16",
        "text": (
            "The Orvik clinic will open until nine in the evening from June 2, its director "
            'Omar Dessaline said on Friday. "Families asked for it," Dessaline said.'
        ),
    },
]


def _fact_rows(db: Path) -> dict[str, int]:
    with open_store(db) as store:
        assert isinstance(store, SQLiteStore)
        return {
            table: int(store._db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in ("article_entities", "mentions", "roles", "quotes", "times", "entities")
        }


def test_enrich_adds_facts_to_a_store_ingested_without_them(tmp_path: Path) -> None:
    source = tmp_path / "news.jsonl"
    source.write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n", encoding="utf-8")
    db = tmp_path / "s.db"
    ingest = runner.invoke(main_app, ["ingest", str(source), "--db", str(db), "--no-enrich"])
    assert ingest.exit_code == 0, ingest.output
    with open_store(db) as store:
        before = list(store.iter_articles())
    assert len(before) == 2 and all(a.enrichment is None for a in before)

    result = runner.invoke(fact_app(), ["enrich", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    counts = json.loads(result.stdout)
    assert (counts["articles"], counts["updated"], counts["unchanged"]) == (2, 2, 0)

    expected = {a.id: a.to_dict() for a in Enricher().pipe(before)}
    with open_store(db) as store:
        after = {a.id: a.to_dict() for a in store.iter_articles()}
    assert after == expected
    assert all(record["enrichment"] == "done" for record in after.values())
    rows = _fact_rows(db)
    assert counts["quotes"] == rows["quotes"] and counts["times"] == rows["times"]

    again = runner.invoke(fact_app(), ["enrich", "--db", str(db), "--json"])
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["unchanged"] == 2
    assert _fact_rows(db) == rows
