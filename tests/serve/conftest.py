"""Shared fixtures for the server tests: a filled SQLite store and clients of the real app.

`filled_db` holds the bundled samples (ingested without enrichment) plus
`ENRICHED_COUNT` invented articles with entities, roles, quotes and times
(`tests/store/articles.make_enriched_article`), published on consecutive days.
Each test gets its own copy of the store, so tests that write do not affect others.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsloom.pipeline import Pipeline
from newsloom.serve import ServeSettings, create_app
from newsloom.store import open_store
from tests.conftest import SAMPLES
from tests.store.articles import FERRY_BODY, make_enriched_article

TOKEN = "t"
ENRICHED_COUNT = 5
FIRST_DAY = dt.date(2031, 3, 1)
ENRICHED_SOURCES = ("Velmora Gazette", "Marlowe Courier")

ClientFactory = Callable[..., TestClient]


def enriched_articles() -> list[Any]:
    articles = []
    for n in range(ENRICHED_COUNT):
        body = f"{FERRY_BODY}\n\nThe harbour board sat for its session number {n + 1}."
        articles.append(
            make_enriched_article(
                body,
                locator=f"entry-{n}",
                url=f"https://velmora-gazette.example/ferry-{n}",
                title=f"Marlowe Sound ferry, day {n + 1}",
                published=FIRST_DAY + dt.timedelta(days=n),
                source=ENRICHED_SOURCES[n % 2],
            )
        )
    return articles


@pytest.fixture(scope="session")
def filled_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("filled") / "template.db"
    with open_store(path) as store:
        Pipeline(store, stages=[]).ingest([str(SAMPLES)])
        for article in enriched_articles():
            store.save(article)
    return path


@pytest.fixture
def filled_db(filled_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the filled store for this test."""
    path = tmp_path / "s.db"
    shutil.copyfile(filled_template, path)
    return path


@pytest.fixture
def make_client(filled_db: Path) -> Iterator[ClientFactory]:
    """Builds clients of the real app on `filled_db`; keyword arguments go to ServeSettings."""
    clients: list[TestClient] = []

    def make(**overrides: Any) -> TestClient:
        settings = ServeSettings(**{"store": str(filled_db), "token": TOKEN, **overrides})
        client = TestClient(create_app(settings))
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def app_client(make_client: ClientFactory) -> TestClient:
    """A client of the app on `filled_db`, token `TOKEN`, reads open."""
    return make_client()


@pytest.fixture
def auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}
