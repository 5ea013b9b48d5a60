"""`POST /api/ingest`: run the ingest pipeline on one uploaded file (token needed)."""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path
from typing import Annotated, Any, cast

from fastapi import APIRouter, Depends, Query, Request
from starlette.concurrency import run_in_threadpool

from newsloom.options import Options
from newsloom.pipeline import Pipeline
from newsloom.record import Article, Dropped, PendingFetch, Provenance, RunCounts
from newsloom.serve.api.models import IngestResult, RunCountsOut
from newsloom.serve.api.upload import FIELD, receive_upload
from newsloom.serve.deps import SettingsDep, StoreDep, require_write_token
from newsloom.store import SaveOutcome, Store

router = APIRouter(tags=["ingest"])

UPLOAD_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": [FIELD],
                    "properties": {
                        FIELD: {
                            "type": "string",
                            "format": "binary",
                            "description": "HTML, text, a feed, a WARC(.gz) or JSONL; "
                            "the format comes from the file name's extension, else sniffed.",
                        }
                    },
                }
            }
        },
    }
}


class _UploadRecorder:
    """Passes the pipeline's writes to the store, naming the input after the upload
    (not the temporary file) and noting the id of every article saved."""

    def __init__(self, store: Store, temp_path: str, label: str) -> None:
        self.store = store
        self.temp_path = temp_path
        self.label = label
        self.article_ids: list[str] = []

    def _rename(self, provenance: Provenance) -> Provenance:
        if provenance.input != self.temp_path:
            return provenance
        return dataclasses.replace(provenance, input=self.label)

    def start_run(self, inputs: list[str]) -> int:
        return self.store.start_run([self.label])

    def record_progress(self, run_id: int, counts: RunCounts) -> None:
        self.store.record_progress(run_id, counts)

    def finish_run(self, run_id: int, counts: RunCounts, status: str = "finished") -> None:
        self.store.finish_run(run_id, counts, status=status)

    def save(self, article: Article) -> SaveOutcome:
        article.provenance = [self._rename(p) for p in article.provenance]
        outcome = self.store.save(article)
        if article.id not in self.article_ids:
            self.article_ids.append(article.id)
        return outcome

    def save_pending(self, fetch: PendingFetch) -> bool:
        fetch.provenance = self._rename(fetch.provenance)
        return self.store.save_pending(fetch)

    def record_drop(self, run_id: int | None, dropped: Dropped) -> None:
        dropped.provenance = self._rename(dropped.provenance)
        self.store.record_drop(run_id, dropped)


def run_ingest(store: Store, path: Path, label: str, enrich: bool) -> IngestResult:
    recorder = _UploadRecorder(store, str(path), label)
    result = Pipeline(cast(Store, recorder), Options(enrich=enrich)).ingest([str(path)])
    return IngestResult(
        run_id=result.run_id,
        input=label,
        counts=RunCountsOut(**result.counts.to_dict()),
        article_ids=recorder.article_ids,
    )


@router.post(
    "/ingest",
    response_model=IngestResult,
    dependencies=[Depends(require_write_token)],
    openapi_extra=UPLOAD_BODY,
    responses={
        401: {"description": "No valid token (Authorization: Bearer <token>)."},
        413: {"description": "The upload is larger than the server allows."},
        415: {"description": "Not a multipart/form-data body."},
        503: {"description": "Another writer kept the store locked; retry after a while."},
    },
)
async def ingest(
    request: Request,
    settings: SettingsDep,
    store: StoreDep,
    enrich: Annotated[bool, Query(description="Run entity/quote/time enrichment.")] = True,
) -> IngestResult:
    """Store the articles in one uploaded file; returns the run's counts and article ids."""
    with tempfile.TemporaryDirectory(prefix="newsloom-upload-") as folder:
        upload = await receive_upload(request, settings.max_upload_bytes, Path(folder))
        label = f"upload:{upload.sha256[:16]}/{upload.name}"
        return await run_in_threadpool(run_ingest, store, upload.path, label, enrich)
