"""Property-based test of the REST API against its own /openapi.json (schemathesis).

Every read operation is called with generated parameters (valid and invalid) on the
real app and a filled SQLite store: no answer may be a server error, and every
documented answer must match its declared status codes, content type and schema.
`POST /api/ingest` is left out: it runs the pipeline and has its own tests.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from newsloom.serve import ServeSettings, create_app
from newsloom.store import open_store
from tests.serve.conftest import TOKEN, enriched_articles

MAX_EXAMPLES = 25


def _filled_store() -> Path:
    """A store of the invented enriched articles, removed when the test process ends."""
    folder = Path(tempfile.mkdtemp(prefix="newsloom-schema-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    with open_store(folder / "s.db") as store:
        for article in enriched_articles():
            store.save(article)
    return folder / "s.db"


# Schemathesis makes one test per operation at collection, so the app exists at import.
APP = create_app(ServeSettings(store=str(_filled_store()), token=TOKEN))


schema = (
    schemathesis.openapi.from_asgi("/openapi.json", APP)
    .include(path_regex="^/api/")
    .exclude(method="POST", path="/api/ingest")
)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
def test_api_never_fails_and_matches_its_schema(case: schemathesis.Case) -> None:
    case.call_and_validate(
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ]
    )
