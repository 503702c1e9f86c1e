"""Dependencies as ``Annotated`` aliases: settings, the engine, and the caller's API key.

All are ``async def``: none blocks, and FastAPI runs a plain ``def`` dependency on a thread of
its pool, a thread hop per dependency per request.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from vblint_server.engine import Engine
from vblint_server.errors import ApiError
from vblint_server.keys import KeyRing
from vblint_server.limits import RateLimiter
from vblint_server.settings import ServiceSettings

_bearer = HTTPBearer(
    auto_error=False,
    description="An API key issued to your calling system: 'Authorization: Bearer <key>'.",
)
LOCAL = "local"


async def get_settings(request: Request) -> ServiceSettings:
    """The settings the app was built with."""
    settings: ServiceSettings = request.app.state.settings
    return settings


async def get_engine(request: Request) -> Engine:
    """The service's engine (rules, check processes, time limit)."""
    engine: Engine = request.app.state.engine
    return engine


SettingsDep = Annotated[ServiceSettings, Depends(get_settings)]
EngineDep = Annotated[Engine, Depends(get_engine)]


async def require_key(
    request: Request,
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> str:
    """The name of the calling system's key, after checking it and its rate.

    401 when the key is missing, wrong or revoked; 429 when it is over its requests per minute.
    With no keys configured (development on loopback only) every caller is ``local``.
    """
    name = LOCAL
    if settings.auth_enabled:
        keys: KeyRing = request.app.state.keys
        found = keys.identify(credentials.credentials) if credentials is not None else None
        if found is None:
            raise ApiError(
                401,
                "unauthorized",
                "a valid API key is required: send 'Authorization: Bearer <key>'",
                headers={"WWW-Authenticate": "Bearer"},
            )
        name = found
    request.scope.setdefault("state", {})["key_name"] = name
    limiter: RateLimiter = request.app.state.limiter
    wait = limiter.hit(name)
    if wait is not None:
        raise ApiError(
            429,
            "rate_limited",
            f"over {limiter.per_minute} requests per minute for this key; retry in {wait}s",
            headers={"Retry-After": str(wait)},
        )
    return name


ApiKeyDep = Annotated[str, Depends(require_key)]
