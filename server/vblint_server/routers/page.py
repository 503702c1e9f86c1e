"""``GET /``: the writing-assistant page, and ``/docs``; every asset from the package itself.

Nothing is fetched from the internet: the page's script and styles, and Swagger UI's, are
served here, so both work on a network with no way out. Swagger UI comes from the
``fastapi-offline`` package, whose 5.x bundle renders the OpenAPI 3.1 document FastAPI writes
(the 4.x of ``swagger-ui-bundle`` showed only an error for it).
"""

from __future__ import annotations

import importlib.resources
from functools import lru_cache

from fastapi import APIRouter, Response
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

from vblint_server.errors import ApiError

router = APIRouter(include_in_schema=False)

# The page's script is a module (app.js) importing the others: ``wording.mjs`` works out what an
# accepted rewrite inserts, ``cards.mjs`` draws a finding's card, ``editor.mjs`` makes the edit
# undoable, ``dismissals.mjs`` keeps what the writer dismissed. Only these names are served.
PAGE_ASSETS = {
    "app.js": "text/javascript; charset=utf-8",
    "cards.mjs": "text/javascript; charset=utf-8",
    "dismissals.mjs": "text/javascript; charset=utf-8",
    "editor.mjs": "text/javascript; charset=utf-8",
    "wording.mjs": "text/javascript; charset=utf-8",
    "app.css": "text/css; charset=utf-8",
}
DOCS_ASSETS = {
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "swagger-ui.css": "text/css; charset=utf-8",
}
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


@lru_cache(maxsize=8)
def _static(name: str) -> bytes:
    return importlib.resources.files("vblint_server").joinpath("static", name).read_bytes()


@lru_cache(maxsize=4)
def _swagger(name: str) -> bytes:
    return importlib.resources.files("fastapi_offline").joinpath("static", name).read_bytes()


@router.get("/")
async def page() -> Response:
    """The writing-assistant page."""
    return Response(
        _static("index.html"),
        media_type="text/html; charset=utf-8",
        headers={"Content-Security-Policy": CSP, "X-Frame-Options": "DENY"},
    )


@router.get("/static/{name}")
async def asset(name: str) -> Response:
    """The page's script and styles."""
    if name not in PAGE_ASSETS:
        raise ApiError(404, "not_found", "no such file")
    return Response(
        _static(name), media_type=PAGE_ASSETS[name], headers={"Content-Security-Policy": CSP}
    )


@router.get("/docs")
async def docs() -> HTMLResponse:
    """Swagger UI for the OpenAPI schema, with its assets served locally."""
    return get_swagger_ui_html(
        openapi_url="/openapi.json",
        title="vblint API",
        swagger_js_url="/docs/assets/swagger-ui-bundle.js",
        swagger_css_url="/docs/assets/swagger-ui.css",
        swagger_favicon_url="data:,",
    )


@router.get("/docs/assets/{name}")
async def docs_asset(name: str) -> Response:
    """Swagger UI's script and styles."""
    if name not in DOCS_ASSETS:
        raise ApiError(404, "not_found", "no such file")
    return Response(_swagger(name), media_type=DOCS_ASSETS[name])
