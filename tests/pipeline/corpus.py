"""Invented articles for pipeline tests, generated so that each one is distinct."""

from __future__ import annotations

import random
from pathlib import Path

TOWNS = ["Velmora", "Ostrand", "Kellburgh", "Marnis", "Tobrek", "Halvey", "Quillon", "Dessa"]
SUBJECTS = ["port workers", "the water board", "city council", "farmers", "the rail union"]
VERBS = ["voted to extend", "rejected", "proposed", "delayed", "approved"]
OBJECTS = ["a new levy", "the harbour plan", "a wage deal", "the flood barrier", "a bus route"]


def article_html(index: int) -> str:
    rng = random.Random(index)
    town = rng.choice(TOWNS)
    sentences = [
        f"{rng.choice(SUBJECTS).capitalize()} in {town} {rng.choice(VERBS)} "
        f"{rng.choice(OBJECTS)} on day {index}, officials said in a statement."
        for _ in range(4)
    ]
    paragraphs = "".join(
        f"<p>{s} The decision number {index}-{i} follows months of talks between the two "
        f"sides, who met again this week to settle the remaining points.</p>"
        for i, s in enumerate(sentences)
    )
    return (
        f"<!doctype html><html><head><title>{town} story {index}</title>"
        f'<meta property="article:published_time" content="2024-03-{1 + index % 28:02d}">'
        f"</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{town} story {index}</h1>{paragraphs}</article>"
        f"<footer>Copyright Example News. All rights reserved.</footer></body></html>"
    )


def write_corpus(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        (folder / f"page{index:05d}.html").write_text(article_html(index), encoding="utf-8")
    return folder
