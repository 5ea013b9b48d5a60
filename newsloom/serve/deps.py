"""Dependencies the routes share: the store and the access checks."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterator
from typing import Annotated

from fastapi import Cookie, Depends, Header, HTTPException, Request, status

from newsloom.serve.settings import ServeSettings
from newsloom.store import Store


def get_settings(request: Request) -> ServeSettings:
    settings: ServeSettings = request.app.state.settings
    return settings


def get_store(request: Request) -> Iterator[Store]:
    store: Store = request.app.state.store
    yield store


SettingsDep = Annotated[ServeSettings, Depends(get_settings)]
StoreDep = Annotated[Store, Depends(get_store)]


def token_matches(settings: ServeSettings, given: str | None) -> bool:
    """Constant-time comparison of a presented token with the configured one."""
    if settings.token is None or given is None:
        return False
    return hmac.compare_digest(settings.token.encode("utf-8"), given.encode("utf-8"))


def _bearer(authorization: str | None) -> str | None:
    if authorization and authorization.lower().startswith("bearer "):
        return authorization[7:].strip()
    return None


def require_write_token(
    settings: SettingsDep, authorization: Annotated[str | None, Header()] = None
) -> None:
    """Writes always need the token; with no token configured, writes are refused."""
    if not token_matches(settings, _bearer(authorization)):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "a valid token is needed (Authorization: Bearer <NEWSLOOM_TOKEN>)",
            headers={"WWW-Authenticate": "Bearer"},
        )


# The web UI's sign-in cookie (see ui_login): a browser cannot send the Bearer header.
SESSION_COOKIE = "newsloom_session"


def session_value(settings: ServeSettings) -> str | None:
    """What the sign-in cookie holds: a keyed digest of the token, never the token itself,
    so a leaked cookie does not give the token that `POST /api/ingest` needs."""
    if settings.token is None:
        return None
    return hmac.new(
        settings.token.encode("utf-8"), b"newsloom read session", hashlib.sha256
    ).hexdigest()


def session_matches(settings: ServeSettings, given: str | None) -> bool:
    expected = session_value(settings)
    if expected is None or given is None:
        return False
    return hmac.compare_digest(expected.encode("ascii"), given.encode("utf-8", "replace"))


def form_token(settings: ServeSettings) -> str | None:
    """What a signed-in browser's write forms carry (the review form): another keyed
    digest of the token, which a page of another site cannot read, so it cannot post
    the form in the analyst's name (besides the SameSite=Strict cookie and the origin
    check)."""
    if settings.token is None:
        return None
    return hmac.new(
        settings.token.encode("utf-8"), b"newsloom review form", hashlib.sha256
    ).hexdigest()


def form_token_matches(settings: ServeSettings, given: str | None) -> bool:
    expected = form_token(settings)
    if expected is None or given is None:
        return False
    return hmac.compare_digest(expected.encode("ascii"), given.encode("utf-8", "replace"))


def signed_in(
    settings: SettingsDep, session: Annotated[str | None, Cookie(alias=SESSION_COOKIE)] = None
) -> bool:
    """Whether this browser signed in with the token: an analyst, who may review facts
    (never ingest: that needs the token itself)."""
    return session_matches(settings, session)


SignedIn = Annotated[bool, Depends(signed_in)]


def require_read_access(
    settings: SettingsDep,
    authorization: Annotated[str | None, Header()] = None,
    session: Annotated[str | None, Cookie(alias=SESSION_COOKIE)] = None,
) -> None:
    """Reads need the token (header) or a signed-in browser (cookie) only when the server
    was told to protect them."""
    if not settings.protect_reads:
        return
    if token_matches(settings, _bearer(authorization)) or session_matches(settings, session):
        return
    raise HTTPException(
        status.HTTP_401_UNAUTHORIZED,
        "this server needs a token for reading",
        headers={"WWW-Authenticate": "Bearer"},
    )
