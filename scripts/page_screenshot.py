#!/usr/bin/env python3
"""Take the documentation's picture of the writing page: a real note in a real browser.

Starts ``vblint serve`` on a free loopback port, types a case note into the page in Debian's
headless Chromium, opens the first finding, and saves ``docs/images/writing-page.png``:

    .venv/bin/python scripts/page_screenshot.py
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "images" / "writing-page.png"
CHROMIUM = "/usr/bin/chromium"
NOTE = (
    "Home visit, 3 March. Maya (14) said: \u201cI went because he was nice to me.\u201d\n\n"
    "Maya put herself at risk by meeting them and she should not have sent the images. "
    "Her mother describes the 24-year-old as her boyfriend."
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_ready(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("vblint serve exited before it was ready")
        try:
            if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit("vblint serve did not become ready")


def main() -> int:
    """Serve, type, open a finding, save the picture."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("VBLINT_")}
    vblint = Path(sys.executable).parent / "vblint"
    server = subprocess.Popen(
        [str(vblint), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_ready(url, server)
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page(viewport={"width": 1200, "height": 760})
            page.goto(url + "/")
            page.focus("#note")
            page.keyboard.type(NOTE, delay=1)
            page.locator("mark.sev-error").first.wait_for(timeout=30_000)
            page.focus("#note")
            page.keyboard.press("Alt+n")
            page.locator("#detail").wait_for(state="visible")
            OUT.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(OUT))
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
