"""Receiving one uploaded file for `POST /api/ingest`, with a hard size limit.

The request body is counted as it arrives (Content-Length is not trusted): past the
limit plus room for the multipart framing the upload stops with 413, and the file part
itself is held to the limit exactly while it is copied to disk.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import AsyncGenerator
from dataclasses import dataclass
from pathlib import Path

from fastapi import HTTPException, Request, status
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser

from newsloom.serve.api.errors import invalid

FIELD = "file"
CHUNK_BYTES = 64 * 1024
# Multipart boundaries and part headers around the file; generous, still bounded.
FRAMING_BYTES = 64 * 1024
MAX_NAME_CHARS = 100


@dataclass(slots=True, frozen=True)
class Upload:
    name: str  # a safe file name (its extension tells the readers the format)
    path: Path
    sha256: str
    size: int


def too_large(limit: int) -> HTTPException:
    return HTTPException(
        status.HTTP_413_CONTENT_TOO_LARGE, f"the upload is larger than {limit} bytes"
    )


def safe_name(filename: str | None) -> str:
    """The base name with anything but letters, digits, dot, dash and underscore replaced."""
    base = re.split(r"[\\/]", filename or "")[-1]
    cleaned = re.sub(r"[^A-Za-z0-9._-]", "_", base).lstrip(".")[-MAX_NAME_CHARS:]
    return cleaned or "upload"


async def _limited(request: Request, limit: int) -> AsyncGenerator[bytes, None]:
    received = 0
    async for chunk in request.stream():
        received += len(chunk)
        if received > limit + FRAMING_BYTES:
            raise too_large(limit)
        yield chunk


async def receive_upload(request: Request, limit: int, folder: Path) -> Upload:
    """Parse the multipart body and write its `file` part into `folder`."""
    content_type = request.headers.get("content-type", "")
    if not content_type.lower().startswith("multipart/form-data"):
        raise HTTPException(
            status.HTTP_415_UNSUPPORTED_MEDIA_TYPE,
            f"send the file as multipart/form-data in a field named {FIELD!r}",
        )
    parser = MultiPartParser(request.headers, _limited(request, limit), max_files=1, max_fields=10)
    try:
        form = await parser.parse()
    except MultiPartException as error:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, error.message) from error
    try:
        part = form.get(FIELD)
        if not isinstance(part, UploadFile):
            raise invalid("body", FIELD, None, f"no file in the multipart field {FIELD!r}")
        return await _save(part, limit, folder)
    finally:
        await form.close()


async def _save(part: UploadFile, limit: int, folder: Path) -> Upload:
    name = safe_name(part.filename)
    path = folder / name
    digest = hashlib.sha256()
    size = 0
    with path.open("wb") as out:
        while chunk := await part.read(CHUNK_BYTES):
            size += len(chunk)
            if size > limit:
                raise too_large(limit)
            digest.update(chunk)
            out.write(chunk)
    return Upload(name=name, path=path, sha256=digest.hexdigest(), size=size)
