"""Keys take turns over real HTTP: one key's batch of many documents never keeps another key's
single note waiting behind it.

Shown by order and by counts, never by seconds: each of key A's documents has exactly one
finding and key B's note has none, so ``/metrics`` counts how many of A's documents have been
checked at any moment.
"""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path

import httpx
import pytest
from calibrate import prose
from harness import KEYS, key_settings, run_server

pytestmark = pytest.mark.slow

DOCUMENTS = 200
FLAGGED = "She put herself at risk by meeting him. "  # one VB101 finding


def checked(c: httpx.Client) -> int:
    """How many of key A's documents have been checked so far (one VB101 finding each)."""
    text = c.get("/metrics").text
    found = re.search(r'^vblint_findings_total\{[^}]*rule="VB101"[^}]*\} ([0-9.]+)$', text, re.M)
    return int(float(found.group(1))) if found else 0


def test_a_single_note_is_served_before_all_but_a_few_of_another_keys_batch(
    tmp_path: Path,
) -> None:
    documents = [
        {"id": f"d{i}", "text": FLAGGED + prose(12, f"Quorb{i}x")} for i in range(DOCUMENTS)
    ]
    note = prose(12, "Plonk")  # as long as A's documents, and no finding
    env = {
        **key_settings(),
        "VBLINT_MAX_BATCH": str(DOCUMENTS),
        "VBLINT_CHECK_TIMEOUT": "600",
        "VBLINT_RATE_LIMIT": "0",
    }
    with run_server(tmp_path / "server.log", env, workers=2) as srv:
        order: list[str] = []
        batch: dict[str, httpx.Response] = {}

        def send_batch() -> None:
            with srv.client(KEYS["case-system"]) as a:
                batch["reply"] = a.post("/v1/check/batch", json={"documents": documents})
            order.append("batch")

        sender = threading.Thread(target=send_batch, daemon=True)
        with srv.client() as c, srv.client(KEYS["browser"]) as b:
            sender.start()
            deadline = time.monotonic() + 120
            while (before := checked(c)) < 1:  # A's batch is being checked
                assert time.monotonic() < deadline, "the batch was never started"
                time.sleep(0.01)
            reply = b.post("/v1/check", json={"text": note})
            order.append("note")
            after = checked(c)
            sender.join(timeout=600)
    assert reply.status_code == 200 and reply.json()["findings"] == []
    assert batch["reply"].status_code == 200
    results = batch["reply"].json()["results"]
    assert [r["id"] for r in results] == [d["id"] for d in documents]  # complete, in order
    assert all([f["rule"] for f in r["findings"]] == ["VB101"] for r in results)
    # The note was answered while A's batch was still being checked...
    assert order == ["note", "batch"]
    assert before < DOCUMENTS // 4, "the batch was nearly done before the note was sent"
    # ...and it waited for at most a few of A's documents, not all that were queued before it
    # (first in, first out: every one of them). Two check processes, each finishing the job it
    # had, then the other one checking A's next documents while the note is checked.
    print(f"A's documents checked: {before} when B's note was sent, {after} when answered")
    assert after - before <= 12, (before, after)
