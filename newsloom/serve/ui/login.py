"""Signing a browser in when the server protects reads (`newsloom serve --protect-reads`).

A browser cannot send `Authorization: Bearer`, so `/login` takes the token in a form
and sets an HttpOnly, SameSite=Strict cookie holding a keyed digest of it (see
`deps.session_value`). Any UI page a signed-out browser asks for answers 401 with the
sign-in form; the API keeps answering 401 JSON.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, FastAPI, Form, Request, status
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import HTTPException
from fastapi.responses import RedirectResponse, Response

from newsloom.serve.deps import SESSION_COOKIE, SettingsDep, session_value, token_matches
from newsloom.serve.ui.render import SECURITY_HEADERS, render

router = APIRouter(include_in_schema=False)

MAX_TOKEN_CHARS = 1000
SESSION_SECONDS = 12 * 3600


def local_path(target: str) -> str:
    """`target` when it is a path on this server, else `/`: never an open redirect."""
    if target.startswith("/") and not target.startswith(("//", "/\\")) and target.isprintable():
        return target
    return "/"


@router.get("/login")
def login_form(next: str = "/") -> Response:
    return render("login.html", page="login", next=local_path(next), error=None)


@router.post("/login")
def login(
    request: Request,
    settings: SettingsDep,
    token: Annotated[str, Form(max_length=MAX_TOKEN_CHARS)],
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    target = local_path(next)
    session = session_value(settings)
    if session is None or not token_matches(settings, token):
        return render(
            "login.html",
            status.HTTP_401_UNAUTHORIZED,
            page="login",
            next=target,
            error="That token is not this server's.",
        )
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
def logout() -> Response:
    response = RedirectResponse("/login", status.HTTP_303_SEE_OTHER, headers=SECURITY_HEADERS)
    response.delete_cookie(SESSION_COOKIE, httponly=True, samesite="strict")
    return response


def register_sign_in(app: FastAPI) -> None:
    """The sign-in routes, and the sign-in form as the UI's answer to a 401."""
    app.include_router(router)

    @app.exception_handler(HTTPException)
    async def sign_in_on_401(request: Request, error: HTTPException) -> Response:
        wants_page = not request.url.path.startswith(("/api/", "/static/"))
        if error.status_code == status.HTTP_401_UNAUTHORIZED and wants_page:
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return render(
                "login.html",
                status.HTTP_401_UNAUTHORIZED,
                page="login",
                next=local_path(target),
                error=None,
            )
        return await http_exception_handler(request, error)
