"""`/api/runs`, `/api/drops`, and the routes of stages that have not run yet."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from newsloom.serve.api.models import DropList, DropOut, RunList, RunOut
from newsloom.serve.deps import StoreDep

router = APIRouter(tags=["runs"])


@router.get("/runs", response_model=RunList)
def list_runs(store: StoreDep, limit: Annotated[int, Query(ge=1, le=100)] = 10) -> RunList:
    """The most recent ingest runs first, with their counts."""
    return RunList(items=[RunOut(**run.to_dict()) for run in store.runs(limit=limit)])


@router.get("/drops", response_model=DropList)
def list_drops(
    store: StoreDep,
    reason: Annotated[str | None, Query(max_length=40, description="e.g. empty, no_text")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> DropList:
    """Inputs that did not become articles, with their reason."""
    return DropList(items=[DropOut(**d.to_dict()) for d in store.drops(reason=reason, limit=limit)])
