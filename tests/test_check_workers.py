"""``vblint check --jobs 2``: the worker processes end when the command is killed with ``kill -9``.

A behaviour bound, not a speed figure: the workers must be gone within 30 seconds (the kernel
ends them at once on Linux; the portable watch polls twice a second).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import psutil
import pytest

pytestmark = pytest.mark.slow

NOTE = "Jade put herself at risk by meeting him at the flat. She was seen by the school nurse.\n"
BOUND = 30.0


def _alive(proc: psutil.Process) -> bool:
    try:
        return proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _wait_for(condition: Callable[[], bool], limit: float) -> bool:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_workers_end_when_the_command_is_killed(tmp_path: Path) -> None:
    for i in range(800):  # enough that the workers are still busy when the parent dies
        (tmp_path / f"note-{i:03}.txt").write_text(NOTE * 20)
    vblint = Path(sys.executable).parent / "vblint"
    command = subprocess.Popen(
        [str(vblint), "check", "--jobs", "2", str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: list[psutil.Process] = []
    try:
        parent = psutil.Process(command.pid)
        assert _wait_for(lambda: len(parent.children()) >= 2, 240), "no workers started"
        workers = parent.children(recursive=True)
        assert command.poll() is None, "the run ended before it could be killed"
        os.kill(command.pid, signal.SIGKILL)
        command.wait(30)
        assert _wait_for(lambda: not any(_alive(w) for w in workers), BOUND), [
            w.pid for w in workers if _alive(w)
        ]
    finally:  # never leave processes behind, whatever failed
        if command.poll() is None:
            command.kill()
            command.wait()
        for worker in workers:
            if _alive(worker):
                worker.kill()


_ORPHAN = """
import os, sys, threading, time
from vblint.cli import workers

parent = os.getpid()
child = os.fork()
if child == 0:  # only the portable watch: no prctl, as on a system without one
    threading.Thread(target=workers._watch, args=(parent,), daemon=True).start()
    time.sleep(600)
    os._exit(0)
print(child, flush=True)
time.sleep(600)
"""


def test_the_portable_watch_alone_ends_an_orphaned_worker() -> None:
    command = subprocess.Popen([sys.executable, "-c", _ORPHAN], stdout=subprocess.PIPE, text=True)
    assert command.stdout is not None
    worker = psutil.Process(int(command.stdout.readline()))
    try:
        os.kill(command.pid, signal.SIGKILL)
        command.wait(30)
        assert _wait_for(lambda: not _alive(worker), BOUND)
    finally:
        if _alive(worker):
            worker.kill()
