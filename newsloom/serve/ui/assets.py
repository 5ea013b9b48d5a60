"""Static files for the web UI: our own CSS/JS and a short list of third-party files.

Third-party browser files come from npm (`newsloom/serve/static/package.json`) and are
served from node_modules by name, never from a CDN. When they are missing (npm was not
run) the pages still work: charts stay plain tables and the map says it is unavailable.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, HTTPException
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

STATIC_DIR = Path(__file__).parent.parent / "static"
NODE_MODULES = STATIC_DIR / "node_modules"

# The only files served from node_modules, by the name pages use under /static/vendor/.
VENDOR_FILES: dict[str, str] = {
    "chart.umd.min.js": "chart.js/dist/chart.umd.min.js",
    "topojson-client.min.js": "topojson-client/dist/topojson-client.min.js",
    "land-110m.json": "world-atlas/land-110m.json",
}
_MEDIA_TYPES = {".js": "text/javascript", ".json": "application/json"}


def vendor_path(name: str) -> Path | None:
    relative = VENDOR_FILES.get(name)
    if relative is None:
        return None
    path = NODE_MODULES / relative
    return path if path.is_file() else None


def vendor_available(name: str) -> bool:
    return vendor_path(name) is not None


def register_static(app: FastAPI) -> None:
    @app.get("/static/vendor/{name}", include_in_schema=False)
    def vendor_file(name: str) -> FileResponse:
        path = vendor_path(name)
        if path is None:
            raise HTTPException(404, "asset not installed (run npm ci in newsloom/serve/static)")
        return FileResponse(
            path,
            media_type=_MEDIA_TYPES[path.suffix],
            headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "max-age=3600"},
        )

    app.mount("/static", StaticFiles(directory=STATIC_DIR / "ui"), name="static")
