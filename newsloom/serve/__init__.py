"""`newsloom serve`: the REST API (`/api/...`) and the web UI (`/`) on one FastAPI app."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, status
from fastapi.responses import JSONResponse

from newsloom.serve.settings import ServeSettings
from newsloom.store import StoreBusy, StoreUnavailable, open_store

# What a client told the store is busy is asked to wait before trying again.
BUSY_RETRY_SECONDS = 30

__all__ = ["ServeSettings", "create_app"]


def create_app(settings: ServeSettings | None = None) -> FastAPI:
    settings = settings or ServeSettings.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # The store is opened with the app (so a client without lifespan events works) and
        # closed at shutdown; a server started again reopens it.
        if app.state.store is None:
            app.state.store = open_store(settings.store, lock_wait=settings.lock_wait)
        yield
        app.state.store.close()
        app.state.store = None

    # /docs is Swagger UI from local files (`ui.assets.register_api_docs`), not a CDN.
    app = FastAPI(
        title="newsloom", version="0.1.0", lifespan=lifespan, docs_url=None, redoc_url=None
    )
    app.state.settings = settings
    app.state.store = open_store(settings.store, lock_wait=settings.lock_wait)
    _register_routes(app)

    @app.exception_handler(StoreBusy)
    @app.exception_handler(StoreUnavailable)
    async def store_busy(request: Request, error: Exception) -> JSONResponse:
        return JSONResponse(
            {"detail": f"the store is busy or unavailable: {error}; try again later"},
            status.HTTP_503_SERVICE_UNAVAILABLE,
            headers={"Retry-After": str(BUSY_RETRY_SECONDS)},
        )

    return app


def _register_routes(app: FastAPI) -> None:
    # Each part registers its own routers, explicitly (no import side effects).
    from newsloom.serve import api, ui

    api.register(app)
    ui.register(app)
