"""The pool's queue: fair shares, retries first, abandoned jobs dropped; and a real pool's
recovery when a batch is ended for being over time."""

from __future__ import annotations

import asyncio
import logging

import pytest
from calibrate import slow_text

from vblint import Options
from vblint_server.checker import Job
from vblint_server.errors import ApiError
from vblint_server.lanes import BATCH_CHARS, MAX_BATCH, JobQueue, Pending
from vblint_server.pool import Pool


def job(text: str = "She put herself at risk.") -> Job:
    return Job(text, "text", Options(), "utf-16")


def pending(loop: asyncio.AbstractEventLoop, text: str = "x") -> Pending:
    return Pending(job(text), loop.create_future())


def test_a_lone_free_process_takes_every_waiting_job_up_to_the_cap() -> None:
    async def scenario() -> list[int]:
        loop = asyncio.get_running_loop()
        queue = JobQueue()
        await queue.put([pending(loop) for _ in range(MAX_BATCH + 1)])
        first = await queue.take()
        second = await queue.take()
        return [len(first), len(second)]

    assert asyncio.run(scenario()) == [MAX_BATCH, 1]


def test_waiting_jobs_are_shared_between_idle_processes() -> None:
    async def scenario() -> list[int]:
        loop = asyncio.get_running_loop()
        queue = JobQueue()
        takers = [asyncio.create_task(queue.take()) for _ in range(2)]
        await asyncio.sleep(0)  # both are now waiting
        await queue.put([pending(loop) for _ in range(2)])
        return sorted(len(batch) for batch in await asyncio.gather(*takers))

    assert asyncio.run(scenario()) == [1, 1]  # alone, one process would take both


def test_retried_jobs_go_first_and_abandoned_ones_are_dropped() -> None:
    async def scenario() -> list[str]:
        loop = asyncio.get_running_loop()
        queue = JobQueue()
        waiting = [pending(loop, t) for t in ("c", "d", "gone")]
        waiting[2].future.cancel()  # its request timed out while it waited
        await queue.put(waiting)
        await queue.put([pending(loop, "a"), pending(loop, "b")], front=True)
        taken = [await queue.take() for _ in range(2)]
        return [p.job.text for batch in taken for p in batch]

    assert asyncio.run(scenario()) == ["a", "b", "c", "d"]


def test_a_batch_stops_growing_at_the_character_budget() -> None:
    async def scenario() -> list[int]:
        loop = asyncio.get_running_loop()
        queue = JobQueue()
        big = "x" * (BATCH_CHARS - 2)
        await queue.put([pending(loop, big), pending(loop, "short"), pending(loop, "short")])
        return [len(await queue.take()), len(await queue.take())]

    assert asyncio.run(scenario()) == [1, 2]


@pytest.mark.slow
def test_a_job_over_time_fails_alone_and_a_spare_takes_its_process_place(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """One serving process and a spare: a slow text and a note are sent together. The slow one
    fails with check_timeout, the note is answered, and the pool never stops being ready
    (the limit is a third of the slow text's measured check time)."""
    slow = slow_text()

    async def scenario() -> tuple[list[object], list[str]]:
        pool = Pool(1, None, timeout=slow.limit(), spares=1)
        pool.start()
        try:
            while pool.spares_ready != 1:
                await asyncio.sleep(0.05)
            states: list[str] = []

            async def watch() -> None:
                while True:
                    states.append(pool.state)
                    await asyncio.sleep(0.005)

            watcher = asyncio.create_task(watch())
            outcomes = await pool.check([job(slow.text), job()])
            watcher.cancel()
            return list(outcomes), states
        finally:
            pool.close()

    with caplog.at_level(logging.WARNING, logger="vblint.server"):
        (over, note), states = asyncio.run(scenario())
    assert isinstance(over, ApiError) and over.code == "check_timeout"
    assert isinstance(note, list) and [f["rule"] for f in note] == ["VB101"]
    assert set(states) == {"ready"}
    assert "restarting the check process" in caplog.text


@pytest.mark.slow
def test_a_check_process_that_dies_fails_its_batch_and_is_replaced() -> None:
    async def scenario() -> list[str]:
        pool = Pool(1, None, spares=0)
        pool.start()
        try:
            while pool.state != "ready":
                await asyncio.sleep(0.05)
            slot = pool.slots[0]
            note = asyncio.create_task(pool.check([job(" ".join(["She met him."] * 800))]))
            while not slot.batch:
                await asyncio.sleep(0.001)
            slot.worker._process.terminate()  # a crash, not a timeout: the job is not retried
            (failed,) = await note
            assert isinstance(failed, ApiError) and failed.status == 500
            while pool.state != "ready":
                await asyncio.sleep(0.05)
            (findings,) = await pool.check([job()])
            assert isinstance(findings, list)
            return [f["rule"] for f in findings]
        finally:
            pool.close()

    assert asyncio.run(scenario()) == ["VB101"]
