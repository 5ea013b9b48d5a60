"""Signing a browser in when reads are protected: the form, the cookie, and its limits."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.serve.conftest import TOKEN, ClientFactory


@pytest.fixture
def protected(make_client: ClientFactory) -> TestClient:
    return make_client(protect_reads=True)


def test_a_signed_out_browser_gets_the_sign_in_form_for_any_page(protected: TestClient) -> None:
    response = protected.get("/search?q=ferry")
    assert response.status_code == 401
    assert 'action="/login"' in response.text
    assert 'name="next" value="/search?q=ferry"' in response.text
    # The API still answers JSON.
    api = protected.get("/api/articles")
    assert api.status_code == 401 and api.json()["detail"]


def test_the_right_token_signs_in_with_a_cookie_that_is_not_the_token(
    protected: TestClient,
) -> None:
    wrong = protected.post("/login", data={"token": "nope", "next": "/"})
    assert wrong.status_code == 401 and "not this server" in wrong.text
    assert protected.get("/").status_code == 401
    right = protected.post(
        "/login", data={"token": TOKEN, "next": "/entities"}, follow_redirects=False
    )
    assert right.status_code == 303 and right.headers["location"] == "/entities"
    cookie = right.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    assert f"={TOKEN};" not in cookie
    assert protected.get("/").status_code == 200
    assert protected.get("/api/articles").status_code == 200
    protected.post("/logout")
    assert protected.get("/").status_code == 401


def test_the_cookie_does_not_allow_writes(protected: TestClient) -> None:
    protected.post("/login", data={"token": TOKEN, "next": "/"})
    response = protected.post("/api/ingest", files={"file": ("a.txt", b"Some text.")})
    assert response.status_code == 401


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:x"]
)
def test_sign_in_never_redirects_off_the_server(protected: TestClient, target: str) -> None:
    response = protected.post(
        "/login", data={"token": TOKEN, "next": target}, follow_redirects=False
    )
    assert response.status_code == 303 and response.headers["location"] == "/"


def test_open_reads_need_no_sign_in(app_client: TestClient) -> None:
    assert app_client.get("/").status_code == 200
    assert app_client.get("/login").status_code == 200
