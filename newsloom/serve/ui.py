"""Web UI: server-rendered pages at / (dashboard, search, articles, entities, events)."""

from __future__ import annotations

from fastapi import FastAPI

from newsloom.serve import ui_events, ui_places, ui_routes, ui_stories
from newsloom.serve.ui_assets import register_static
from newsloom.serve.ui_login import register_sign_in


def register(app: FastAPI) -> None:
    app.include_router(ui_routes.router)
    app.include_router(ui_events.router)
    app.include_router(ui_places.router)
    app.include_router(ui_stories.router)
    register_static(app)
    register_sign_in(app)
