"""The events page and its CSV download.

The events stage is not built yet, so the timeline is empty and the CSV has only its
header row; the page, its filters and its map already work and gain data later.
"""

from __future__ import annotations

import csv
import io

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse, Response

from newsloom.serve.deps import require_read_access
from newsloom.serve.ui_render import SECURITY_HEADERS, render

router = APIRouter(dependencies=[Depends(require_read_access)], include_in_schema=False)

EVENT_TYPES = ("protest", "election", "disaster", "conflict", "agreement", "court", "strike")
CSV_COLUMNS = (
    "id",
    "date",
    "type",
    "title",
    "place",
    "latitude",
    "longitude",
    "article_id",
    "confidence",
)


@router.get("/events", response_class=HTMLResponse)
def events_page(type: str = "", place: str = "", since: str = "", until: str = "") -> HTMLResponse:
    filters = {"type": type, "place": place, "since": since, "until": until}
    return render("events.html", page="events", filters=filters, types=EVENT_TYPES, events=[])


@router.get("/events.csv")
def events_csv(type: str = "", place: str = "", since: str = "", until: str = "") -> Response:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(CSV_COLUMNS)
    headers = {**SECURITY_HEADERS, "Content-Disposition": 'attachment; filename="events.csv"'}
    return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)
