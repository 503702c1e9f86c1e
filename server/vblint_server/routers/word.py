"""``/word/``: the Word add-in's task pane, its icons and its manifest, from the package.

The pane's script, styles and icons are served here like the writing page's; the one outside
script is Office.js, which Microsoft requires add-ins to load from its CDN inside Word, so the
pane's content security policy allows that origin for scripts and nothing else outside. Word
shows the pane in a frame, so unlike the writing page it may be framed. ``/word/manifest.xml``
is the add-in manifest pointed at this server (``VBLINT_PUBLIC_URL``, else the address the
request came to), ready for IT to upload.
"""

from __future__ import annotations

from functools import lru_cache

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse

from vblint_server.deps import SettingsDep
from vblint_server.errors import ApiError
from vblint_server.word_addin import ASSETS, pane_file, render

router = APIRouter(include_in_schema=False)

OFFICE_JS = "https://appsforoffice.microsoft.com"
CSP = (
    f"default-src 'none'; script-src 'self' {OFFICE_JS}; style-src 'self'; "
    f"connect-src 'self'; img-src 'self' data:; frame-src {OFFICE_JS}; base-uri 'none'; "
    "form-action 'none'"
)


@lru_cache(maxsize=32)
def _static(name: str) -> bytes:
    return pane_file(name)


@router.get("/word")
async def word_root() -> RedirectResponse:
    """The pane lives at ``/word/`` so that its files resolve relative to it."""
    return RedirectResponse("/word/", status_code=308)


@router.get("/word/")
async def pane() -> Response:
    """The task pane Word opens from the ribbon."""
    return Response(
        _static("taskpane.html"),
        media_type="text/html; charset=utf-8",
        headers={"Content-Security-Policy": CSP},
    )


@router.get("/word/manifest.xml")
async def manifest(request: Request, settings: SettingsDep) -> Response:
    """The add-in manifest with this server's address in every URL."""
    base = settings.public_url or str(request.base_url)
    try:
        text = render("xml", base)
    except ValueError:
        message = "set VBLINT_PUBLIC_URL to this service's address"
        raise ApiError(404, "not_found", message) from None
    return Response(text, media_type="application/xml; charset=utf-8")


@router.get("/word/{name}")
async def asset(name: str) -> Response:
    """The pane's modules, styles, icons and privacy note."""
    if name not in ASSETS:
        raise ApiError(404, "not_found", "no such file")
    return Response(
        _static(name), media_type=ASSETS[name], headers={"Content-Security-Policy": CSP}
    )
