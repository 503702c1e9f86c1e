"""One caller's slow checks fail only that caller's request, and never take the service down;
one caller's long documents never keep another caller's notes waiting.

Time limits and latency bounds here are ratios of check times measured in the same test
(:mod:`calibrate`), never absolute seconds.
"""

from __future__ import annotations

import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from calibrate import NOTE, prose, seconds, slow_text
from harness import KEYS, Server, key_settings, run_server

pytestmark = pytest.mark.slow


def wait_for_spare(c: httpx.Client) -> None:
    """Until the spare check process has loaded (it loads after the serving ones)."""
    deadline = time.monotonic() + 120
    while c.get("/readyz").json()["detail"].get("spares_ready") != 1:
        assert time.monotonic() < deadline, "the spare check process never loaded"
        time.sleep(0.1)


class Poller(threading.Thread):
    """Polls ``/readyz`` until stopped, keeping every status and ready-worker count."""

    def __init__(self, srv: Server) -> None:
        super().__init__(daemon=True)
        self.srv = srv
        self.seen: list[tuple[int, int]] = []
        self.stop = threading.Event()

    def run(self) -> None:
        with self.srv.client() as c:
            while not self.stop.is_set():
                r = c.get("/readyz")
                self.seen.append((r.status_code, r.json()["detail"].get("workers_ready", 0)))
                time.sleep(0.02)


class Caller(threading.Thread):
    """Sends ``text`` to ``/v1/check`` one request after another until stopped."""

    def __init__(self, srv: Server, key: str, text: str = NOTE) -> None:
        super().__init__(daemon=True)
        self.srv, self.key, self.text = srv, key, text
        self.answers: list[tuple[int, float]] = []
        self.stop = threading.Event()

    def run(self) -> None:
        with self.srv.client(self.key) as c:
            while not self.stop.is_set():
                started = time.perf_counter()
                r = c.post("/v1/check", json={"text": self.text})
                self.answers.append((r.status_code, time.perf_counter() - started))
                time.sleep(0.05)  # a person's pace, not a load test


def test_two_slow_requests_fail_alone_while_another_caller_is_answered(tmp_path: Path) -> None:
    slow = slow_text()
    limit = slow.limit()
    env = {
        **key_settings(),
        "VBLINT_CHECK_TIMEOUT": f"{limit:.3f}",
        "VBLINT_MAX_CHARS": str(len(slow.text) + 1),
        "VBLINT_MAX_BODY_BYTES": str(4 * len(slow.text) + 10_000),
        "VBLINT_RATE_LIMIT": "0",
    }
    with run_server(tmp_path / "server.log", env, workers=2) as srv:
        with srv.client() as c:
            wait_for_spare(c)
        poller, light = Poller(srv), Caller(srv, KEYS["browser"])
        poller.start()
        light.start()
        time.sleep(0.2)

        def heavy(_: int) -> httpx.Response:
            with srv.client(KEYS["case-system"]) as c:
                return c.post("/v1/check", json={"text": slow.text})

        with ThreadPoolExecutor(2) as pool:
            timed_out = list(pool.map(heavy, range(2)))
        with srv.client(KEYS["case-system"]) as c:
            wait_for_spare(c)  # the ended processes' places are filled again
            time.sleep(0.2)
            light.stop.set()
            poller.stop.set()
            light.join()
            poller.join()
            batch = c.post(
                "/v1/check/batch",
                json={
                    "documents": [
                        {"id": "note-1", "text": NOTE},
                        {"id": "long", "text": slow.text},
                        {"id": "note-2", "text": NOTE},
                    ]
                },
            )
            metrics = c.get("/metrics").text
    assert [r.status_code for r in timed_out] == [503, 503]
    assert {r.json()["error"]["code"] for r in timed_out} == {"check_timeout"}
    statuses = [status for status, _ in light.answers]
    assert len(statuses) >= 5 and set(statuses) == {200}, statuses
    # Notes were checked by the process that the long texts never take, not queued behind them.
    assert statistics.median(t for _, t in light.answers) < limit / 2
    assert poller.seen and all(status == 200 and ready >= 1 for status, ready in poller.seen), (
        poller.seen
    )
    # In a batch, the slow document fails alone; the others are answered.
    assert batch.status_code == 200
    results = {r["id"]: r for r in batch.json()["results"]}
    assert results["long"]["error"]["code"] == "check_timeout"
    assert results["long"]["findings"] == []
    for note in ("note-1", "note-2"):
        assert "error" not in results[note]
        assert [f["rule"] for f in results[note]["findings"]] == ["VB101"]
    assert "vblint_check_timeouts_total 3.0" in metrics


def test_one_keys_long_batches_never_keep_another_keys_notes_waiting(tmp_path: Path) -> None:
    documents = [{"id": f"d{i}", "text": prose(700, f"Quorb{i}x")} for i in range(4)]
    document_seconds = seconds(documents[0]["text"], rounds=2)
    env = {**key_settings(), "VBLINT_CHECK_TIMEOUT": "600", "VBLINT_RATE_LIMIT": "0"}
    with run_server(tmp_path / "server.log", env, workers=2) as srv:
        with srv.client() as c:
            wait_for_spare(c)
        batches: list[int] = []
        stop = threading.Event()

        def send_batches() -> None:
            with srv.client(KEYS["case-system"]) as c:
                while not stop.is_set():
                    r = c.post("/v1/check/batch", json={"documents": documents})
                    batches.append(r.status_code)

        senders = [threading.Thread(target=send_batches, daemon=True) for _ in range(2)]
        for sender in senders:
            sender.start()
        time.sleep(document_seconds)  # the batches' documents are queued and being checked
        notes = Caller(srv, KEYS["browser"])
        notes.start()
        while len(batches) < 2:
            time.sleep(0.05)
        notes.stop.set()
        notes.join()
        stop.set()
        for sender in senders:
            sender.join()
    assert set(batches) == {200}
    assert {status for status, _ in notes.answers} == {200}
    waits = sorted(t for _, t in notes.answers)
    assert len(waits) >= 5
    # First in, first out, a note would wait for documents ahead of it: about one to two
    # document checks. Taking turns, with a process kept for notes, it waits for a note at most.
    p90 = waits[int(0.9 * (len(waits) - 1))]
    print(
        f"notes while another key sends batches: median {statistics.median(waits) * 1000:.0f} "
        f"ms, p90 {p90 * 1000:.0f} ms; one document's check {document_seconds * 1000:.0f} ms"
    )
    assert statistics.median(waits) < document_seconds / 4
    assert p90 < document_seconds / 2
