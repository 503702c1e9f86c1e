"""Several check processes behind one event loop: all load before ready, all take work."""

from __future__ import annotations

import re
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from harness import run_server

pytestmark = pytest.mark.slow


def check_processes(parent: int) -> list[int]:
    """The service's check processes: its children started by multiprocessing."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        if int(fields[1]) == parent and b"spawn_main" in cmdline:
            found.append(int(stat.parent.name))
    return found


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / 100  # utime + stime, in clock ticks


def test_two_workers_load_before_ready_share_the_work_and_answer_without_delay(
    tmp_path: Path,
) -> None:
    # No spare process: this test counts the serving ones and their shares of the work.
    env = {"VBLINT_RATE_LIMIT": "0", "VBLINT_SPARE_WORKERS": "0"}
    with run_server(tmp_path / "server.log", env, workers=2) as srv, srv.client() as c:
        ready = c.get("/readyz").json()
        assert ready["status"] == "ready"
        assert (ready["detail"]["workers"], ready["detail"]["workers_ready"]) == (2, 2)
        children = check_processes(srv.process.pid)
        assert len(children) == 2
        before = {pid: cpu_seconds(pid) for pid in children}
        # One finding among plain sentences: a note's length, without a rewrite per sentence.
        note = "She put herself at risk by meeting him. " + "They met at the park. " * 70

        def check(_: int) -> int:
            return c.post("/v1/check", json={"text": note}).status_code

        with ThreadPoolExecutor(8) as pool:  # one client, eight connections
            statuses = list(pool.map(check, range(48)))
        assert statuses == [200] * 48
        used = [cpu_seconds(pid) - before[pid] for pid in children]
        # Every check process did a real share of the parsing, whichever connection it came on.
        assert min(used) > 0.2 * sum(used), used
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
    assert found and float(found.group(1)) == 48
    # A socket without TCP_NODELAY makes every answer wait ~40 ms for a delayed ACK.
    assert statistics.median(timings) < 0.02
