"""`POST /api/ingest` while another writer keeps the store locked: 503, then it works."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.serve.conftest import ClientFactory
from tests.serve.test_api_ingest import upload


def test_an_upload_into_a_locked_store_is_503_with_retry_after(
    make_client: ClientFactory, filled_db: Path, auth: dict[str, str]
) -> None:
    client = make_client(lock_wait=0.05)
    holder = sqlite3.connect(filled_db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        busy = upload(client, headers=auth)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert busy.status_code == 503
    assert busy.headers["Retry-After"] and "busy" in busy.json()["detail"]
    done = upload(client, headers=auth)
    assert done.status_code == 200, done.text
    assert done.json()["counts"]["stored"] == 1
