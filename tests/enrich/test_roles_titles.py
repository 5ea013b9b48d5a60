"""Corporate offices keep their middle word: "chief financial officer", not "chief officer"."""

from __future__ import annotations

import pytest

import newsloom


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        (
            "Telvara chief financial officer Joss Hanley told analysts margins would improve.",
            "Joss Hanley",
            "chief financial officer",
        ),
        (
            "Marla Quent, chief operating officer of Brantwell, said sales fell.",
            "Marla Quent",
            "chief operating officer",
        ),
        (
            "The firm's chief technology officer, Ada Brisk, said the chips were late.",
            "Ada Brisk",
            "chief technology officer",
        ),
    ],
)
def test_officer_titles_keep_their_function(text: str, name: str, title: str) -> None:
    people = {e.name: e for e in newsloom.analyze(text).entities if e.type == "PERSON"}
    assert title in [r.title for r in people[name].roles]
