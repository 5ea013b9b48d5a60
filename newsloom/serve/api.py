"""REST API routes under /api (being written)."""

from __future__ import annotations

from fastapi import FastAPI


def register(app: FastAPI) -> None:
    return None
