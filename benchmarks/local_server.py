"""Start ``vblint serve`` on a free loopback port for a benchmark, and stop it afterwards."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def local_server(workers: int, env: dict[str, str] | None = None) -> Iterator[tuple[str, int]]:
    """(base URL, process id) of a running service with no keys and no rate limit."""
    port = free_port()
    vblint = Path(sys.executable).parent / "vblint"
    clean = {k: v for k, v in os.environ.items() if not k.startswith("VBLINT_")}
    settings = {"VBLINT_RATE_LIMIT": "0", "VBLINT_CHECK_TIMEOUT": "60", **(env or {})}
    process = subprocess.Popen(
        [str(vblint), "serve", "--port", str(port), "--workers", str(workers)],
        env={**clean, **settings},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        ready = 0
        while ready < workers * 4:  # several answers, so every worker is likely loaded
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the service did not start")
            try:
                ready += httpx.get(f"{url}/readyz", timeout=2).status_code == 200
            except httpx.TransportError:
                time.sleep(0.2)
        yield url, process.pid
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
