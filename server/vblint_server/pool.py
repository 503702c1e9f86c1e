"""A pool of check processes fed from one queue, so every job goes to whichever one is free.

Why one queue in one process: with a check process per HTTP worker process, the kernel gives
each connection to one worker for the connection's life, so a client's keep-alive connections
can pile onto one worker while another idles (measured with two workers and eight connections:
seven on one worker, p99 212 ms). One event loop in front of N check processes balances by
construction, and one rate limiter sees every request.

When jobs are waiting, a free check process takes its share of them (the queue split between
the check processes that are idle, at most :data:`MAX_BATCH`) as one batch: parsing two short
notes together is about 10% faster than one by one, and no job ever waits for a batch to fill.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from vblint_server import checker, metrics
from vblint_server.checker import Job, JobResult
from vblint_server.errors import ApiError

log = logging.getLogger("vblint.server")

MAX_BATCH = 2
"""Most jobs one check process takes at once. A pair is parsed in 90% of the time of two single
notes, and larger batches save little more (88%) while every job in a batch waits for the whole
of it: measured at concurrency 8 with two check processes, batches of up to 2, 4 and 16 gave
p99 107-126, 130-141 and 163-167 ms."""

BATCH_CHARS = 20_000
"""A batch stops growing at this many characters, so short notes never wait behind a long one
for long; a single job over it is still taken, alone."""

Findings = list[dict[str, Any]]


@dataclass(eq=False)
class Pending:
    """A job waiting for, or being checked by, a check process."""

    job: Job
    future: asyncio.Future[Findings]
    slot: Slot | None = None

    @property
    def abandoned(self) -> bool:
        """Answered, failed, or given up on (its request timed out or went away)."""
        return self.future.done()


class JobQueue:
    """First in, first out; jobs from a batch whose process was ended go back to the front."""

    def __init__(self) -> None:
        self._items: deque[Pending] = deque()
        self._changed = asyncio.Condition()
        self._idle = 0

    def __len__(self) -> int:
        return len(self._items)

    async def put(self, items: Sequence[Pending], front: bool = False) -> None:
        """Queue ``items`` in order, at the back or (to retry them first) at the front."""
        async with self._changed:
            if front:
                self._items.extendleft(reversed(items))
            else:
                self._items.extend(items)
            self._changed.notify(len(items))

    async def take(self) -> list[Pending]:
        """The next batch: this process's share of the waiting jobs, at least one."""
        async with self._changed:
            self._idle += 1
            try:
                while not self._prune():
                    await self._changed.wait()
            finally:
                self._idle -= 1
            share = min(MAX_BATCH, -(-len(self._items) // (self._idle + 1)))
            batch = [self._items.popleft()]
            chars = len(batch[0].job.text)
            while self._items and len(batch) < share:
                size = len(self._items[0].job.text)
                if chars + size > BATCH_CHARS:
                    break
                batch.append(self._items.popleft())
                chars += size
            return batch

    def _prune(self) -> bool:
        """Drop jobs nobody waits for any more; True if any remain."""
        if any(p.abandoned for p in self._items):
            self._items = deque(p for p in self._items if not p.abandoned)
        return bool(self._items)


class Slot:
    """One check process as the service sees it: loading, ready or failed, and its batch."""

    def __init__(self, model: str | None, extra_packs: list[str], threads: ThreadPoolExecutor):
        self._model = model
        self._extra_packs = extra_packs
        self._threads = threads
        self._process: Any = None
        self._conn: Connection | None = None
        self.state = "loading"
        self.model = ""
        self.batch: list[Pending] = []
        self.killed = False

    async def load(self) -> None:
        """Start a check process and wait until its pipeline is loaded (or has failed)."""
        self.state, self.killed = "loading", False
        loop = asyncio.get_running_loop()
        try:
            self._process, conn = checker.start(self._model, self._extra_packs)
            kind, detail = await loop.run_in_executor(self._threads, _receive, conn)
        except Exception as exc:
            kind, detail = "failed", type(exc).__name__
        if kind != "ready":
            self.state = "failed"
            log.error("the spaCy pipeline could not be loaded: %s", detail)
            self.stop()
            return
        self._conn, self.model, self.state = conn, str(detail), "ready"

    async def exchange(self, jobs: list[Job]) -> list[JobResult]:
        """Send a batch and wait, on a thread, for its outcomes; EOFError if the process ends."""
        if self._conn is None:
            raise EOFError
        loop = asyncio.get_running_loop()
        outcomes: list[JobResult] = await loop.run_in_executor(
            self._threads, _exchange, self._conn, jobs
        )
        return outcomes

    def kill(self) -> None:
        """End the process now (its batch is over time); the pool starts another."""
        self.killed = True
        self.state = "loading"  # from now on, not counted as ready
        if self._process is not None and self._process.is_alive():
            self._process.kill()

    def stop(self) -> None:
        """End the process and forget it."""
        if self._process is not None:
            if self._process.is_alive():
                self._process.kill()
            self._process.join(5)
        self._process, self._conn = None, None


class Pool:
    """``size`` check processes taking batches from one queue; restarted when ended."""

    def __init__(self, size: int, model: str | None, extra_packs: Sequence[str] = ()) -> None:
        self._threads = ThreadPoolExecutor(max_workers=size, thread_name_prefix="vblint-check")
        self.slots = [Slot(model, list(extra_packs), self._threads) for _ in range(size)]
        self.queue = JobQueue()
        self._tasks: list[asyncio.Task[None]] = []
        self._model = ""

    def start(self) -> None:
        """Start loading every check process; each then serves the queue until closed."""
        loop = asyncio.get_running_loop()
        self._tasks = [loop.create_task(self._drive(slot)) for slot in self.slots]

    def close(self) -> None:
        """End every check process and stop serving."""
        for task in self._tasks:
            task.cancel()
        for slot in self.slots:
            slot.stop()
        self._threads.shutdown(wait=False, cancel_futures=True)

    @property
    def state(self) -> str:
        """Ready while any check process is ready; failed when all failed to load."""
        states = {slot.state for slot in self.slots}
        if "ready" in states:
            return "ready"
        return "failed" if states == {"failed"} else "loading"

    @property
    def loading(self) -> bool:
        """True while any check process is loading."""
        return any(slot.state == "loading" for slot in self.slots)

    @property
    def ready(self) -> int:
        """How many check processes are ready."""
        return sum(slot.state == "ready" for slot in self.slots)

    @property
    def model(self) -> str:
        """The loaded pipeline's name and version, once any process has loaded it."""
        return self._model

    async def check(self, jobs: Sequence[Job], timeout: float) -> list[Findings]:
        """Findings for each job; TimeoutError (with its parses stopped) over ``timeout``."""
        loop = asyncio.get_running_loop()
        pending = [Pending(job, loop.create_future()) for job in jobs]
        await self.queue.put(pending)
        try:
            results = await asyncio.wait_for(
                asyncio.gather(*(p.future for p in pending), return_exceptions=True), timeout
            )
        except TimeoutError:
            self._stop_running(pending)
            raise
        findings: list[Findings] = []
        for result in results:
            if isinstance(result, BaseException):
                raise result
            findings.append(result)
        return findings

    def _stop_running(self, pending: Sequence[Pending]) -> None:
        """End the check process of any of these jobs that is being checked right now."""
        for p in pending:
            if p.slot is not None and p in p.slot.batch:
                p.slot.kill()

    async def _drive(self, slot: Slot) -> None:
        while True:
            await slot.load()
            if slot.state != "ready":
                return
            self._model = slot.model
            while slot.state == "ready":
                await self._run(slot, await self.queue.take())

    async def _run(self, slot: Slot, batch: list[Pending]) -> None:
        slot.batch = batch
        for p in batch:
            p.slot = slot
        try:
            outcomes = await slot.exchange([p.job for p in batch])
        except (EOFError, OSError):
            await self._lost(slot, [p for p in batch if not p.abandoned])
            return
        finally:
            slot.batch = []
        for p, (kind, value) in zip(batch, outcomes, strict=True):
            if p.abandoned:
                continue
            if kind == "ok":
                metrics.count_findings(value)
                p.future.set_result(value)
            else:
                log.error("check failed: %s", value)
                p.future.set_exception(ApiError(500, "internal_error", "the check failed"))

    async def _lost(self, slot: Slot, survivors: list[Pending]) -> None:
        """The process ended mid-batch: retry or fail the other jobs; a new one starts next.

        Ended for being over time, the others' jobs go back to the front of the queue; after a
        crash they fail, since one of them may be why.
        """
        log.warning("restarting the check process")
        killed = slot.killed
        slot.stop()
        slot.state = "loading"
        for p in survivors:
            p.slot = None
        if killed:
            await self.queue.put(survivors, front=True)
            return
        for p in survivors:
            p.future.set_exception(ApiError(500, "internal_error", "the check process stopped"))


def _receive(conn: Connection) -> tuple[str, Any]:
    message: tuple[str, Any] = conn.recv()
    return message


def _exchange(conn: Connection, jobs: list[Job]) -> list[JobResult]:
    conn.send(jobs)
    outcomes: list[JobResult] = conn.recv()
    return outcomes
