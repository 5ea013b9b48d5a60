"""A CLI app with the fact commands, and a store of hand-made enriched articles."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from newsloom.cli import app as main_app
from newsloom.store import open_store
from tests.store.articles import make_enriched_article


def fact_app() -> typer.Typer:
    return main_app


def fact_store(path: Path) -> Path:
    """Two enriched articles sharing Tilda Quenby and Marlowe Sound."""
    second = make_enriched_article(
        "Crowds in Marlowe Sound cheered as Tilda Quenby cut the ribbon.",
        locator="entry-2",
        url="https://velmora-gazette.example/ribbon",
    )
    second.published = dt.date(2031, 3, 9)
    with open_store(path) as store:
        store.save(make_enriched_article())
        store.save(second)
    return path
