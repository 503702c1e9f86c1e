"""One started check process and its pipe, as the pool holds it (serving, or as a spare).

The pipe is only ever used from a thread of the pool's executor, never on the event loop, so a
long parse never blocks the loop; ending the process closes the pipe, which ends that thread.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import Executor
from multiprocessing.connection import Connection
from typing import Any

from vblint_server import checker
from vblint_server.checker import Job, JobResult

log = logging.getLogger("vblint.server")


class Worker:
    """A check process whose pipeline has loaded."""

    def __init__(self, process: Any, conn: Connection, model: str) -> None:
        self._process = process
        self._conn = conn
        self.model = model

    @property
    def pid(self) -> int:
        """The process id (tests and operators use it to tell the processes apart)."""
        pid: int = self._process.pid
        return pid

    async def exchange(self, jobs: list[Job], threads: Executor) -> list[JobResult]:
        """Send a batch and wait, on a thread, for its outcomes; EOFError if the process ends."""
        loop = asyncio.get_running_loop()
        outcomes: list[JobResult] = await loop.run_in_executor(threads, _exchange, self._conn, jobs)
        return outcomes

    def kill(self) -> None:
        """End the process now; a thread waiting on its pipe gets EOFError."""
        if self._process.is_alive():
            self._process.kill()

    def stop(self) -> None:
        """End the process and wait for it, so that no zombie is left."""
        self.kill()
        self._process.join(5)
        self._conn.close()


async def launch(model: str | None, extra_packs: list[str], threads: Executor) -> Worker | None:
    """A new check process once its pipeline has loaded; None (logged) if it could not load."""
    loop = asyncio.get_running_loop()
    process = None
    try:
        process, conn = checker.start(model, extra_packs)
        kind, detail = await loop.run_in_executor(threads, _receive, conn)
    except asyncio.CancelledError:
        if process is not None and process.is_alive():
            process.kill()
        raise
    except Exception as exc:
        kind, detail = "failed", type(exc).__name__
    if kind == "ready":
        return Worker(process, conn, str(detail))
    log.error("the spaCy pipeline could not be loaded: %s", detail)
    if process is not None:
        if process.is_alive():
            process.kill()
        process.join(5)
    return None


def _receive(conn: Connection) -> tuple[str, Any]:
    message: tuple[str, Any] = conn.recv()
    return message


def _exchange(conn: Connection, jobs: list[Job]) -> list[JobResult]:
    conn.send(jobs)
    outcomes: list[JobResult] = conn.recv()
    return outcomes
