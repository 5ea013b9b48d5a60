"""Static files for the web UI: our own CSS/JS and a short list of third-party files.

Third-party browser files come from npm (`newsloom/serve/static/package.json`) and are
served from node_modules by name, never from a CDN (the API's /docs too). When they are
missing (npm was not run) the pages still work: charts stay plain tables, the map says it
is unavailable and /docs links the OpenAPI schema.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, HTTPException
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

STATIC_DIR = Path(__file__).parent.parent / "static"
NODE_MODULES = STATIC_DIR / "node_modules"

# The only files served from node_modules, by the name pages use under /static/vendor/.
VENDOR_FILES: dict[str, str] = {
    "chart.umd.min.js": "chart.js/dist/chart.umd.min.js",
    "topojson-client.min.js": "topojson-client/dist/topojson-client.min.js",
    "land-110m.json": "world-atlas/land-110m.json",
    "swagger-ui-bundle.js": "swagger-ui-dist/swagger-ui-bundle.js",
    "swagger-ui.css": "swagger-ui-dist/swagger-ui.css",
    "swagger-favicon.png": "swagger-ui-dist/favicon-32x32.png",
}
_MEDIA_TYPES = {
    ".js": "text/javascript",
    ".json": "application/json",
    ".css": "text/css",
    ".png": "image/png",
}


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


def register_api_docs(app: FastAPI) -> None:
    """`/docs`: Swagger UI from the local npm copy (swagger-ui-dist), so that the API's
    documentation works offline; the app is built with `docs_url=None, redoc_url=None`
    (FastAPI's own pages load from a CDN). Without npm the page says how to install it
    and links the schema."""

    @app.get("/docs", include_in_schema=False)
    def api_docs() -> HTMLResponse:
        openapi_url = app.openapi_url or "/openapi.json"
        if not (vendor_available("swagger-ui-bundle.js") and vendor_available("swagger-ui.css")):
            return HTMLResponse(
                "<!doctype html><title>newsloom API</title><p>Swagger UI is not installed"
                " (run <code>npm ci</code> in newsloom/serve/static). The schema is at"
                f' <a href="{openapi_url}">{openapi_url}</a>.</p>'
            )
        return get_swagger_ui_html(
            openapi_url=openapi_url,
            title=f"{app.title} API",
            swagger_js_url="/static/vendor/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui.css",
            swagger_favicon_url="/static/vendor/swagger-favicon.png",
        )
