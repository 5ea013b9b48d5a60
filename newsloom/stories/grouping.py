"""Which articles are copies, which report the same event, and how links fold into stories.

Two kinds of link between a pair of articles, both symmetric so the grouping does not
depend on the order articles arrive in:

* `copy`: estimated Jaccard of word 3-gram shingles >= `COPY_JACCARD` (a syndicated copy:
  new headline, editor's note, boilerplate, a cut paragraph, light edits). No time limit: a
  wire story re-published a week later is still the same text.
* `event`: both dated within `WINDOW_DAYS` of each other and either sharing much text
  (Jaccard >= `EVENT_JACCARD`, a rewrite of the same wire copy) or sharing at least
  `MIN_SHARED_TERMS` distinctive entities and enough title/lede words (`LEDE_JACCARD`).
  An entity is distinctive when at most `TERM_WINDOW_CAP` articles in the window name it,
  which keeps "United States" from joining every article of a week.

A story is a connected group over both kinds of link; inside it, each connected group of
copy links is folded onto its earliest member (`copy_of`). The story is named after its
first member (earliest published, undated last, then lowest id), so the same set of
articles always gives the same story id and copy_of, whatever the order of saving.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from newsloom.record import Article, normalize_for_hash

COPY_JACCARD: Final = 0.7
EVENT_JACCARD: Final = 0.5
WINDOW_DAYS: Final = 3
MIN_SHARED_TERMS: Final = 2
LEDE_JACCARD: Final = 0.15
TERM_WINDOW_CAP: Final = 50
# Nationalities and groups ("Ukrainian", "Democrats") say little about which event it is.
GENERIC_ENTITY_TYPES: Final = frozenset({"NORP"})
LEDE_MIN_LENGTH: Final = 3

COPY: Final = "copy"
EVENT: Final = "event"

_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class Member:
    """What folding needs of one article: its id and its sort key (`published_key`)."""

    id: str
    published_key: str

    @property
    def order(self) -> tuple[bool, str, str]:
        """Earliest first; undated articles (empty key) after every dated one."""
        return (self.published_key == "", self.published_key, self.id)


@dataclass(frozen=True, slots=True)
class Link:
    a: str
    b: str
    kind: str
    similarity: float


@dataclass(frozen=True, slots=True)
class Placement:
    """One article's place in its story."""

    story_id: str
    copy_of: str | None
    similarity: float


def event_terms(article: Article) -> list[str]:
    """The names of the article's entities that can tie it to an event (sorted, each once).

    The name part of the id only (`lyon` for `gpe:lyon`): the small model types the same
    name differently from one article to the next (Lyon as a place here, an organisation
    in an all-capitals dateline there), and the name alone already says who or where.
    """
    return sorted(
        {e.id.split(":", 1)[-1] for e in article.entities if e.type not in GENERIC_ENTITY_TYPES}
    )


def lede_words(article: Article) -> frozenset[str]:
    """Content words of the headline and first paragraph: what the event is about."""
    first = article.paragraphs[0] if article.paragraphs else ""
    text = normalize_for_hash(f"{article.title or ''} {first}")
    stop_words = _stop_words()
    return frozenset(
        w for w in _WORD.findall(text) if len(w) >= LEDE_MIN_LENGTH and w not in stop_words
    )


@functools.cache
def _stop_words() -> frozenset[str]:
    """spaCy's English stop words, imported at first use: importing spaCy costs the
    store's writer about a second, before its workers can start, when it is imported
    with the store."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def word_jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    left, right = set(a), set(b)
    union = left | right
    return len(left & right) / len(union) if union else 0.0


def within_window(day_a: str | None, day_b: str | None) -> bool:
    """Both days known and at most `WINDOW_DAYS` apart."""
    if not day_a or not day_b:
        return False
    gap = dt.date.fromisoformat(day_a) - dt.date.fromisoformat(day_b)
    return abs(gap.days) <= WINDOW_DAYS


def text_link(jaccard: float, day_a: str | None, day_b: str | None) -> str | None:
    """The link two articles' text similarity makes: copy, event, or none."""
    if jaccard >= COPY_JACCARD:
        return COPY
    if jaccard >= EVENT_JACCARD and within_window(day_a, day_b):
        return EVENT
    return None


def same_event(shared_terms: int, lede_a: Iterable[str], lede_b: Iterable[str]) -> float | None:
    """The lede overlap when two in-window articles count as one event, else None."""
    if shared_terms < MIN_SHARED_TERMS:
        return None
    overlap = word_jaccard(lede_a, lede_b)
    return overlap if overlap >= LEDE_JACCARD else None


def fold(members: Iterable[Member], links: Iterable[Link]) -> dict[str, Placement]:
    """Place every member of one connected story: story id, copy_of and similarity."""
    ordered = sorted(members, key=lambda m: m.order)
    if not ordered:
        return {}
    rank = {m.id: i for i, m in enumerate(ordered)}
    parent = {m.id: m.id for m in ordered}

    def root(node: str) -> str:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    strongest: dict[str, float] = {}
    for link in links:
        if link.a not in rank or link.b not in rank:
            continue
        for end in (link.a, link.b):
            strongest[end] = max(strongest.get(end, 0.0), link.similarity)
        if link.kind == COPY:
            left, right = root(link.a), root(link.b)
            if left != right:
                # The earlier article becomes the root, so the root is a group's earliest.
                first, second = sorted((left, right), key=rank.__getitem__)
                parent[second] = first
    story_id = ordered[0].id
    placements = {}
    for member in ordered:
        head = root(member.id)
        placements[member.id] = Placement(
            story_id,
            None if head == member.id else head,
            round(strongest.get(member.id, 1.0), 4),
        )
    return placements
