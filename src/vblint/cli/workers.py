"""``--jobs`` worker processes that end with the command that started them.

Without this, ``kill -9`` of ``vblint check --jobs N`` leaves its workers running: each holds the
other's end of the task pipe, so none ever sees it close. Two guards, set up in each worker as
the pool starts it:

- On Linux the kernel sends the worker ``SIGTERM`` when its parent dies
  (``prctl(PR_SET_PDEATHSIG)``), at once and with no polling.
- Everywhere, a daemon thread notices the parent has changed (``os.getppid()``: the orphan is
  adopted by init or a subreaper) and ends the worker the same way. This also covers the parent
  dying before the ``prctl`` call.

``SIGTERM`` is what ends the worker, so a fix being written finishes its rename first (see
:mod:`vblint.safe_write`) and no temporary file is left.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
POLL_SECONDS = 0.5


def start_worker(parent: int) -> None:
    """Pool initializer: tie this worker's life to process ``parent`` (the ``vblint`` command)."""
    _ask_the_kernel()
    if os.getppid() != parent:  # the parent died before the kernel was asked
        _end()
    threading.Thread(target=_watch, args=(parent,), name="vblint-parent", daemon=True).start()


def _ask_the_kernel() -> None:
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)


def _watch(parent: int) -> None:
    """Poll the parent's pid; cheap (one system call) and only when the kernel cannot tell us."""
    if hasattr(signal, "pthread_sigmask"):  # signals for the process go to its main thread
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    while os.getppid() == parent:
        time.sleep(POLL_SECONDS)
    _end()


def _end() -> None:
    os.kill(os.getpid(), signal.SIGTERM)
