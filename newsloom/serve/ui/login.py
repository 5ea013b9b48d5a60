"""Signing a browser in: to read when the server protects reads (`newsloom serve
--protect-reads`), and to review facts on the article pages (`ui.reviews`) either way.

A browser cannot send `Authorization: Bearer`, so `/login` takes the token in a form
and sets an HttpOnly, SameSite=Strict cookie holding a keyed digest of it (see
`deps.session_value`). Any UI page a signed-out browser asks for answers 401 with the
sign-in form; the API keeps answering 401 JSON.

Guessing is slowed per client (`LoginThrottle`): after `LOGIN_FAILURES` wrong tokens in
`LOGIN_WINDOW_SECONDS`, `/login` answers 429 with `Retry-After` until the oldest of them
leaves the window, without trying the token. `/logout` only acts on a request from this
server's own pages (`same_origin`): another site cannot sign a reader out.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, FastAPI, Form, Request, status
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import HTTPException
from fastapi.responses import RedirectResponse, Response

from newsloom.serve.deps import SESSION_COOKIE, SettingsDep, session_value, token_matches
from newsloom.serve.settings import ServeSettings
from newsloom.serve.ui.render import SECURITY_HEADERS, render

router = APIRouter(include_in_schema=False)

MAX_TOKEN_CHARS = 1000
SESSION_SECONDS = 12 * 3600
# Wrong tokens one client may send in the window before `/login` answers 429.
LOGIN_FAILURES = 5
LOGIN_WINDOW_SECONDS = 300.0
# Clients whose failures are remembered at once; the longest quiet are forgotten first.
MAX_THROTTLED_CLIENTS = 10_000


class LoginThrottle:
    """Failed sign-ins per client address in a sliding window (thread-safe, in memory)."""

    def __init__(
        self,
        limit: int = LOGIN_FAILURES,
        window: float = LOGIN_WINDOW_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._guard = threading.Lock()

    def retry_after(self, client: str) -> int:
        """Seconds until the client may try again; 0 when it may now."""
        with self._guard:
            failures = self._recent(client)
            if len(failures) < self.limit:
                return 0
            return max(1, math.ceil(failures[0] + self.window - self.clock()))

    def failed(self, client: str) -> None:
        with self._guard:
            failures = self._recent(client)
            failures.append(self.clock())
            self._failures.pop(client, None)
            self._failures[client] = failures  # newest last, for eviction
            while len(self._failures) > MAX_THROTTLED_CLIENTS:
                del self._failures[next(iter(self._failures))]

    def succeeded(self, client: str) -> None:
        with self._guard:
            self._failures.pop(client, None)

    def _recent(self, client: str) -> deque[float]:
        failures = self._failures.get(client, deque())
        while failures and failures[0] <= self.clock() - self.window:
            failures.popleft()
        return failures


def _client(request: Request) -> str:
    return request.client.host if request.client else ""


def _throttle(request: Request) -> LoginThrottle:
    throttle: LoginThrottle = request.app.state.login_throttle
    return throttle


def same_origin(request: Request) -> bool:
    """Whether a browser sent the request from this server's own pages.

    `Sec-Fetch-Site` when the browser sends it (all current ones do); else `Origin`, else
    `Referer`, compared with the request's own host. The UI's `Referrer-Policy:
    no-referrer` makes some browsers send `Origin: null` even from the same origin; those
    also send `Sec-Fetch-Site`. A request with none of these headers is not from a browser
    (a script or curl), which cannot be tricked into sending it by another site.
    """
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    host = request.headers.get("host", "")
    for header in ("origin", "referer"):
        value = request.headers.get(header)
        if value is not None:
            return value != "null" and urlsplit(value).netloc == host and bool(host)
    return True


def local_path(target: str) -> str:
    """`target` when it is a path on this server, else `/`: never an open redirect."""
    if target.startswith("/") and not target.startswith(("//", "/\\")) and target.isprintable():
        return target
    return "/"


def reads_setting(settings: ServeSettings) -> str:
    """What the sign-in page says of reading: "protected" (sign in to read), "open"
    (every page reads without signing in; signing in lets an analyst review facts),
    "open-no-token" (open, and no token to sign in with) or "no-token" (protected, but
    no token is configured, so nobody can sign in)."""
    if not settings.protect_reads:
        return "open" if settings.token is not None else "open-no-token"
    return "protected" if settings.token is not None else "no-token"


def sign_in_page(
    settings: ServeSettings, next: str, error: str | None, code: int = status.HTTP_200_OK
) -> Response:
    """The sign-in form, its text true to the server's protect-reads setting."""
    return render(
        "login.html",
        code,
        page="login",
        next=next,
        error=error,
        reads=reads_setting(settings),
    )


@router.get("/login")
def login_form(settings: SettingsDep, next: str = "/") -> Response:
    return sign_in_page(settings, local_path(next), None)


@router.post("/login")
def login(
    request: Request,
    settings: SettingsDep,
    token: Annotated[str, Form(max_length=MAX_TOKEN_CHARS)],
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    target = local_path(next)
    client, throttle = _client(request), _throttle(request)
    wait = throttle.retry_after(client)
    if wait:
        blocked = sign_in_page(
            settings,
            target,
            f"Too many wrong tokens; try again in {wait} s.",
            status.HTTP_429_TOO_MANY_REQUESTS,
        )
        blocked.headers["Retry-After"] = str(wait)
        return blocked
    session = session_value(settings)
    if session is None or not token_matches(settings, token):
        throttle.failed(client)
        return sign_in_page(
            settings, target, "That token is not this server's.", status.HTTP_401_UNAUTHORIZED
        )
    throttle.succeeded(client)
    response = RedirectResponse(target, status.HTTP_303_SEE_OTHER, headers=SECURITY_HEADERS)
    response.set_cookie(
        SESSION_COOKIE,
        session,
        max_age=SESSION_SECONDS,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )
    return response


@router.post("/logout")
def logout(request: Request) -> Response:
    if not same_origin(request):
        return Response(
            "Sign out from this server's own pages.",
            status.HTTP_403_FORBIDDEN,
            headers=SECURITY_HEADERS,
            media_type="text/plain",
        )
    response = RedirectResponse("/login", status.HTTP_303_SEE_OTHER, headers=SECURITY_HEADERS)
    response.delete_cookie(SESSION_COOKIE, httponly=True, samesite="strict")
    return response


def register_sign_in(app: FastAPI) -> None:
    """The sign-in routes, and the sign-in form as the UI's answer to a 401."""
    app.state.login_throttle = LoginThrottle()
    app.include_router(router)

    @app.exception_handler(HTTPException)
    async def sign_in_on_401(request: Request, error: HTTPException) -> Response:
        wants_page = not request.url.path.startswith(("/api/", "/static/"))
        if error.status_code == status.HTTP_401_UNAUTHORIZED and wants_page:
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            settings = request.app.state.settings
            return sign_in_page(settings, local_path(target), None, status.HTTP_401_UNAUTHORIZED)
        return await http_exception_handler(request, error)
