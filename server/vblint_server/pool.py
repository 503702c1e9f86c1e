"""A pool of check processes fed from one queue, so every job goes to whichever one is free.

Why one queue in one process: with a check process per HTTP worker process, the kernel gives
each connection to one worker for the connection's life, so a client's keep-alive connections
can pile onto one worker while another idles (measured with two workers and eight connections:
seven on one worker, p99 212 ms). One event loop in front of N check processes balances by
construction, and one rate limiter sees every request. Which job a free process takes next is
the queue's business (:mod:`vblint_server.lanes`: notes never wait behind long documents, and
keys take turns).

The time limit is per job, counted from when a check process starts on it: a job over it fails
alone (a batch's other documents are answered), and its process is ended. So that one caller's
slow texts never leave the service with no process ready, a spare process is kept loaded and
takes the ended one's place at once, while the next spare loads.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from vblint_server import metrics
from vblint_server.checker import Job, JobResult
from vblint_server.errors import ApiError
from vblint_server.lanes import Findings, JobQueue, Pending
from vblint_server.process import Worker, launch

log = logging.getLogger("vblint.server")

Outcome = Findings | ApiError


def over_time(limit: float) -> ApiError:
    """The error for a document whose check outlasted the limit; never names the text."""
    return ApiError(
        503,
        "check_timeout",
        f"the check took longer than its {limit:g}s limit; send a shorter text or try again",
        headers={"Retry-After": "5"},
    )


class Slot:
    """One serving check process as the service sees it: loading, ready or failed, its batch."""

    def __init__(self) -> None:
        self.worker: Worker | None = None
        self.state = "loading"
        self.batch: list[Pending] = []

    def attach(self, worker: Worker) -> None:
        """Serve with ``worker`` from now on."""
        self.worker, self.state = worker, "ready"

    def stop(self) -> None:
        """End the process and forget it."""
        if self.worker is not None:
            self.worker.stop()
        self.worker = None


class Pool:
    """``size`` check processes taking batches from one queue; ``spares`` more in reserve.

    A spare is loaded and idle, waiting to take the place of a process that is ended.
    """

    def __init__(
        self,
        size: int,
        model: str | None,
        extra_packs: Sequence[str] = (),
        *,
        timeout: float = 10.0,
        spares: int = 1,
    ) -> None:
        self._launch_args = (model, list(extra_packs))
        self._threads = ThreadPoolExecutor(
            max_workers=size + spares + 1, thread_name_prefix="vblint-check"
        )
        self.timeout = timeout
        self.slots = [Slot() for _ in range(size)]
        self.queue = JobQueue(heavy_slots=max(1, size - 1))
        self._spares_wanted = spares
        self._spares: list[asyncio.Task[Worker | None]] = []
        self._tasks: list[asyncio.Task[None]] = []
        self._model = ""

    def start(self) -> None:
        """Start loading every check process; each then serves the queue until closed."""
        loop = asyncio.get_running_loop()
        self._tasks = [loop.create_task(self._drive(slot)) for slot in self.slots]
        self._tasks.append(loop.create_task(self._first_spares()))

    def close(self) -> None:
        """End every check process and stop serving."""
        for task in self._tasks:
            task.cancel()
        for slot in self.slots:
            slot.stop()
        for spare in self._spares:
            if spare.done() and not spare.cancelled() and (worker := spare.result()) is not None:
                worker.stop()
            spare.cancel()
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
    def spares_ready(self) -> int:
        """How many loaded spare processes are waiting to replace an ended one."""
        return sum(s.done() and not s.cancelled() and s.result() is not None for s in self._spares)

    @property
    def model(self) -> str:
        """The loaded pipeline's name and version, once any process has loaded it."""
        return self._model

    async def check(self, jobs: Sequence[Job], key: str = "", heavy: bool = False) -> list[Outcome]:
        """Findings, or the error that ended it, for each job.

        A job over the time limit fails with ``check_timeout``, and only it does.
        """
        loop = asyncio.get_running_loop()
        pending = [Pending(job, loop.create_future(), key, heavy) for job in jobs]
        await self.queue.put(pending)
        results = await asyncio.gather(*(p.future for p in pending), return_exceptions=True)
        outcomes: list[Outcome] = []
        for result in results:
            if isinstance(result, ApiError):
                outcomes.append(result)
            elif isinstance(result, BaseException):
                raise result
            else:
                outcomes.append(result)
        return outcomes

    async def _launch(self) -> Worker | None:
        model, packs = self._launch_args
        return await launch(model, packs, self._threads)

    async def _first_spares(self) -> None:
        """Load the spares once the serving processes have loaded, so as not to slow them."""
        while self.loading:
            await asyncio.sleep(0.05)
        if self.state == "ready":
            self._refill()

    def _refill(self) -> None:
        loop = asyncio.get_running_loop()
        while len(self._spares) < self._spares_wanted:
            self._spares.append(loop.create_task(self._launch()))

    def _loaded_spare(self) -> Worker | None:
        """A spare that has loaded, taken from the reserve (which starts loading another)."""
        for spare in self._spares:
            if spare.done() and not spare.cancelled() and spare.result() is not None:
                self._spares.remove(spare)
                self._refill()
                return spare.result()
        return None

    async def _replacement(self) -> Worker | None:
        """The spare loading longest if there is one, else a new process."""
        if not self._spares:
            return await self._launch()
        spare = self._spares.pop(0)
        worker = await spare
        self._refill()
        return worker if worker is not None else await self._launch()

    async def _drive(self, slot: Slot) -> None:
        worker = await self._launch()
        while worker is not None:
            slot.attach(worker)
            self._model = worker.model
            while slot.state == "ready":
                await self._run(slot, await self.queue.take())
            worker = await self._replacement()
        slot.state = "failed"
        if self.state == "failed":
            for p in self.queue.drain():
                if p.abandoned:
                    continue
                p.future.set_exception(
                    ApiError(503, "not_ready", "no check process could be started")
                )

    async def _run(self, slot: Slot, batch: list[Pending]) -> None:
        slot.batch = batch
        for p in batch:
            p.slot = slot
        try:
            outcomes = await self._exchange(slot, [p.job for p in batch])
        except (OverTimeError, EOFError, OSError) as ended:
            log.warning("restarting the check process")
            live = [p for p in batch if not p.abandoned]
            for p in live:
                p.slot = None
            if isinstance(ended, OverTimeError):
                await self._over_time(live, shared=len(batch) > 1)
            else:
                for p in live:
                    p.future.set_exception(
                        ApiError(500, "internal_error", "the check process stopped")
                    )
            return
        finally:
            slot.batch = []
            await self.queue.release(batch)
        for p, (kind, value) in zip(batch, outcomes, strict=True):
            if p.abandoned:
                continue
            if kind == "ok":
                metrics.count_findings(value)
                p.future.set_result(value)
            else:
                log.error("check failed: %s", value)
                p.future.set_exception(ApiError(500, "internal_error", "the check failed"))

    async def _exchange(self, slot: Slot, jobs: list[Job]) -> list[JobResult]:
        """The batch's outcomes, or OverTimeError past the time limit (the process ended).

        EOFError if the process ended by itself. Over time, a loaded spare takes the
        process's place before the process is ended, so the slot never stops being ready;
        the ended process is waited for afterwards.
        """
        worker = slot.worker
        if worker is None:
            slot.state = "loading"
            raise EOFError
        exchange = asyncio.ensure_future(worker.exchange(jobs, self._threads))
        done, _ = await asyncio.wait({exchange}, timeout=self.timeout)
        if not done:
            spare = self._loaded_spare()
            if spare is not None:
                slot.attach(spare)
            else:
                slot.worker, slot.state = None, "loading"
            worker.kill()  # the pipe closes, so the thread waiting on it ends with EOFError
        try:
            outcomes = await exchange
        except (EOFError, OSError):
            worker.stop()
            if done:  # it ended by itself: a crash
                slot.worker, slot.state = None, "loading"
                raise
            raise OverTimeError from None
        if not done:  # it answered just as it was ended
            worker.stop()
        return outcomes

    async def _over_time(self, live: list[Pending], shared: bool) -> None:
        """Fail, or retry alone, the jobs of a batch that ran over time.

        Alone, a job fails with ``check_timeout``. In a batch, each of the batch's jobs is
        retried alone, first, so that only the slow one fails.
        """
        if shared:
            for p in live:
                p.solo = True
            await self.queue.put(live, front=True)
            return
        for p in live:
            metrics.CHECK_TIMEOUTS.inc()
            p.future.set_exception(over_time(self.timeout))


class OverTimeError(Exception):
    """A batch outlasted the time limit, and its check process was ended."""
