"""Dependencies the routes share: the store and the access checks."""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request, status

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


def require_read_access(
    settings: SettingsDep, authorization: Annotated[str | None, Header()] = None
) -> None:
    """Reads need the token only when the server was told to protect them."""
    if settings.protect_reads and not token_matches(settings, _bearer(authorization)):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "this server needs a token for reading",
            headers={"WWW-Authenticate": "Bearer"},
        )
