"""Short fictional articles for store tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from newsloom.record import (
    Article,
    Entity,
    Mention,
    Place,
    Provenance,
    Quote,
    RelatedItem,
    RemovedSegment,
    Role,
    TimeExpression,
)


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


FERRY_BODY = (
    "Harbour master Tilda Quenby said the port of Marlowe Sound would reopen on Friday."
    "\n\n"
    '"Quenby has cleared the channel and the buoys are back," said Mayor Oskar Veil.'
    "\n\n"
    '"We expect the first ferry at dawn," Quenby told reporters in Marlowe Sound.'
)


def span(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the `nth` occurrence of `part` in `text`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def mention(text: str, part: str, nth: int = 0, confidence: float = 0.9) -> Mention:
    return Mention(part, *span(text, part, nth), confidence)


def quote(text: str, part: str, speaker: str | None, speaker_id: str | None) -> Quote:
    start, end = span(text, part)
    return Quote(part, "direct", start, end, cue="said", speaker=speaker, speaker_id=speaker_id)


def make_enriched_article(
    body: str = FERRY_BODY,
    *,
    locator: str = "entry-1",
    url: str | None = "https://velmora-gazette.example/ferry",
    **kwargs: Any,
) -> Article:
    """An article with hand-made facts: Quenby (quoted twice), Veil (quoted), a place, a time.

    Only the facts whose words appear in `body` are added.
    """
    article = make_article(body, locator=locator, url=url, **kwargs)
    text = article.text
    quenby = Entity("person:tilda-quenby", "Tilda Quenby", "PERSON", confidence=0.95)
    quenby.mentions = [
        mention(text, p, n)
        for p, n in (("Tilda Quenby", 0), ("Quenby", 1), ("Quenby", 2))
        if text.count(p) > n
    ]
    if "Harbour master" in text:
        quenby.roles = [Role("harbour master", "Harbour master", *span(text, "Harbour master"))]
    veil = Entity("person:oskar-veil", "Oskar Veil", "PERSON")
    veil.mentions = [mention(text, "Oskar Veil")] if "Oskar Veil" in text else []
    if "Mayor" in text:
        veil.roles = [Role("mayor", "Mayor", *span(text, "Mayor"), of="Marlowe Sound")]
    sound = Entity("gpe:marlowe-sound", "Marlowe Sound", "GPE")
    sound.mentions = [mention(text, "Marlowe Sound", n) for n in range(text.count("Marlowe Sound"))]
    article.entities = [e for e in (quenby, veil, sound) if e.mentions]
    if sound.mentions:  # an invented town, placed on the map by hand
        first = sound.mentions[0]
        article.places = [
            Place(
                "gpe:marlowe-sound",
                "Marlowe Sound",
                57.25,
                -4.5,
                "city",
                first.text,
                first.start,
                first.end,
                "GB",
                confidence=0.8,
            )
        ]
    said_by_veil = "Quenby has cleared the channel and the buoys are back,"
    said_by_quenby = "We expect the first ferry at dawn,"
    article.quotes = []
    if said_by_veil in text:
        article.quotes.append(quote(text, said_by_veil, "Oskar Veil", veil.id))
    if said_by_quenby in text:
        found = quote(text, said_by_quenby, "Quenby", quenby.id)
        found.date = "2031-03-07"
        found.speaker_span = span(text, "Quenby", 2)
        article.quotes.append(found)
    if "on Friday" in text:
        article.times = [
            TimeExpression("on Friday", "2031-03-07", "DATE", *span(text, "on Friday"))
        ]
    article.enrichment = "done"
    return article
