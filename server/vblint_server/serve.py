"""``vblint serve``: start uvicorn safely, or refuse with one line saying why.

Without API keys the service is open to anyone who can reach it, so it then binds only to
loopback. Uvicorn's access log is off (paths can carry text); the app logs its own, with route
templates only.
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import socket
import sys
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
    check_model(settings.model)
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


def check_model(model: str | None) -> None:
    """Fail at once, in one line, when the spaCy pipeline is not installed."""
    import spacy.util

    from vblint.pipeline import DEFAULT_MODEL, INSTALL_HINT, model_name

    name = model_name(model)
    if Path(name).exists() or spacy.util.is_package(name):
        return
    hint = INSTALL_HINT if name == DEFAULT_MODEL else "install it or set VBLINT_MODEL"
    raise ServeError(f"the spaCy pipeline '{name}' is not installed: {hint}")


def listening_socket(host: str, port: int) -> socket.socket:
    """A TCP socket for the worker processes to share.

    Made here rather than by uvicorn because uvicorn's shared socket has protocol 0, and
    asyncio only sets TCP_NODELAY on sockets that say they are TCP: without it every response
    from a worker waits about 40 ms for a delayed ACK (Nagle).
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError as exc:
        sock.close()
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    sock.set_inheritable(True)
    return sock


def serve(host: str, port: int, workers: int) -> None:
    """Run the service until interrupted."""
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    check_settings(host)
    prepare_metrics_dir(workers)
    config = uvicorn.Config(
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
    if workers == 1:
        server = uvicorn.Server(config)
        with contextlib.suppress(SystemExit):  # uvicorn exits when it cannot bind, logged
            server.run()
        if not server.started:
            raise ServeError(f"the service did not start on {host}:{port}")
        return
    sock = listening_socket(host, port)
    print(f"vblint: listening on http://{host}:{port} with {workers} workers", file=sys.stderr)
    try:
        Multiprocess(config, sockets=[sock]).run()
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
