"""``--checkpoint``: a run killed part-way and run again gives the same totals as one run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from tests.conftest import run_cli

ARGS = ["--text-column", "note", "--group-by", "team", "--date-column", "date", "--min-cell", "1"]


def audit(source: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return run_cli("audit", str(source), *ARGS, "--scheduler", "synchronous", *extra)


def figures(report: dict[str, Any]) -> dict[str, Any]:
    return {k: report[k] for k in ("total", "groups", "periods", "cells", "bad_input")}


def test_killed_then_resumed_gives_identical_totals(archive: Path, tmp_path: Path) -> None:
    source = archive / "notes.csv"
    whole = audit(source, "--piece-notes", "5", "--json")
    assert whole.returncode == 0, whole.stderr
    checkpoint = tmp_path / "ckpt"
    command = [
        str(Path(sys.executable).parent / "vblint"), "audit", str(source), *ARGS,
        "--scheduler", "synchronous", "--piece-notes", "5", "--checkpoint", str(checkpoint),
        "--json", str(tmp_path / "never.json"),
    ]  # fmt: skip
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 300  # a liveness bound, not a speed requirement
        while len(list(checkpoint.glob("piece-*.json"))) < 2 and time.monotonic() < deadline:
            assert proc.poll() is None, "the audit ended before it could be interrupted"
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    saved = len(list(checkpoint.glob("piece-*.json")))
    total = json.loads(whole.stdout)["run"]["pieces"]
    assert 2 <= saved < total
    assert not (tmp_path / "never.json").exists()
    resumed = audit(source, "--piece-notes", "5", "--checkpoint", str(checkpoint), "--json")
    assert resumed.returncode == 0, resumed.stderr
    report = json.loads(resumed.stdout)
    assert report["run"]["from_checkpoint"] == saved
    assert figures(report) == figures(json.loads(whole.stdout))
    again = audit(source, "--piece-notes", "5", "--checkpoint", str(checkpoint), "--json")
    assert json.loads(again.stdout)["run"]["from_checkpoint"] == total


def test_a_checkpoint_of_another_audit_is_refused(archive: Path, tmp_path: Path) -> None:
    checkpoint = tmp_path / "ckpt"
    first = audit(archive / "notes.jsonl", "--checkpoint", str(checkpoint))
    assert first.returncode == 0, first.stderr
    other = audit(archive / "notes.jsonl", "--checkpoint", str(checkpoint), "--select", "VB101")
    assert other.returncode == 2
    assert other.stderr.strip().splitlines() == [
        f"vblint: error: {checkpoint}: holds another audit (the source, its files or the options"
        " differ); use a new directory"
    ]
