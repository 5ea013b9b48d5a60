"""Short fictional articles for store tests."""

from __future__ import annotations

import datetime as dt

from newsloom.record import Article, Provenance, RelatedItem, RemovedSegment


def make_article(
    body: str = "The harbour council of Velmora approved a new ferry timetable on Monday.",
    *,
    title: str | None = "Velmora council approves ferry timetable",
    url: str | None = "https://velmora-gazette.example/ferry",
    canonical_url: str | None = None,
    input: str = "feeds/velmora.xml",
    locator: str = "entry-1",
    published: dt.date | dt.datetime | None = dt.date(2031, 3, 4),
    source: str | None = "Velmora Gazette",
    language: str | None = "en",
) -> Article:
    """A short fictional article; `body` paragraphs are separated by blank lines."""
    return Article(
        paragraphs=body.split("\n\n"),
        title=title,
        published=published,
        url=url,
        canonical_url=canonical_url,
        source=source,
        site="velmora-gazette.example",
        authors=["Ilse Marrow"],
        language=language,
        credits=["Photo: Tomas Quill"],
        related=[RelatedItem("Ferry fares to rise", "https://velmora-gazette.example/fares")],
        removed=[RemovedSegment("Subscribe to our newsletter", "boilerplate")],
        provenance=[Provenance(input, "feed", locator)],
    )
