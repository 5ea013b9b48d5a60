"""Web UI: server-rendered pages at / (dashboard, search, articles, entities, events)."""

from __future__ import annotations

from fastapi import FastAPI

from newsloom.serve import ui_events, ui_routes
from newsloom.serve.ui_assets import register_static


def register(app: FastAPI) -> None:
    app.include_router(ui_routes.router)
    app.include_router(ui_events.router)
    register_static(app)
