"""REST API routes under /api: JSON everywhere, typed response models for /openapi.json.

Reads need the token only when the server protects reads; `POST /api/ingest` always
needs it. Bad query values answer 422 with a `detail`, unknown ids 404. Every list pages
the same way (`paging`) and exports every row under `/api/export/{kind}` (`export`).
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, FastAPI

from newsloom.serve.api import (
    articles,
    entities,
    events,
    export,
    ingest,
    places,
    reviews,
    runs,
    stories,
)
from newsloom.serve.deps import require_read_access

PREFIX = "/api"


def register(app: FastAPI) -> None:
    reads = APIRouter(dependencies=[Depends(require_read_access)])
    for part in (articles, entities, places, events, stories, runs, export, reviews):
        reads.include_router(part.router)
    reads.include_router(articles.article_router())
    app.include_router(reads, prefix=PREFIX)
    app.include_router(ingest.router, prefix=PREFIX)
    app.include_router(reviews.write_router, prefix=PREFIX)
