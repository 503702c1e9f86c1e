"""``/guide/``: the documentation site, and ``/rules/VB101``: a rule's page in it.

Links to a rule (the page's "More about this rule", ``GET /v1/rules``) must work inside an
organisation with no internet, so the service serves the built site itself. The site is built by
``mkdocs build`` (the test command and the image do it); without one, these paths say so.
"""

from __future__ import annotations

import re
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles

import vblint_server
from vblint.links import RULES_INDEX, rule_url
from vblint_server.deps import SettingsDep
from vblint_server.errors import ApiError
from vblint_server.settings import GUIDE, ServiceSettings

router = APIRouter(include_in_schema=False)
_RULE_ID = re.compile(r"^VB\d{3}$", re.IGNORECASE)
NOT_BUILT = "the documentation is not built here: run 'mkdocs build' (see /docs for the API)"


def site_dir(configured: str | None) -> Path | None:
    """The built site to serve: the configured folder, else the package's, else the checkout's."""
    package = Path(vblint_server.__file__).resolve().parent
    candidates = (
        [Path(configured)] if configured else [package / "site", package.parents[1] / "site"]
    )
    return next((c for c in candidates if (c / "index.html").is_file()), None)


@router.get("/rules/{rule_id}")
async def rule_page(rule_id: str, settings: SettingsDep) -> RedirectResponse:
    """A rule's page, wherever the documentation is (this service's copy by default)."""
    if not _RULE_ID.match(rule_id):
        raise ApiError(404, "rule_not_found", "a rule id looks like VB101 (see /rules/)")
    return RedirectResponse(rule_url(rule_id, settings.rule_docs_url), status_code=302)


@router.get("/rules/")
async def rules_index(settings: SettingsDep) -> RedirectResponse:
    """The table of every rule."""
    return RedirectResponse(settings.rule_docs_url + RULES_INDEX, status_code=302)


@router.get("/guide")
async def guide_home() -> RedirectResponse:
    """The site's relative links need the trailing slash."""
    return RedirectResponse(GUIDE, status_code=308)


def install(app: FastAPI, settings: ServiceSettings) -> None:
    """Serve the built site at /guide/, or a clear 404 when there is none."""
    app.include_router(router)
    site = site_dir(settings.docs_dir)
    if site is not None:
        app.mount(GUIDE.rstrip("/"), StaticFiles(directory=site, html=True), name="guide")
        return

    @app.get(GUIDE + "{path:path}", include_in_schema=False)
    async def _missing(path: str) -> None:
        raise ApiError(404, "not_found", NOT_BUILT)
