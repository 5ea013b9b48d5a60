"""The events page and its CSV download.

Filters (PLOVER type, place, since/until days, minimum confidence: 0.5 unless asked
otherwise, so hypotheticals, plans and thin evidence stay out of the way) select the
events; the page shows a timeline (events per day and per type, through the `chart`
macro), the map (one marker per place, through `world_map`) and a table of one page of
events with the sentence each was coded from, paged by cursor. Its export links (and
`/events.csv`) hold every event the filters match, not only the page shown
(`newsloom.serve.exports`: ACLED's columns, cells that a spreadsheet would run as
formulas defused). A day that is no day is left out with a notice on the page. Events an
analyst rejected are left out unless asked for (`include_rejected`); each row shows its
review.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse, StreamingResponse

from newsloom.enrich.events.lexicon import PLOVER_CATEGORIES
from newsloom.serve.deps import StoreDep, require_read_access
from newsloom.serve.exports import EVENT_COLUMNS, MEDIA_TYPES, Export, encode, event_rows
from newsloom.serve.ui.lists import Notices, Pager, export_links
from newsloom.serve.ui.queries import time_axis
from newsloom.serve.ui.render import SECURITY_HEADERS, render
from newsloom.serve.ui.reviews import verdicts_of, wants_rejected
from newsloom.store.records import EventFilter, EventRecord

router = APIRouter(dependencies=[Depends(require_read_access)], include_in_schema=False)

EVENT_TYPES = PLOVER_CATEGORIES
PAGE_SIZE = 50
# The "minimum confidence" choices of the page (value, label); the first of DEFAULT's
# value is the default. Below 0.5 sit hypotheticals, plans and thinly evidenced events.
CONFIDENCE_CHOICES = (
    ("0", "any"),
    ("0.3", "0.3"),
    ("0.5", "0.5 (default)"),
    ("0.7", "0.7"),
    ("0.9", "0.9"),
)
DEFAULT_CONFIDENCE = "0.5"
MAP_LIMIT = 500
EXCERPT_CHARS = 200


def _confidence(value: str) -> str:
    """One of the page's choices; anything else is the default."""
    choices = {v for v, _ in CONFIDENCE_CHOICES}
    value = value.strip()
    return value if value in choices else DEFAULT_CONFIDENCE


@dataclass(slots=True, frozen=True)
class EventsQuery:
    """What the events page and its CSV were asked for: the filters as shown, for the
    store and for the export, the offset and notices about values left out."""

    shown: dict[str, str]
    filters: EventFilter
    offset: int
    notices: Notices

    @property
    def export_params(self) -> dict[str, str]:
        shown = self.shown
        return {
            "type": shown["type"],
            "place": shown["place"],
            "since": shown["since"],
            "until": shown["until"],
            "min_confidence": shown["confidence"],
            "include_rejected": shown["include_rejected"],
        }


def events_query(
    type: str = "",
    place: str = "",
    since: str = "",
    until: str = "",
    confidence: str = DEFAULT_CONFIDENCE,
    include_rejected: str = "",
    cursor: str = "",
) -> EventsQuery:
    notices = Notices()
    category = type.strip().upper()
    category = category if category in EVENT_TYPES else ""
    place = place.strip()[:200]
    first, last = notices.day("since", since), notices.day("until", until)
    least = _confidence(confidence)
    shown = {
        "type": category,
        "place": place,
        "since": first.isoformat() if first else "",
        "until": last.isoformat() if last else "",
        "confidence": least,
        "include_rejected": "true" if wants_rejected(include_rejected) else "",
    }
    filters = EventFilter(
        type=category or None,
        since=first,
        until=last,
        place=place or None,
        min_confidence=float(least),
        include_rejected=wants_rejected(include_rejected),
    )
    return EventsQuery(shown, filters, notices.offset(cursor), notices)


Query = Annotated[EventsQuery, Depends(events_query)]


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def markers(records: Iterable[EventRecord]) -> list[dict[str, Any]]:
    """One marker per place: its events counted, larger for more (log scale, capped)."""
    counts: Counter[tuple[float, float, str, str]] = Counter()
    for r in records:
        if r.latitude is not None and r.longitude is not None:
            key = (r.latitude, r.longitude, r.place_name or "", r.event.place_id or "")
            counts[key] += 1
    return [
        {
            "latitude": lat,
            "longitude": lon,
            "label": f"{name}: {n} event{'s' if n != 1 else ''}",
            "href": f"/events?place={place_id}",
            "radius": round(min(6.0, 1.5 + 0.8 * math.log2(n)), 2),
        }
        for (lat, lon, name, place_id), n in counts.most_common()
    ]


@router.get("/events", response_class=HTMLResponse)
def events_page(store: StoreDep, query: Query) -> HTMLResponse:
    filters = query.filters
    rows = store.events(filters, limit=PAGE_SIZE, offset=query.offset)
    total = store.count_events(filters)
    days = store.event_days(filters)
    per_day: Counter[str] = Counter()
    per_type: Counter[str] = Counter()
    for day, category, n in days:
        per_day[day] += n
        per_type[category] += n
    return render(
        "events.html",
        page="events",
        filters=query.shown,
        types=EVENT_TYPES,
        confidences=CONFIDENCE_CHOICES,
        events=rows,
        verdicts=verdicts_of(store, "event", [(r.article_id, *r.event.trigger_span) for r in rows]),
        excerpt=excerpt,
        total=total,
        pager=Pager("/events", query.shown, query.offset, len(rows), total, PAGE_SIZE),
        exports=export_links("events", query.export_params),
        notices=query.notices.messages,
        # Events whose date is no single day (a month, a year) are counted, not drawn.
        per_day=time_axis([*per_day.items(), (None, max(total - sum(per_day.values()), 0))]),
        per_type=[(t, per_type[t]) for t in EVENT_TYPES if per_type[t]],
        markers=markers(store.events(filters, limit=MAP_LIMIT)),
    )


@router.get("/events.csv")
def events_csv(store: StoreDep, query: Query) -> StreamingResponse:
    """Every event the filters match (not only the page shown), as `/api/export/events`."""
    export = Export("events", EVENT_COLUMNS, event_rows(store, query.filters))
    headers = {**SECURITY_HEADERS, "Content-Disposition": 'attachment; filename="events.csv"'}
    return StreamingResponse(encode(export, "csv"), media_type=MEDIA_TYPES["csv"], headers=headers)
