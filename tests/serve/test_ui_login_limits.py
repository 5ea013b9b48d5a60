"""Sign-in limits: a client that keeps guessing the token is slowed to a few tries per
window, and signing out cannot be triggered by another site."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from newsloom.serve.ui.login import LoginThrottle
from tests.serve.conftest import TOKEN, ClientFactory


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def protected(make_client: ClientFactory) -> TestClient:
    return make_client(protect_reads=True)


@pytest.fixture
def clock(protected: TestClient) -> FakeClock:
    clock = FakeClock()
    protected.app.state.login_throttle = LoginThrottle(limit=3, window=60.0, clock=clock)  # type: ignore[attr-defined]
    return clock


def _sign_in(client: TestClient, token: str) -> int:
    response = client.post("/login", data={"token": token, "next": "/"}, follow_redirects=False)
    return response.status_code


def test_repeated_wrong_tokens_are_answered_429_with_retry_after(
    protected: TestClient, clock: FakeClock
) -> None:
    assert [_sign_in(protected, "guess") for _ in range(3)] == [401, 401, 401]
    blocked = protected.post("/login", data={"token": "guess", "next": "/"})
    assert blocked.status_code == 429
    assert 0 < int(blocked.headers["Retry-After"]) <= 60
    assert "Too many" in blocked.text
    # While blocked, even the right token is not tried: guessing gains nothing.
    assert _sign_in(protected, TOKEN) == 429
    assert protected.get("/").status_code == 401


def test_the_block_lifts_after_the_window_and_a_success_clears_the_count(
    protected: TestClient, clock: FakeClock
) -> None:
    for _ in range(3):
        _sign_in(protected, "guess")
    assert _sign_in(protected, TOKEN) == 429
    clock.now += 61
    assert _sign_in(protected, TOKEN) == 303
    # The count starts again from zero after a sign-in.
    assert [_sign_in(protected, "guess") for _ in range(3)] == [401, 401, 401]


def test_the_throttle_is_per_client(protected: TestClient, clock: FakeClock) -> None:
    for _ in range(3):
        _sign_in(protected, "guess")
    assert _sign_in(protected, "guess") == 429
    other = TestClient(protected.app, client=("192.0.2.7", 40000))
    assert _sign_in(other, TOKEN) == 303


def _signed_in(make_client: ClientFactory) -> TestClient:
    client = make_client(protect_reads=True)
    assert _sign_in(client, TOKEN) == 303
    assert client.get("/").status_code == 200
    return client


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Referer": "https://evil.example/page"},
    ],
    ids=["fetch-cross-site", "fetch-same-site", "origin", "null-origin", "referer"],
)
def test_a_cross_site_logout_is_refused(
    make_client: ClientFactory, headers: dict[str, str]
) -> None:
    client = _signed_in(make_client)
    response = client.post("/logout", headers=headers, follow_redirects=False)
    assert response.status_code == 403
    assert "set-cookie" not in response.headers
    assert client.get("/").status_code == 200  # still signed in


@pytest.mark.parametrize(
    "headers",
    [{"Sec-Fetch-Site": "same-origin"}, {"Origin": "http://testserver"}, {}],
    ids=["fetch-same-origin", "origin", "not-a-browser"],
)
def test_a_same_origin_logout_signs_out(
    make_client: ClientFactory, headers: dict[str, str]
) -> None:
    client = _signed_in(make_client)
    response = client.post("/logout", headers=headers, follow_redirects=False)
    assert response.status_code == 303
    assert client.get("/").status_code == 401
