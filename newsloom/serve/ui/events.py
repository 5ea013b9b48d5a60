"""The events page and its CSV download.

Filters (PLOVER type, place, since/until days, minimum confidence: 0.5 unless asked
otherwise, so hypotheticals, plans and thin evidence stay out of the way) select the
events; the page shows a timeline (events per day and per type, through the `chart`
macro), the map (one marker per place, through `world_map`) and a table of one page of
events with the sentence each was coded from. `/events.csv` takes the same filters and
page and writes exactly the rows the table shows, with cells that a spreadsheet would
run as formulas defused.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse, Response

from newsloom.enrich.events.lexicon import PLOVER_CATEGORIES
from newsloom.serve.deps import StoreDep, require_read_access
from newsloom.serve.ui.render import SECURITY_HEADERS, render
from newsloom.store import Store
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
CSV_COLUMNS = (
    "date",
    "type",
    "mode",
    "source",
    "target",
    "place",
    "latitude",
    "longitude",
    "fatalities",
    "injured",
    "claimed_by",
    "confidence",
    "sentence",
    "article_id",
    "url",
    "published",
)
# A cell starting with one of these is a formula to a spreadsheet (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip()[:10]) if value.strip() else None
    except ValueError:
        return None


def _confidence(value: str) -> str:
    """One of the page's choices; anything else is the default."""
    choices = {v for v, _ in CONFIDENCE_CHOICES}
    value = value.strip()
    return value if value in choices else DEFAULT_CONFIDENCE


def _filters(
    type: str, place: str, since: str, until: str, confidence: str = DEFAULT_CONFIDENCE
) -> tuple[dict[str, str], EventFilter]:
    """The filters as shown in the form (cleaned) and as the store takes them."""
    category = type.strip().upper()
    category = category if category in EVENT_TYPES else ""
    place = place.strip()[:200]
    first, last = _day(since), _day(until)
    least = _confidence(confidence)
    shown = {
        "type": category,
        "place": place,
        "since": first.isoformat() if first else "",
        "until": last.isoformat() if last else "",
        "confidence": least,
    }
    return shown, EventFilter(
        type=category or None,
        since=first,
        until=last,
        place=place or None,
        min_confidence=float(least),
    )


@dataclass(slots=True, frozen=True)
class EventsQuery:
    """What the events page and its CSV were asked for: the filters as shown, for the
    store, and the page number."""

    shown: dict[str, str]
    filters: EventFilter
    number: int


def events_query(
    type: str = "",
    place: str = "",
    since: str = "",
    until: str = "",
    confidence: str = DEFAULT_CONFIDENCE,
    page: int = 1,
) -> EventsQuery:
    shown, filters = _filters(type, place, since, until, confidence)
    return EventsQuery(shown, filters, max(1, min(page, 10_000)))


Query = Annotated[EventsQuery, Depends(events_query)]


def _page_rows(store: Store, query: EventsQuery) -> tuple[list[EventRecord], bool]:
    offset = (query.number - 1) * PAGE_SIZE
    found = store.events(query.filters, limit=PAGE_SIZE + 1, offset=offset)
    return found[:PAGE_SIZE], len(found) > PAGE_SIZE


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
    rows, has_next = _page_rows(store, query)
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
        excerpt=excerpt,
        total=store.count_events(filters),
        number=query.number,
        has_next=has_next,
        per_day=sorted(per_day.items()),
        per_type=[(t, per_type[t]) for t in EVENT_TYPES if per_type[t]],
        markers=markers(store.events(filters, limit=MAP_LIMIT)),
    )


def safe_cell(value: object) -> str:
    """The cell's text, quoted with a leading `'` when a spreadsheet would run it."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_row(record: EventRecord) -> list[str]:
    event = record.event
    published = record.published.isoformat() if record.published is not None else None
    values: list[object] = [
        event.date,
        event.type,
        event.mode,
        event.source.text if event.source else None,
        event.target.text if event.target else None,
        record.place_name,
        record.latitude,
        record.longitude,
        event.fatalities,
        event.injured,
        event.claimed_by.text if event.claimed_by else None,
        round(event.confidence, 3),
        " ".join(record.sentence.split()),
        record.article_id,
        record.url,
        published,
    ]
    return [safe_cell(v) for v in values]


@router.get("/events.csv")
def events_csv(store: StoreDep, query: Query) -> Response:
    """The rows of the events table for the same filters and page."""
    rows, _ = _page_rows(store, query)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_row(r) for r in rows)
    headers = {**SECURITY_HEADERS, "Content-Disposition": 'attachment; filename="events.csv"'}
    return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)
