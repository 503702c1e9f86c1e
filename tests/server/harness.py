"""Real service processes for the HTTP tests: ``vblint serve`` on a free loopback port."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from vblint_server.keys import hash_key

KEYS = {
    "case-system": "vbk_case_system_key_for_tests_only_0001",
    "browser": "vbk_browser_key_for_tests_only_0002",
    "retired": "vbk_retired_key_for_tests_only_0003",
}
ORIGIN = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"


def serve_once(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``vblint serve ARGS`` run to its end: for settings and arguments it must refuse.

    Only ``PATH`` and ``env`` reach it, so no ``VBLINT_*`` setting of the test run leaks in.
    """
    vblint = Path(sys.executable).parent / "vblint"
    return subprocess.run(
        [str(vblint), "serve", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", **(env or {})},
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Server:
    """A running service: its URL, its log file, and a client."""

    url: str
    log: Path
    process: subprocess.Popen[bytes]

    def client(self, key: str | None = None, **kwargs: object) -> httpx.Client:
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=60, **kwargs)  # type: ignore[arg-type]

    def logs(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def key_settings(revoked: list[str] | None = None) -> dict[str, str]:
    return {
        "VBLINT_API_KEYS": json.dumps({name: hash_key(key) for name, key in KEYS.items()}),
        "VBLINT_REVOKED_KEYS": json.dumps(revoked if revoked is not None else ["retired"]),
    }


@contextmanager
def run_server(
    log: Path, env: dict[str, str], workers: int = 1, wait_ready: bool = True
) -> Iterator[Server]:
    """Start ``vblint serve`` with ``env`` and stop it afterwards; output goes to ``log``."""
    port = free_port()
    vblint = Path(sys.executable).parent / "vblint"
    clean = {k: v for k, v in os.environ.items() if not k.startswith("VBLINT_")}
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                str(vblint),
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                str(workers),
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**clean, **env},
        )
        server = Server(f"http://127.0.0.1:{port}", log, process)
        try:
            deadline = time.monotonic() + 60
            while True:
                if process.poll() is not None:
                    raise RuntimeError(f"server exited: {server.logs()[-2000:]}")
                try:
                    reply = httpx.get(f"{server.url}/readyz", timeout=2)
                    if not wait_ready and reply.status_code == 503:
                        break
                    # Ready, and the spare processes loaded too: a spare still loading would
                    # compete with the test's first requests for the machine's cores.
                    if reply.status_code == 200 and _spares_loaded(reply, env):
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError("server did not become ready")
                time.sleep(0.1)
            yield server
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _spares_loaded(reply: httpx.Response, env: dict[str, str]) -> bool:
    """Whether /readyz shows as many loaded spares as the service was started with."""
    wanted = int(env.get("VBLINT_SPARE_WORKERS", "1"))
    detail = reply.json().get("detail", {})
    return int(detail.get("spares_ready", 0)) >= wanted
