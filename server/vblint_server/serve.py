"""``vblint serve``: start uvicorn safely, or refuse with one line saying why.

Without API keys the service is open to anyone who can reach it, so it then binds only to
loopback. Uvicorn's access log is off (paths can carry text); the app logs its own, with route
templates only.
"""

from __future__ import annotations

import ipaddress
import os
import tempfile
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
    from vblint_server.settings import Settings

    try:
        settings = Settings()
    except ValidationError as exc:
        fields = ", ".join(
            "VBLINT_" + str(e["loc"][0]).upper() for e in exc.errors() if e.get("loc")
        )
        raise ServeError(f"invalid settings in {fields or 'the environment'}") from None
    if not settings.auth_enabled and not is_loopback(host):
        raise ServeError(
            f"refusing to listen on {host} without API keys; set VBLINT_API_KEYS "
            "(see 'python -m vblint_server.keys NAME') or use --host 127.0.0.1"
        )


def prepare_metrics_dir(workers: int) -> None:
    """Workers share metrics through files; start each run with an empty directory."""
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if not directory:
        if workers == 1:
            return
        directory = os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(
            prefix="vblint-metrics-"
        )
    path = Path(directory)
    path.mkdir(parents=True, exist_ok=True)
    for stale in path.glob("*.db"):
        stale.unlink()


def serve(host: str, port: int, workers: int) -> None:
    """Run the service until interrupted."""
    import uvicorn

    check_settings(host)
    prepare_metrics_dir(workers)
    uvicorn.run(
        APP,
        host=host,
        port=port,
        workers=workers,
        access_log=False,
        log_config=log_config(),
        server_header=False,
        proxy_headers=False,
        timeout_graceful_shutdown=15,
    )
