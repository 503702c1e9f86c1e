"""A check over its time limit gets 503, its parse is stopped, and the worker recovers."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from harness import run_server

pytestmark = pytest.mark.slow


def test_timeout_stops_the_parse_and_the_service_recovers(tmp_path: Path) -> None:
    env = {
        "VBLINT_MAX_CHARS": "400000",
        "VBLINT_MAX_BODY_BYTES": "4000000",
        "VBLINT_CHECK_TIMEOUT": "0.5",
    }
    with run_server(tmp_path / "server.log", env) as srv, srv.client() as c:
        long_note = " ".join(f"Brimple{i} met him at the park." for i in range(8000))
        started = time.perf_counter()
        r = c.post("/v1/check", json={"text": long_note})
        assert r.status_code == 503
        assert r.json()["error"]["code"] == "check_timeout"
        assert r.headers["retry-after"] == "5"
        assert time.perf_counter() - started < 5
        # The check process is replaced: briefly not ready, then ready and checking again.
        deadline = time.monotonic() + 60
        while c.get("/readyz").status_code != 200:
            assert time.monotonic() < deadline
            time.sleep(0.1)
        again = c.post("/v1/check", json={"text": "She put herself at risk by meeting him."})
        assert again.status_code == 200
        assert [f["rule"] for f in again.json()["findings"]] == ["VB101"]
        metrics = c.get("/metrics").text
    assert "vblint_check_timeouts_total 1.0" in metrics
    assert "restarting the check process" in srv.logs()
