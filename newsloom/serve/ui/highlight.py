"""Article text with its facts highlighted, built from the fact offsets on the server.

The text is cut at every span boundary into pieces; each piece is escaped, and the
annotations covering it are opened as nested <mark> elements, outermost first (quotes,
then roles, entity and place mentions, then times and event triggers). Walking the pieces
in order keeps a stack of open marks: only the marks that change are closed and
reopened, so overlapping spans yield well-nested HTML, and a span crossing a paragraph
break is reopened inside the next paragraph.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from markupsafe import Markup, escape

from newsloom.record import Article, Event, Place

# Outermost first: a quote can hold entities and times, an entity can hold a time.
# A mention of a place resolved to coordinates is a `place` instead of an `entity`.
LEVELS = {"quote": 0, "role": 1, "entity": 2, "place": 2, "time": 3, "event": 3}

# Whether a fact (kind, record) is left out: one an analyst rejected (`ui.reviews`).
Hidden = Callable[[str, Any], bool]


def nothing_hidden(kind: str, fact: Any) -> bool:
    return False


@dataclass(slots=True, frozen=True)
class Annotation:
    kind: str  # quote, role, entity, place, time or event
    start: int
    end: int
    label: str  # what the span is: "PERSON Tilda Quenby", "direct quote by Oskar Veil"
    evidence: str  # the words in the text
    confidence: float
    css: str = ""
    link: str | None = None  # a page about it (the entity), when there is one
    anchor: str | None = None  # the id of its first <mark>, that the fact lists link to

    def sort_key(self) -> tuple[int, int, int, str]:
        return (LEVELS[self.kind], self.start, -self.end, self.label)

    def title(self) -> str:
        return f"{self.label} · evidence: “{self.evidence}” · confidence {self.confidence:.2f}"


def fact_annotations(article: Article, hidden: Hidden = nothing_hidden) -> list[Annotation]:
    """Every fact of the article that has a valid span inside its text and is not
    `hidden`; anchors count the hidden ones too, as the fact lists do."""
    text_length = len(article.text)
    found: list[Annotation] = []
    for n, quote in enumerate(article.quotes):
        if hidden("quote", quote):
            continue
        who = f" by {quote.speaker}" if quote.speaker else " (speaker unknown)"
        found.append(
            Annotation(
                "quote",
                quote.start,
                quote.end,
                f"{quote.kind} quote{who}",
                quote.text,
                quote.confidence,
                f"hl-quote hl-quote-{quote.kind}",
                _entity_link(quote.speaker_id),
                f"hl-quote-{n}",
            )
        )
    places = {place.entity_id: place for place in article.places if not hidden("place", place)}
    for e, entity in enumerate(article.entities):
        place = places.get(entity.id)
        mentions = [m for m in entity.mentions if not hidden("entity", m)]
        first = next((m for m in mentions if _valid(m.start, m.end, text_length)), None)
        for mention in mentions:
            kind, label, css = "entity", f"{entity.type} {entity.name}", ""
            if place is not None and mention.text[:1].isupper():
                kind, css = "place", " hl-place"
                country = f", {place.country}" if place.country else ""
                label = (
                    f"place {place.name} ({place.kind}{country})"
                    f" at {place.latitude:.4f}, {place.longitude:.4f}"
                )
            found.append(
                Annotation(
                    kind,
                    mention.start,
                    mention.end,
                    label,
                    mention.text,
                    mention.confidence
                    if place is None
                    else min(mention.confidence, place.confidence),
                    f"hl-entity hl-{entity.type.lower()}{css}",
                    _entity_link(entity.id),
                    f"hl-entity-{e}" if mention is first else None,
                )
            )
        for role in entity.roles:
            if hidden("role", role):
                continue
            where = "".join(
                f" {word} {value}" for word, value in (("of", role.of), ("to", role.to)) if value
            )
            found.append(
                Annotation(
                    "role",
                    role.start,
                    role.end,
                    f"role of {entity.name}: {role.title}{where}",
                    role.text,
                    role.confidence,
                    "hl-role",
                    _entity_link(entity.id),
                )
            )
    for n, time in enumerate(article.times):
        if hidden("time", time):
            continue
        found.append(
            Annotation(
                "time",
                time.start,
                time.end,
                f"{time.type} {time.value}",
                time.text,
                time.confidence,
                "hl-time",
                anchor=f"hl-time-{n}",
            )
        )
    for n, event in enumerate(article.events):
        if hidden("event", event):
            continue
        found.append(
            Annotation(
                "event",
                event.trigger_start,
                event.trigger_end,
                _event_label(event, places),
                article.text[event.start : event.end],
                event.confidence,
                "hl-event",
                anchor=f"hl-event-{n}",
            )
        )
    valid = [a for a in found if _valid(a.start, a.end, text_length)]
    return sorted(valid, key=Annotation.sort_key)


def _valid(start: int, end: int, text_length: int) -> bool:
    return 0 <= start < end <= text_length


def fact_anchors(article: Article, hidden: Hidden = nothing_hidden) -> dict[str, str]:
    """Where each listed fact's highlight is: `quote-0`, `entity-2`, `time-0`, `event-1`,
    `place-0` (a place's first mention) to the id of its first <mark>; a fact whose span
    is not in the text (or is hidden) has none, so its list row gets no link."""
    anchors = {
        a.anchor.removeprefix("hl-"): a.anchor
        for a in fact_annotations(article, hidden)
        if a.anchor is not None
    }
    by_entity = {entity.id: e for e, entity in enumerate(article.entities)}
    for p, place in enumerate(article.places):
        e = by_entity.get(place.entity_id)
        if e is not None and f"entity-{e}" in anchors and not hidden("place", place):
            anchors[f"place-{p}"] = anchors[f"entity-{e}"]
    return anchors


def _event_label(event: Event, places: dict[str, Place]) -> str:
    """`PROTEST: farmers → traffic, at Lyon, on 2025-11-03, 4 killed`: who did what to whom."""
    who = event.source.text if event.source else "?"
    whom = f" → {event.target.text}" if event.target else ""
    parts = [f"{event.type}{f' ({event.mode})' if event.mode else ''}: {who}{whom}"]
    place = places.get(event.place_id or "")
    if place is not None:
        parts.append(f"at {place.name}")
    if event.date:
        parts.append(f"on {event.date}")
    if event.fatalities:
        parts.append(f"{event.fatalities} killed")
    if event.injured:
        parts.append(f"{event.injured} injured")
    if event.claimed_by:
        parts.append(f"claimed by {event.claimed_by.text}")
    return ", ".join(parts)


def _entity_link(entity_id: str | None) -> str | None:
    return f"/entities/{entity_id}" if entity_id else None


def highlight_paragraphs(article: Article, hidden: Hidden = nothing_hidden) -> list[Markup]:
    """One highlighted HTML fragment per paragraph of the article."""
    spans = fact_annotations(article, hidden)
    anchored: set[str] = set()
    return [
        _highlight(paragraph, span.start, spans, anchored)
        for paragraph, span in zip(article.paragraphs, article.paragraph_spans(), strict=True)
    ]


def _highlight(paragraph: str, offset: int, spans: list[Annotation], anchored: set[str]) -> Markup:
    """One paragraph's HTML; an annotation's anchor id goes on its first <mark> only
    (`anchored` holds those given, across paragraphs), as a span can be reopened."""
    end = offset + len(paragraph)
    inside = [a for a in spans if a.start < end and a.end > offset]
    cuts = {0, len(paragraph)}
    for a in inside:
        cuts.add(max(a.start - offset, 0))
        cuts.add(min(a.end - offset, len(paragraph)))
    bounds = sorted(cuts)
    html: list[str] = []
    stack: list[Annotation] = []
    for piece_start, piece_end in pairwise(bounds):
        absolute = offset + piece_start
        wanted = [a for a in inside if a.start <= absolute < a.end]
        common = 0
        while common < min(len(stack), len(wanted)) and stack[common] is wanted[common]:
            common += 1
        html.extend("</mark>" for _ in stack[common:])
        html.extend(_open_tag(a, anchored) for a in wanted[common:])
        stack = wanted
        html.append(str(escape(paragraph[piece_start:piece_end])))
    html.extend("</mark>" for _ in stack)
    return Markup("".join(html))


def _open_tag(a: Annotation, anchored: set[str]) -> str:
    attributes: dict[str, str] = {}
    if a.anchor is not None and a.anchor not in anchored:
        anchored.add(a.anchor)
        attributes["id"] = a.anchor
    attributes |= {
        "class": f"hl {a.css}",
        "tabindex": "0",
        "title": a.title(),
        "data-kind": a.kind,
        "data-label": a.label,
        "data-evidence": a.evidence,
        "data-confidence": f"{a.confidence:.2f}",
    }
    if a.link:
        attributes["data-link"] = a.link
    rendered = " ".join(f'{name}="{escape(value)}"' for name, value in attributes.items())
    return f"<mark {rendered}>"
