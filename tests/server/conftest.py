"""Fixtures for the HTTP tests: one running service per module, and a keyed client."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from harness import KEYS, ORIGIN, Server, key_settings, run_server


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The service with three named keys (one revoked), CORS for one extension, small limits."""
    env = {
        **key_settings(),
        "VBLINT_CORS_ORIGINS": json.dumps([ORIGIN]),
        "VBLINT_MAX_CHARS": "5000",
        "VBLINT_MAX_BODY_BYTES": "100000",
        "VBLINT_MAX_BATCH": "4",
        "VBLINT_RATE_LIMIT": "0",
    }
    with run_server(tmp_path_factory.mktemp("server") / "server.log", env) as running:
        yield running


@pytest.fixture()
def client(server: Server) -> Iterator[httpx.Client]:
    with server.client(KEYS["case-system"]) as c:
        yield c


@pytest.fixture(scope="module")
def open_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """No keys: development on loopback, as a practitioner would run it locally.

    An organisation's own pack (from ``VBLINT_EXTRA_PACKS``) adds a rule with a placeholder.
    """
    pack = Path(__file__).parent / "data" / "local-pack"
    env = {"VBLINT_EXTRA_PACKS": f'["{pack}"]'}
    with run_server(tmp_path_factory.mktemp("page") / "server.log", env) as srv:
        yield srv


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """Debian's Chromium, headless, driven by Playwright (never a downloaded browser)."""
    from pageui import CHROMIUM, FLAGS
    from playwright import sync_api

    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is missing: run 'python3 scripts/dev.py setup'")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture()
def page(chromium: Any, open_server: Server) -> Iterator[Any]:
    """A fresh tab on the writing page; fails the test if the page fetched from elsewhere."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    external: list[str] = []
    here = open_server.url
    tab.on("request", lambda r: None if r.url.startswith(here) else external.append(r.url))
    tab.goto(open_server.url + "/")
    yield tab
    context.close()
    assert not external, f"the page fetched from outside: {external}"
