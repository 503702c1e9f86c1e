"""Several workers: each loads the model, metrics add up across them, and no Nagle delay."""

from __future__ import annotations

import re
import statistics
import time
from pathlib import Path

import pytest
from harness import run_server

pytestmark = pytest.mark.slow


def test_two_workers_share_metrics_and_answer_without_delay(tmp_path: Path) -> None:
    env = {"VBLINT_RATE_LIMIT": "0"}
    with run_server(tmp_path / "server.log", env, workers=2) as srv, srv.client() as c:
        ok = 0
        for _ in range(200):  # the second worker may still be loading: 503 not_ready
            status = c.post("/v1/check", json={"text": "She put herself at risk."}).status_code
            assert status in (200, 503)
            ok += status == 200
            if ok == 12:
                break
            if status == 503:
                time.sleep(0.1)
        timings = []
        for _ in range(20):
            started = time.perf_counter()
            c.get("/healthz")
            timings.append(time.perf_counter() - started)
        metrics = c.get("/metrics").text
    found = re.search(
        r'vblint_http_requests_total\{method="POST",route="/v1/check",status="200"\} (\S+)',
        metrics,
    )
    assert found and float(found.group(1)) == 12
    # A shared socket without TCP_NODELAY made every answer wait ~40 ms for a delayed ACK.
    assert statistics.median(timings) < 0.02
