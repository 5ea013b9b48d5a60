"""The places page: where the stored articles are, on the offline map, and a table of places.

Markers are server-rendered into the SVG (the `world_map` macro); map.js only draws
the land beneath them, so the page needs no inline script and works without JS.
"""

from __future__ import annotations

import math

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse

from newsloom.serve.deps import StoreDep, require_read_access
from newsloom.serve.ui.lists import Notices, Pager, export_links
from newsloom.serve.ui.render import render
from newsloom.serve.ui.reviews import wants_rejected
from newsloom.store.records import PlaceFilter, PlaceSummary

router = APIRouter(dependencies=[Depends(require_read_access)], include_in_schema=False)

KINDS = ("country", "admin", "city", "continent", "region")
PAGE_SIZE = 50
MAP_LIMIT = 500


def marker(place: PlaceSummary) -> dict[str, object]:
    """A map marker: larger for a place more articles name (log scale, capped)."""
    return {
        "latitude": place.latitude,
        "longitude": place.longitude,
        "label": f"{place.name}: {place.articles} article{'s' if place.articles != 1 else ''}",
        "href": f"/entities/{place.entity_id}",
        "radius": round(min(6.0, 1.5 + 0.8 * math.log2(place.articles)), 2),
    }


@router.get("/places", response_class=HTMLResponse)
def places_page(
    store: StoreDep,
    country: str = "",
    kind: str = "",
    q: str = "",
    since: str = "",
    until: str = "",
    include_rejected: str = "",
    cursor: str = "",
) -> HTMLResponse:
    """The places in most articles first (days: the articles' publication days, as in
    the API); a place mention an analyst rejected counts only when asked for
    (`include_rejected`)."""
    notices = Notices()
    first, last = notices.day("since", since), notices.day("until", until)
    showing = wants_rejected(include_rejected)
    country = country.strip().upper()[:2]
    kind = kind if kind in KINDS else ""
    q = q.strip()[:100]
    offset = notices.offset(cursor)
    filters = PlaceFilter(
        country=country or None,
        kind=kind or None,
        prefix=q or None,
        since=first,
        until=last,
        include_rejected=showing,
    )
    found = store.places(filters, limit=PAGE_SIZE, offset=offset)
    total = store.count_places(filters)
    params = {
        "country": country,
        "kind": kind,
        "q": q,
        "since": first.isoformat() if first else "",
        "until": last.isoformat() if last else "",
        "include_rejected": "true" if showing else "",
    }
    return render(
        "places.html",
        page="places",
        filters=params,
        kinds=KINDS,
        places=found,
        markers=[marker(p) for p in store.places(filters, limit=MAP_LIMIT)],
        total=total,
        pager=Pager("/places", params, offset, len(found), total, PAGE_SIZE),
        exports=export_links("places", params),
        notices=notices.messages,
    )
