"""Every store test runs against each backend (`databases`): the `store` fixture and
`locations` (fresh store locations) are parametrised over SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from newsloom.store import Store, open_store
from tests.store.databases import BACKEND_NAMES, Locations, require_postgres


@pytest.fixture(params=BACKEND_NAMES)
def backend(request: pytest.FixtureRequest) -> str:
    name = str(request.param)
    if name == "postgresql":
        require_postgres()
    return name


@pytest.fixture
def locations(backend: str, tmp_path: Path) -> Iterator[Locations]:
    with closing(Locations(backend, tmp_path)) as made:
        yield made


@pytest.fixture
def store(locations: Locations) -> Iterator[Store]:
    with open_store(locations.new()) as opened:
        yield opened
