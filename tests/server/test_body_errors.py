"""Bodies the service cannot take get the documented JSON errors, never a reset or http_400."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

pytestmark = pytest.mark.slow

JSON = {"Content-Type": "application/json"}


def test_a_chunked_body_far_over_the_limit_gets_413_not_a_reset(client: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(80):  # 5 MB, fifty times the test server's 100 kB limit
            yield b"x" * 65_536
        yield b'"}'

    r = client.post("/v1/check", content=chunks(), headers=JSON)
    assert r.status_code == 413
    assert r.json()["error"]["code"] == "payload_too_large"
    assert client.get("/healthz").status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        b'{"text": "\xff\xfe not UTF-8"}',
        b'{"text": "x", "select": ' + b"[" * 20_000 + b"]" * 20_000 + b"}",
        b"[" * 40_000 + b"]" * 40_000,
    ],
    ids=["invalid-utf-8", "nested-field", "nested-body"],
)
def test_unreadable_json_is_invalid_json(client: httpx.Client, body: bytes) -> None:
    r = client.post("/v1/check", content=body, headers=JSON)
    assert r.status_code == 400, r.text
    error = r.json()["error"]
    assert error["code"] == "invalid_json"
    assert "JSON" in error["message"]
