"""Web UI: server-rendered pages at / (dashboard, search, articles, entities,
quotes, stories, events, places)."""

from __future__ import annotations

from fastapi import FastAPI

from newsloom.serve.ui import events, places, quotes, reviews, routes, stories
from newsloom.serve.ui.assets import register_api_docs, register_static
from newsloom.serve.ui.login import register_sign_in


def register(app: FastAPI) -> None:
    app.include_router(routes.router)
    app.include_router(events.router)
    app.include_router(places.router)
    app.include_router(stories.router)
    app.include_router(quotes.router)
    app.include_router(reviews.router)
    register_static(app)
    register_api_docs(app)
    register_sign_in(app)
