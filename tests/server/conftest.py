"""Fixtures for the HTTP tests: one running service per module, and a keyed client."""

from __future__ import annotations

import json
from collections.abc import Iterator

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
