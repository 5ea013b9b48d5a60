"""Web UI routes (being written)."""

from __future__ import annotations

from fastapi import FastAPI


def register(app: FastAPI) -> None:
    return None
