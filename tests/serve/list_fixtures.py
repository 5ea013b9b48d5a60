"""A store with more of every fact than one page shows (no tests here): `LIST_COUNT`
invented articles, each with its own warden (a person, quoted), its own town (a place
on the map), one protest and its own story, and all naming the Pellam Harbour Board, so
that every list of the UI and the API has a second page."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from newsloom.record import Entity, Event, Mention, Place, Quote
from newsloom.store import open_store
from tests.store.articles import make_article

LIST_COUNT = 55
FIRST_DAY = dt.date(2031, 1, 1)
BOARD = "Pellam Harbour Board"
# Invented words for each article's own filler, so no two articles read as one story.
SYLLABLES = ("vor", "qua", "len", "tis", "mar", "ock", "ril", "dun", "sef", "ba", "gor", "ith")


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))


def _name(n: int) -> str:
    """An invented surname of its own for article `n` (letters only, no digits)."""
    letters = "".join(SYLLABLES[int(d)] for d in f"{n:02d}")
    return letters.capitalize()


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def build_list_store(path: Path) -> Path:
    rng = random.Random(7)
    with open_store(str(path)) as store:
        for n in range(LIST_COUNT):
            warden = f"Keld {_name(n)}"
            town = f"{_name(n)}ford"
            said = "The quay is safe again,"
            filler = " ".join(_word(rng) for _ in range(40))
            body = (
                f"Warden {warden} said the {BOARD} would reopen the quay of {town}."
                f"\n\nCrowds rallied against the port tax in {town} on Monday."
                f'\n\n"{said}" said {warden}.'
                f"\n\n{filler.capitalize()}."
            )
            article = make_article(
                body,
                title=f"Quay of {town} to reopen",
                url=f"https://pellam-post.example/quay-{n}",
                locator=f"quay-{n}",
                published=FIRST_DAY + dt.timedelta(days=n),
                source=None,
            )
            text = article.text
            person = Entity(f"person:keld-{_name(n).lower()}", warden, "PERSON")
            person.mentions = [Mention(warden, *_span(text, warden))]
            place = Entity(f"gpe:{town.lower()}", town, "GPE")
            place.mentions = [Mention(town, *_span(text, town))]
            board = Entity("org:pellam-harbour-board", BOARD, "ORG")
            board.mentions = [Mention(BOARD, *_span(text, BOARD))]
            article.entities = [person, place, board]
            at = _span(text, town)
            article.places = [
                Place(place.id, town, 50.0 + n / 10, 4.0 + n / 10, "city", town, *at, "GB")
            ]
            article.quotes = [
                Quote(
                    said,
                    "direct",
                    *_span(text, said),
                    cue="said",
                    speaker=warden,
                    speaker_id=person.id,
                )
            ]
            sentence = f"Crowds rallied against the port tax in {town} on Monday."
            start, end = _span(text, sentence)
            article.events = [
                Event(
                    type="PROTEST",
                    trigger="rallied",
                    trigger_span=_span(text, "rallied"),
                    start=start,
                    end=end,
                    place_id=place.id,
                    date=(FIRST_DAY + dt.timedelta(days=n)).isoformat(),
                    confidence=0.9,
                )
            ]
            article.enrichment = "done"
            store.save(article)
    return path
