"""The places page: where the stored articles are, on the offline map."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from newsloom.serve.deps import require_read_access

router = APIRouter(dependencies=[Depends(require_read_access)], include_in_schema=False)
