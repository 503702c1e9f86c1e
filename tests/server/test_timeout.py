"""A check over its time limit gets 503, its parse is stopped, and the service stays ready.

The limit is a third of the measured check time of the long text (:mod:`calibrate`), so the
test holds however fast or busy the machine is.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from calibrate import NOTE, slow_text
from harness import run_server

pytestmark = pytest.mark.slow


def test_timeout_stops_the_parse_and_the_service_recovers(tmp_path: Path) -> None:
    slow = slow_text()
    env = {
        "VBLINT_MAX_CHARS": str(len(slow.text) + 1),
        "VBLINT_MAX_BODY_BYTES": str(4 * len(slow.text) + 10_000),
        "VBLINT_CHECK_TIMEOUT": f"{slow.limit():.3f}",
    }
    with run_server(tmp_path / "server.log", env) as srv, srv.client() as c:
        started = time.perf_counter()
        r = c.post("/v1/check", json={"text": slow.text})
        took = time.perf_counter() - started
        assert r.status_code == 503
        assert r.json()["error"]["code"] == "check_timeout"
        assert r.headers["retry-after"] == "5"
        assert took < slow.seconds  # answered before the parse could have finished
        # The check process is replaced; the service checks again.
        deadline = time.monotonic() + 120
        while c.get("/readyz").status_code != 200:
            assert time.monotonic() < deadline
            time.sleep(0.1)
        again = c.post("/v1/check", json={"text": NOTE})
        assert again.status_code == 200
        assert [f["rule"] for f in again.json()["findings"]] == ["VB101"]
        metrics = c.get("/metrics").text
    assert "vblint_check_timeouts_total 1.0" in metrics
    assert "restarting the check process" in srv.logs()
