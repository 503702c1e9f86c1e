"""The FastAPI app: routers, middleware, error handlers, and the lifespan that loads the model."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from vblint_server import __version__, errors
from vblint_server.engine import Engine
from vblint_server.keys import KeyRing
from vblint_server.limits import RateLimiter
from vblint_server.middleware import Envelope
from vblint_server.routers import check, guide, health, page, rules, word
from vblint_server.settings import ServiceSettings, get_settings

DESCRIPTION = """Checks safeguarding writing for victim-blaming language and harmful terminology.

Authenticate with `Authorization: Bearer <key>`. Offsets (`start`/`end`) are in the units
named by `offset_encoding` (default `utf-16`: JavaScript string indices); `line`/`column` are
1-based code points. Submitted text is never logged, stored or echoed in errors."""


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Start loading the pipeline in the background; /readyz reports when it is loaded."""
    engine: Engine = app.state.engine
    engine.start()
    yield
    engine.close()


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    """A configured app; ``app`` below is the one uvicorn serves."""
    settings = settings or get_settings()
    app = FastAPI(
        title="vblint",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        responses=errors.ERROR_RESPONSES,
    )
    app.state.settings = settings
    app.state.engine = Engine(
        settings.model,
        settings.check_timeout,
        settings.extra_packs,
        settings.workers,
        spares=settings.spare_workers,
        heavy_chars=settings.heavy_chars,
        heavy_per_key=settings.heavy_per_key,
    )
    app.state.keys = KeyRing(settings.api_keys, settings.revoked_keys)
    app.state.limiter = RateLimiter(settings.rate_limit)
    errors.install(app)
    for router in (check.router, rules.router, health.router, page.router, word.router):
        app.include_router(router)
    guide.install(app, settings)
    # Outermost: CORS, so that browser callers can read every error, 413 and 500 included.
    app.add_middleware(Envelope, max_body_bytes=settings.max_body_bytes)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_methods=["GET", "POST"],
        allow_headers=["Authorization", "Content-Type"],
        max_age=600,
    )
    return app


app = create_app()
