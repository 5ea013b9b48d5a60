"""`POST /api/ingest` and the token checks on writes and protected reads."""

from __future__ import annotations

import httpx
import pytest
from fastapi.testclient import TestClient

from tests.serve.conftest import ClientFactory

PAGE = b"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Quillmere opens its lantern market | Quillmere Ledger</title>
<meta property="article:published_time" content="2032-05-14T09:00:00+00:00">
<link rel="canonical" href="https://quillmere-ledger.example/lantern-market">
</head><body><article><h1>Quillmere opens its lantern market</h1>
<p>The lantern market of Quillmere opened on Saturday with forty stalls along the
canal, the town's trade office said, the largest number since the market began.</p>
<p>Stallholder Brin Ashcombe said the paper lanterns sold out before noon and that
more would be made overnight in the workshops behind the square.</p>
<p>The market stays open every evening until the end of the month, when the canal
is lit for the closing parade.</p>
</article></body></html>
"""


def upload(
    client: TestClient,
    content: bytes = PAGE,
    name: str = "lantern-market.html",
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    return client.post(
        "/api/ingest",
        params={"enrich": "false"},
        files={"file": (name, content, "application/octet-stream")},
        headers=headers or {},
    )


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "t"}, {"Authorization": "Bearer "}],
)
def test_ingest_without_the_token_is_401_and_stores_nothing(
    app_client: TestClient, headers: dict[str, str]
) -> None:
    before = app_client.get("/api/runs").json()["items"]
    response = upload(app_client, headers=headers)
    assert response.status_code == 401
    assert response.json()["detail"]
    assert app_client.get("/api/runs").json()["items"] == before


def test_ingest_is_refused_when_no_token_is_configured(make_client: ClientFactory) -> None:
    client = make_client(token=None)
    response = upload(client, headers={"Authorization": "Bearer "})
    assert response.status_code == 401


def test_uploaded_page_is_stored_and_then_readable(
    app_client: TestClient, auth: dict[str, str]
) -> None:
    response = upload(app_client, headers=auth)
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["counts"]["stored"] == 1 and result["counts"]["read"] == 1
    assert result["input"].startswith("upload:") and result["input"].endswith("lantern-market.html")
    [article_id] = result["article_ids"]

    article = app_client.get(f"/api/articles/{article_id}").json()
    assert article["canonical_url"] == "https://quillmere-ledger.example/lantern-market"
    assert article["published"].startswith("2032-05-14")
    assert any("forty stalls" in p for p in article["paragraphs"])
    assert [p["input"] for p in article["provenance"]] == [result["input"]]
    assert article["enrichment"] is None

    hits = app_client.get("/api/search", params={"q": "lantern market"}).json()["items"]
    assert hits[0]["id"] == article_id
    latest = app_client.get("/api/runs").json()["items"][0]
    assert latest["id"] == result["run_id"] and latest["inputs"] == [result["input"]]


def test_the_same_upload_twice_is_unchanged(app_client: TestClient, auth: dict[str, str]) -> None:
    first = upload(app_client, headers=auth).json()
    again = upload(app_client, headers=auth).json()
    assert again["counts"]["unchanged"] == 1 and again["counts"]["stored"] == 0
    assert again["article_ids"] == first["article_ids"]


def test_jsonl_upload_stores_every_line(app_client: TestClient, auth: dict[str, str]) -> None:
    lines = b"\n".join(
        b'{"url": "https://quillmere-ledger.example/notice-%d", "published": "2032-06-0%d",'
        b' "text": "Notice %d: the canal locks at Quillmere close for repairs on day %d of'
        b' the month, the waterways board said in its weekly bulletin to boat owners."}'
        % (n, n, n, n)
        for n in range(1, 4)
    )
    result = upload(app_client, lines, "notices.jsonl", auth).json()
    assert result["counts"]["stored"] == 3 and len(result["article_ids"]) == 3


def test_too_large_upload_is_413_and_stores_nothing(
    make_client: ClientFactory, auth: dict[str, str]
) -> None:
    client = make_client(max_upload_bytes=len(PAGE) - 1)
    before = client.get("/api/runs").json()["items"]
    response = upload(client, headers=auth)
    assert response.status_code == 413
    assert response.json()["detail"]
    assert client.get("/api/runs").json()["items"] == before


def test_a_body_far_over_the_limit_is_413(make_client: ClientFactory, auth: dict[str, str]) -> None:
    client = make_client(max_upload_bytes=1000)
    big = PAGE * 2000  # about 1.4 MB of multipart body
    response = upload(client, big, headers={**auth})
    assert response.status_code == 413


def test_upload_at_exactly_the_limit_is_accepted(
    make_client: ClientFactory, auth: dict[str, str]
) -> None:
    client = make_client(max_upload_bytes=len(PAGE))
    assert upload(client, headers=auth).status_code == 200


def test_ingest_needs_a_multipart_file(app_client: TestClient, auth: dict[str, str]) -> None:
    raw = app_client.post("/api/ingest", content=PAGE, headers=auth)
    assert raw.status_code == 415 and raw.json()["detail"]
    wrong_field = app_client.post(
        "/api/ingest", files={"document": ("a.html", PAGE, "text/html")}, headers=auth
    )
    assert wrong_field.status_code == 422
    assert wrong_field.json()["detail"][0]["loc"] == ["body", "file"]


def test_unsafe_file_names_are_reduced_to_a_safe_base_name(
    app_client: TestClient, auth: dict[str, str]
) -> None:
    result = upload(app_client, name="../../etc/lantern market.html", headers=auth).json()
    assert result["input"].endswith("/lantern_market.html")
    assert ".." not in result["input"]


READ_PATHS = ["/api/articles", "/api/search?q=ferry", "/api/entities", "/api/quotes", "/api/runs"]


@pytest.mark.parametrize("path", READ_PATHS)
def test_protected_reads_need_the_token(
    make_client: ClientFactory, auth: dict[str, str], path: str
) -> None:
    client = make_client(protect_reads=True)
    assert client.get(path).status_code == 401
    assert client.get(path, headers={"Authorization": "Bearer nope"}).status_code == 401
    assert client.get(path, headers=auth).status_code == 200


def test_reads_are_open_by_default(app_client: TestClient) -> None:
    for path in READ_PATHS:
        assert app_client.get(path).status_code == 200


def test_ingest_enriches_by_default(app_client: TestClient, auth: dict[str, str]) -> None:
    from newsloom.enrich.nlp import ModelNotFoundError, resolve_model

    try:
        resolve_model()
    except ModelNotFoundError:
        pytest.skip("no spaCy English model installed")
    response = app_client.post(
        "/api/ingest", files={"file": ("lantern-market.html", PAGE)}, headers=auth
    )
    assert response.status_code == 200, response.text
    [article_id] = response.json()["article_ids"]
    article = app_client.get(f"/api/articles/{article_id}").json()
    assert article["enrichment"] == "done"
    names = {entity["name"] for entity in article["entities"]}
    assert any("Ashcombe" in name for name in names)
    for entity in article["entities"]:
        for mention in entity["mentions"]:
            assert article["text"][mention["start"] : mention["end"]] == mention["text"]
