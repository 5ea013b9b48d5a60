"""Ingesting the same pages in another order gives the same store (issue 10, case 8):
syndicated copies of one text under other URLs, dates and headlines become one article
showing the earliest copy, whichever page came first."""

from __future__ import annotations

import itertools
from pathlib import Path

from newsloom.pipeline import Pipeline
from tests.pipeline.test_pipeline import store_contents

BODY = "".join(
    f"<p>{sentence}</p>"
    for sentence in (
        "The lock keepers of the Tamsin canal reopened the upper gates on Monday after"
        " three weeks of repairs to the hinges, the waterways board said.",
        "Barges that had waited below the flight since the start of the month were let"
        " through in pairs, and the last of them reached the basin before dark.",
        "Keeper Osric Vale said the new hinges were cast at the foundry in Brackwater"
        " and fitted by hand, one gate at a time, to keep one side of the flight open.",
    )
)


def page(title: str, url: str, published: str) -> str:
    return (
        f"<!doctype html><html><head><title>{title}</title>"
        f'<link rel="canonical" href="{url}">'
        f'<meta property="article:published_time" content="{published}">'
        f"</head><body><article><h1>{title}</h1>{BODY}</article></body></html>"
    )


COPIES = {
    "wire.html": page("Canal gates reopen", "https://wire.example/canal", "2031-06-03"),
    "daily.html": page("Tamsin canal open again", "https://daily.example/c", "2031-06-02"),
    "weekly.html": page("Barges move on the Tamsin", "https://weekly.example/t", "2031-06-04"),
}


def test_copies_in_any_order_give_the_same_article(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, html in COPIES.items():
        (folder / name).write_text(html, encoding="utf-8")
    stores = []
    for number, names in enumerate(itertools.permutations(sorted(COPIES))):
        db = tmp_path / f"{number}.db"
        with Pipeline(db, stages=[]) as pipeline:
            counts = pipeline.ingest([folder / name for name in names]).counts
        assert (counts.stored, counts.merged) == (1, 2)
        stores.append(store_contents(db))
    assert all(contents == stores[0] for contents in stores)
    [article] = stores[0]
    assert (article["url"], article["title"]) == (
        "https://daily.example/c",
        "Tamsin canal open again",
    )
    assert article["published"].startswith("2031-06-02")
