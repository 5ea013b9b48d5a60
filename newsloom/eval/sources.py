"""Reading dataset files: gold JSON and page inputs (gzip HTML or UTF-8 text)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

from newsloom.eval.runner import DatasetLayoutError
from newsloom.ingest.encoding import decode_bytes


def load_gold(folder: Path, name: str) -> dict[str, Any]:
    """The gold JSON object of a set; a missing or malformed file is a layout error."""
    path = folder / name
    if not path.is_file():
        raise DatasetLayoutError(f"{name} not found in {folder}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DatasetLayoutError(f"{path} is not readable JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise DatasetLayoutError(f"{path} must hold a JSON object")
    return data


def read_gzip_html(path: Path) -> str:
    """A gzip-compressed page decoded the way newsloom's readers decode bytes."""
    try:
        raw = gzip.decompress(path.read_bytes())
    except (gzip.BadGzipFile, EOFError) as exc:
        raise OSError(f"{path} is not valid gzip: {exc}") from exc
    return decode_bytes(raw).text


def read_utf8_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise OSError(f"{path} is not UTF-8: {exc}") from exc
