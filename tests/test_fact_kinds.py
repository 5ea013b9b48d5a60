"""The fact registry: a kind declared once reaches the JSON, the store, the API and the export.

The toy kind here (`Claim`) is declared in this file only: one dataclass and one
`register(...)`. Nothing else in newsloom knows about it.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from newsloom.fact_kinds import FactKind, fact_keys, register, unregister
from newsloom.fact_shape import ROUND3, Shaped
from newsloom.record import Article, Event, EventActor, Quote
from newsloom.serve import ServeSettings, create_app
from newsloom.store import open_store
from newsloom.store.export import export_articles
from newsloom.store.records import facts_fingerprint
from tests.store.articles import make_enriched_article, span


@dataclass(slots=True)
class Claim(Shaped):
    """Something the article asserts, with who vouches for it (a toy kind)."""

    text: str
    start: int
    end: int
    vouched_by: list[str] = field(default_factory=list)
    checked: bool = False
    confidence: float = field(default=1.0, metadata=ROUND3)


@pytest.fixture
def claims() -> Iterator[str]:
    register(FactKind("claims", Claim))
    yield "claims"
    unregister("claims")


def claimed_article() -> Article:
    article = make_enriched_article()
    start, end = span(article.text, "ferry")
    article.facts_of("claims").append(Claim("ferry", start, end, ["Quenby"], True, 0.66666))
    return article


def test_a_toy_kind_round_trips_through_the_article_json(claims: str) -> None:
    article = claimed_article()
    record = article.to_dict()
    assert record["claims"] == [
        {
            "text": "ferry",
            "start": article.text.index("ferry"),
            "end": article.text.index("ferry") + 5,
            "vouched_by": ["Quenby"],
            "checked": True,
            "confidence": 0.667,
        }
    ]
    assert list(record)[-len(fact_keys()) :] == list(fact_keys())
    back = Article.from_dict(record)
    assert back.facts_of("claims") == [
        Claim("ferry", *span(article.text, "ferry"), ["Quenby"], True, 0.667)
    ]
    assert back.to_dict() == record


def test_a_toy_kind_is_stored_and_read_back(claims: str, tmp_path: Path) -> None:
    article = claimed_article()
    with open_store(tmp_path / "s.db") as store:
        store.save(article)
        loaded = store.get(article.assign_id())
        assert loaded is not None
        as_json = Article.from_dict(article.to_dict()).facts_of("claims")  # rounded as in JSON
        assert loaded.facts_of("claims") == as_json
        assert [a.facts_of("claims") for a in store.iter_articles()] == [as_json]
        # Changing only the toy facts is a change of facts: the save refreshes them.
        article.facts_of("claims")[0].checked = False
        assert store.save(article) == "updated"
        loaded = store.get(article.id)
        assert loaded is not None and loaded.facts_of("claims")[0].checked is False
    db = sqlite3.connect(tmp_path / "s.db")
    (extra,) = db.execute("SELECT extra FROM articles").fetchone()
    assert "claims" not in json.loads(extra)  # in the fact table, not copied into `extra`
    assert db.execute("SELECT count(*) FROM facts WHERE kind = 'claims'").fetchone() == (1,)


def test_a_toy_kind_counts_in_the_fingerprint_only_when_present(claims: str) -> None:
    article = make_enriched_article()
    bare = facts_fingerprint(article)
    unregister("claims")
    assert facts_fingerprint(article) == bare  # an empty new kind leaves fingerprints valid
    register(FactKind("claims", Claim))
    article.facts_of("claims").append(Claim("x", 0, 1))
    assert facts_fingerprint(article) != bare


def test_a_toy_kind_reaches_the_api_and_its_schema(claims: str, tmp_path: Path) -> None:
    article = claimed_article()
    with open_store(tmp_path / "s.db") as store:
        store.save(article)
    app = create_app(ServeSettings(store=str(tmp_path / "s.db"), token="t"))
    with TestClient(app) as client:
        got = client.get(f"/api/articles/{article.id}").json()
        schema = client.get("/openapi.json").json()
    assert got["claims"] == article.to_dict()["claims"]
    claim_schema = schema["components"]["schemas"]["ClaimOut"]
    assert set(claim_schema["properties"]) == {
        "text",
        "start",
        "end",
        "vouched_by",
        "checked",
        "confidence",
    }
    assert "claims" in schema["components"]["schemas"]["ArticleOut"]["properties"]


def test_a_toy_kind_reaches_every_export_format(claims: str, tmp_path: Path) -> None:
    article = claimed_article()
    expected = article.to_dict()["claims"]
    with open_store(tmp_path / "s.db") as store:
        store.save(article)
        jsonl, csv_out = io.BytesIO(), io.BytesIO()
        export_articles(store, "jsonl", jsonl)
        export_articles(store, "csv", csv_out)
        export_articles(store, "parquet", tmp_path / "out.parquet")
    assert json.loads(jsonl.getvalue())["claims"] == expected
    (row,) = csv.DictReader(io.StringIO(csv_out.getvalue().decode("utf-8")))
    assert json.loads(row["claims"]) == expected
    (exported,) = pq.read_table(tmp_path / "out.parquet").to_pylist()
    assert exported["claims"] == expected
    assert exported["quotes"] == article.to_dict()["quotes"]  # built-in kinds typed too


def test_article_api_lists_places_and_events(tmp_path: Path) -> None:
    """Regression: `GET /api/articles/{id}` left out places and events."""
    article = make_enriched_article()
    assert article.places, "the fixture article should carry a place"
    start, end = span(article.text, "ferry")
    article.events = [
        Event(
            "MOVE", "ferry", (start, end), 0, end, source=EventActor("Quenby", 0, 6), fatalities=0
        )
    ]
    with open_store(tmp_path / "s.db") as store:
        store.save(article)
    with TestClient(create_app(ServeSettings(store=str(tmp_path / "s.db"), token="t"))) as client:
        got = client.get(f"/api/articles/{article.id}").json()
    assert got["places"] == article.to_dict()["places"] != []
    assert got["events"] == article.to_dict()["events"] != []


def test_places_and_events_are_stored_once(tmp_path: Path) -> None:
    """Regression: places and events were kept in their tables and again in `extra`."""
    article = make_enriched_article()
    article.events = [Event("MOVE", "ferry", (0, 5), 0, 10)]
    with open_store(tmp_path / "s.db") as store:
        store.save(article)
    db = sqlite3.connect(tmp_path / "s.db")
    extra = json.loads(db.execute("SELECT extra FROM articles").fetchone()[0])
    assert not set(extra) & set(fact_keys())
    assert db.execute("SELECT count(*) FROM places").fetchone()[0] == len(article.places)
    assert db.execute("SELECT count(*) FROM events").fetchone()[0] == 1


def test_upgrading_removes_the_copies_of_places_and_events_from_extra(tmp_path: Path) -> None:
    article = make_enriched_article()
    with open_store(tmp_path / "s.db") as store:
        store.save(article)
    # Make it what a version 8 newsloom left: facts copied into `extra`, no `facts` table.
    db = sqlite3.connect(tmp_path / "s.db")
    copies = {"places": article.to_dict()["places"], "events": [], "kept": 1}
    db.execute("UPDATE articles SET extra = ?", (json.dumps(copies),))
    db.execute("DROP TABLE facts")
    db.execute("PRAGMA user_version = 8")
    db.commit()
    db.close()
    with open_store(tmp_path / "s.db") as store:
        loaded = store.get(article.id)
    assert loaded is not None and loaded.places == article.places
    extra = sqlite3.connect(tmp_path / "s.db").execute("SELECT extra FROM articles").fetchone()
    assert json.loads(extra[0]) == {"kept": 1}


def test_quote_spans_keep_their_json_shape() -> None:
    quote = Quote("x", "direct", 0, 1, speaker_span=(3, 9), cue_span=None)
    record = quote.to_dict()
    assert record["speaker_span"] == [3, 9] and record["cue_span"] is None
    assert Quote.from_dict(record) == quote
    assert (quote.speaker_start, quote.speaker_end, quote.cue_start) == (3, 9, None)
