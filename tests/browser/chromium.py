"""Debian's Chromium with the unpacked browser extension, and a local page for it to check.

Shared by the extension's own tests and the test that every surface makes the same edit.
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright import sync_api as playwright_sync

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "extensions" / "browser"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
QUIET_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def page_origin() -> Iterator[str]:
    """``tests/browser/`` served on a loopback port: the case-record page the extension checks."""
    handler = functools.partial(_Quiet, directory=str(Path(__file__).parent))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


def unpacked(tmp: Path, origins: list[str]) -> Path:
    """A copy of the extension with the test origins already granted.

    The options page asks for them with ``permissions.request``, whose browser prompt a test
    cannot click; granting them at install time lets everything after the prompt run as is.
    """
    target = tmp / "extension"
    shutil.copytree(EXTENSION, target)
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    manifest["host_permissions"] = [f"{origin}/*" for origin in origins]
    (target / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return target


@contextmanager
def with_extension(tmp: Path, origin: str, server_url: str, key: str) -> Iterator[Any]:
    """A Chromium context with the extension loaded and set to check ``origin`` via the server."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError("Debian chromium is missing: run 'python3 scripts/dev.py setup'")
    extension = unpacked(tmp, [origin, server_url])
    flags = [
        "--headless=new",
        f"--disable-extensions-except={extension}",
        f"--load-extension={extension}",
        *QUIET_FLAGS,
    ]
    with playwright_sync.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp / "profile"),
            executable_path=CHROMIUM,
            headless=False,
            args=flags,
            viewport={"width": 1100, "height": 800},
        )
        try:
            worker = context.service_workers[0] if context.service_workers else None
            if worker is None:
                worker = context.wait_for_event("serviceworker", timeout=30_000)
            extension_id = worker.url.split("/")[2]
            options = context.new_page()
            options.goto(f"chrome-extension://{extension_id}/options.html")
            options.fill("#origins", origin)
            options.fill("#server", server_url)
            options.fill("#key", key)
            options.click("#save")
            playwright_sync.expect(options.locator("#status")).to_have_text(
                "Saved. Checking 1 site.", timeout=15_000
            )
            options.close()
            yield context
        finally:
            context.close()


def shot(page: Any, name: str) -> None:
    """A screenshot in ``test-artifacts/`` for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
