"""`/api/runs`, `/api/drops`, and the routes of stages that have not run yet."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from newsloom.serve.api.models import DropList, DropOut, RunList, RunOut
from newsloom.serve.api.paging import (
    DEFAULT_LIMIT,
    TOTAL_CAP,
    Cursor,
    Limit,
    capped_total,
    cursor_offset,
    page_fields,
)
from newsloom.serve.deps import StoreDep

router = APIRouter(tags=["runs"])


@router.get("/runs", response_model=RunList)
def list_runs(store: StoreDep, limit: Limit = DEFAULT_LIMIT, cursor: Cursor = None) -> RunList:
    """The most recent ingest runs first, with their counts (the total counted up to 1000)."""
    offset = cursor_offset(cursor)
    runs = store.runs(limit=min(offset + limit + 1, TOTAL_CAP + 1))
    total, capped = capped_total(len(runs))
    page = runs[offset : offset + limit]
    more = len(runs) > offset + limit
    return RunList(
        items=[RunOut(**run.to_dict()) for run in page],
        **page_fields(offset, limit, total, more, capped),
    )


@router.get("/drops", response_model=DropList)
def list_drops(
    store: StoreDep,
    reason: Annotated[str | None, Query(max_length=40, description="e.g. empty, no_text")] = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> DropList:
    """Inputs that did not become articles, with their reason (the total counted up to
    1000)."""
    offset = cursor_offset(cursor)
    drops = store.drops(reason=reason, limit=min(offset + limit + 1, TOTAL_CAP + 1))
    total, capped = capped_total(len(drops))
    page = drops[offset : offset + limit]
    more = len(drops) > offset + limit
    return DropList(
        items=[DropOut(**d.to_dict()) for d in page],
        **page_fields(offset, limit, total, more, capped),
    )
