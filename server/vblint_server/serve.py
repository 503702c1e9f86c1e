"""``vblint serve``: start uvicorn safely, or refuse with one line saying why.

Without API keys the service is open to anyone who can reach it, so it then binds only to
loopback. Uvicorn's access log is off (paths can carry text); the app logs its own, with route
templates only.
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
from pathlib import Path
from typing import Any

from pydantic import ValidationError

APP = "vblint_server.main:app"


class ServeError(Exception):
    """The service cannot start as asked; the message says what to change."""


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def log_config(level: str = "INFO") -> dict[str, Any]:
    """Plain one-line logs on stderr for uvicorn and the app; no access log from uvicorn."""
    fmt = {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}
    handler = {"class": "logging.StreamHandler", "formatter": "plain", "stream": "ext://sys.stderr"}
    logger = {"handlers": ["stderr"], "level": level, "propagate": False}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"plain": fmt},
        "handlers": {"stderr": handler},
        "loggers": {"uvicorn": logger, "uvicorn.error": {"level": level}, "vblint": logger},
    }


def check_settings(host: str) -> None:
    """Refuse to start with broken settings, or with no keys on a non-loopback address."""
    from vblint_server.settings import ServiceSettings

    try:
        settings = ServiceSettings()
    except ValidationError as exc:
        fields = ", ".join(
            "VBLINT_" + str(e["loc"][0]).upper() for e in exc.errors() if e.get("loc")
        )
        raise ServeError(f"invalid settings in {fields or 'the environment'}") from None
    check_model(settings.model)
    if not settings.auth_enabled and not is_loopback(host):
        raise ServeError(
            f"refusing to listen on {host} without API keys; set VBLINT_API_KEYS "
            "(see 'vblint keys create NAME') or use --host 127.0.0.1"
        )


def check_model(model: str | None) -> None:
    """Fail at once, in one line, when the spaCy pipeline is not installed."""
    import spacy.util

    from vblint.analysis.pipeline import DEFAULT_MODEL, INSTALL_HINT, model_name

    name = model_name(model)
    if Path(name).exists() or spacy.util.is_package(name):
        return
    hint = INSTALL_HINT if name == DEFAULT_MODEL else "install it or set VBLINT_MODEL"
    raise ServeError(f"the spaCy pipeline '{name}' is not installed: {hint}")


def serve(host: str, port: int, workers: int | None = None, docs_url: str | None = None) -> None:
    """Run the service until interrupted: one event loop in front of ``workers`` check processes.

    The HTTP side does little but parse JSON, so one process serves it; the parsing happens in
    the check processes, which all take work from one queue (see :mod:`vblint_server.pool`).
    """
    import uvicorn

    if workers is not None:
        os.environ["VBLINT_WORKERS"] = str(workers)  # read by the app's settings on import
    if docs_url is not None:
        os.environ["VBLINT_DOCS_URL"] = docs_url
    check_settings(host)
    config = uvicorn.Config(
        APP,
        host=host,
        port=port,
        access_log=False,
        log_config=log_config(),
        server_header=False,
        proxy_headers=False,
        timeout_graceful_shutdown=15,
    )
    server = uvicorn.Server(config)
    with contextlib.suppress(SystemExit, KeyboardInterrupt):  # uvicorn logs why it could not bind
        server.run()
    if not server.started:
        raise ServeError(f"the service did not start on {host}:{port}")
