"""Note text never reaches logs, metrics or error bodies, including on every failure path.

The time limit is a third of the measured check time of the long note that is to outlast it
(:mod:`calibrate`), so every other request is well inside it however busy the machine is.
"""

from __future__ import annotations

import contextlib
import json
import socket
import uuid
from pathlib import Path

import httpx
import pytest
from calibrate import slow_text
from harness import KEYS, key_settings, run_server

pytestmark = pytest.mark.slow

SENTINEL = f"Zqv{uuid.uuid4().hex}Sentinel"
NOTE = f"{SENTINEL} said she put herself at risk by meeting {SENTINEL}."


def _raw(url: str, payload: bytes) -> None:
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(payload)
        with contextlib.suppress(OSError):
            sock.recv(4096)


def long_note(count: int) -> str:
    """A note that names the sentinel and is long enough to outlast the time limit."""
    return (
        SENTINEL + " " + " ".join(f"{SENTINEL[:8]}{i} met him at the park." for i in range(count))
    )


def test_sentinel_appears_in_no_log_metric_or_error(tmp_path: Path) -> None:
    slow = slow_text(long_note, note=NOTE)
    env = {
        **key_settings(),
        "VBLINT_MAX_CHARS": str(max(300_000, len(slow.text) + 1)),
        "VBLINT_MAX_BODY_BYTES": "2000000",
        "VBLINT_MAX_BATCH": "2",
        "VBLINT_CHECK_TIMEOUT": f"{slow.limit():.3f}",
        "VBLINT_RATE_LIMIT": "40",
        "VBLINT_CORS_ORIGINS": '["https://cases.example.org"]',
    }
    log = tmp_path / "server.log"
    errors: list[httpx.Response] = []
    with run_server(log, env) as srv:
        key = KEYS["case-system"]
        with srv.client(key) as c, srv.client() as anon:
            ok = c.post("/v1/check", json={"text": NOTE, "format": "markdown"})
            assert ok.status_code == 200
            batch = [{"id": SENTINEL, "text": NOTE, "format": "html"}]
            assert c.post("/v1/check/batch", json={"documents": batch}).status_code == 200
            json_headers = {"Content-Type": "application/json"}
            failing = [
                c.post("/v1/check", content=f'{{"text": "{SENTINEL}', headers=json_headers),
                c.post("/v1/check", content=f"text={SENTINEL}".encode()),
                c.post(
                    "/v1/check",
                    content=b'{"text": "\xff\xfe' + SENTINEL.encode() + b'"}',
                    headers=json_headers,
                ),
                c.post("/v1/check", json={"text": SENTINEL * 60_000}),
                c.post("/v1/check", json={"text": NOTE * 8000}),
                c.post("/v1/check", json={"text": NOTE, SENTINEL: 1}),
                c.post("/v1/check", json={"text": NOTE, "select": [SENTINEL]}),
                c.post("/v1/check", json={"text": NOTE, "profile": SENTINEL}),
                c.post("/v1/check", json={"text": NOTE, "offset_encoding": SENTINEL}),
                c.post("/v1/check/batch", json={"documents": batch * 3}),
                c.post("/v1/check/batch", json={"documents": [{"id": SENTINEL}]}),
                c.get(f"/v1/rules/{SENTINEL}"),
                c.get(f"/v1/rules?{SENTINEL}=1"),
                c.get(f"/{SENTINEL}"),
                c.get(f"/static/{SENTINEL}.js"),
                c.get(f"/word/{SENTINEL}.mjs"),
                c.get(f"/docs/assets/{SENTINEL}"),
                c.get(f"/rules/{SENTINEL}"),
                c.get(f"/guide/{SENTINEL}.html"),
                c.request("DELETE", "/v1/check", content=NOTE.encode()),
                anon.post("/v1/check", json={"text": NOTE}),
                anon.post(
                    "/v1/check",
                    json={"text": NOTE},
                    headers={"Authorization": f"Bearer {SENTINEL}"},
                ),
                anon.post(
                    "/v1/check", json={"text": NOTE}, headers={"Authorization": f"Basic {SENTINEL}"}
                ),
                c.post(
                    "/v1/check",
                    json={"text": NOTE},
                    headers={
                        "Origin": f"https://{SENTINEL}.example",
                        "User-Agent": SENTINEL,
                        "X-Case-Note": SENTINEL,
                        "Referer": f"https://x/{SENTINEL}",
                    },
                ),
                c.options(
                    "/v1/check",
                    headers={
                        "Origin": f"https://{SENTINEL}.example",
                        "Access-Control-Request-Method": "POST",
                    },
                ),
            ]
            for path in ("/healthz", "/readyz", "/metrics", "/docs", "/", "/openapi.json"):
                assert anon.get(f"{path}?note={SENTINEL}").status_code == 200
            _raw(
                srv.url,
                f"GET /{SENTINEL} HTTP/1.1\r\nHost: x\r\n"
                f"Content-Length: {SENTINEL}\r\n\r\n".encode(),
            )
            _raw(srv.url, f"{SENTINEL} {SENTINEL}\r\n\r\n".encode())
            _raw(
                srv.url,
                b"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Length: 90000\r\n"
                b'Content-Type: application/json\r\n\r\n{"text": "' + SENTINEL.encode(),
            )
            timed_out = c.post("/v1/check", json={"text": slow.text})
            assert timed_out.status_code == 503
            assert timed_out.json()["error"]["code"] == "check_timeout"
            failing.append(timed_out)
            limited = None
            for _ in range(60):
                limited = c.post("/v1/check", json={"text": NOTE})
                if limited.status_code == 429:
                    break
            assert limited is not None and limited.status_code == 429
            failing.append(limited)
            metrics = anon.get("/metrics").text
        errors = [r for r in failing if r.status_code >= 400]
    assert {r.status_code for r in errors} >= {400, 401, 404, 405, 413, 422, 429, 503}
    for r in errors:
        assert SENTINEL not in r.text, r.request.url.path
        assert SENTINEL[:8] not in json.dumps(dict(r.headers))
    assert SENTINEL not in metrics
    logs = log.read_text(encoding="utf-8", errors="replace")
    assert "POST /v1/check 401" in logs and "POST /v1/check 503" in logs  # logs were captured
    assert SENTINEL not in logs
    assert SENTINEL[:8] not in logs
