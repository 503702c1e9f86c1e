"""The queue's lanes: keys take turns, long documents never take the last process, a job
that shared an over-time batch is taken alone; and the per-key limit on heavy requests."""

from __future__ import annotations

import asyncio

from vblint import Options
from vblint_server.checker import Job
from vblint_server.lanes import SHARED_SECONDS, JobQueue, Pending
from vblint_server.limits import HeavyGate


def pending(
    loop: asyncio.AbstractEventLoop, text: str, key: str = "", heavy: bool = False
) -> Pending:
    return Pending(Job(text, "text", Options(), "utf-16"), loop.create_future(), key, heavy)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_keys_take_turns_one_job_at_a_time_and_a_lone_key_takes_pairs() -> None:
    async def scenario() -> list[list[str]]:
        loop = asyncio.get_running_loop()
        clock = Clock()
        queue = JobQueue(clock=clock)
        await queue.put([pending(loop, f"a{i}", "a") for i in range(6)])
        await queue.put([pending(loop, "b0", "b"), pending(loop, "b1", "b")])
        taken = []
        while len(queue) > 2:
            taken.append([p.job.text for p in await queue.take()])
        clock.now += SHARED_SECONDS + 0.1  # b was last served long enough ago
        while len(queue):
            taken.append([p.job.text for p in await queue.take()])
        return taken

    # While both keys share the service, the keys take turns, one job each: a pair would hold
    # a process for two jobs while the other key waited. b has nothing waiting at a3, but was
    # served just now. Once b has gone quiet, a (alone) takes its jobs in pairs again.
    assert asyncio.run(scenario()) == [
        ["a0"],
        ["b0"],
        ["a1"],
        ["b1"],
        ["a2"],
        ["a3"],
        ["a4", "a5"],
    ]


def test_a_pair_comes_from_one_key() -> None:
    async def scenario() -> list[list[str]]:
        loop = asyncio.get_running_loop()
        queue = JobQueue()
        await queue.put([pending(loop, f"a{i}", "a") for i in range(4)])
        return [[p.job.text for p in await queue.take()] for _ in range(2)]

    assert asyncio.run(scenario()) == [["a0", "a1"], ["a2", "a3"]]


def test_heavy_jobs_wait_for_a_heavy_slot_and_notes_go_past_them() -> None:
    async def scenario() -> tuple[list[str], bool, list[str], list[str]]:
        loop = asyncio.get_running_loop()
        queue = JobQueue(heavy_slots=1)
        await queue.put([pending(loop, f"long{i}", "a", heavy=True) for i in range(2)])
        first = await queue.take()
        second = asyncio.create_task(queue.take())
        await asyncio.sleep(0.01)
        blocked = not second.done()  # the one heavy slot is taken
        await queue.put([pending(loop, "note", "b")])
        note = await second
        third = asyncio.create_task(queue.take())
        await asyncio.sleep(0.01)
        await queue.release(first)
        after = await third
        return (
            [p.job.text for p in first],
            blocked,
            [p.job.text for p in note],
            [p.job.text for p in after],
        )

    first, blocked, note, after = asyncio.run(scenario())
    assert first == ["long0"]
    assert blocked
    assert note == ["note"]  # taken although a heavy job waited longer
    assert after == ["long1"]  # once the heavy slot was released


def test_a_job_retried_alone_is_taken_alone() -> None:
    async def scenario() -> list[int]:
        loop = asyncio.get_running_loop()
        queue = JobQueue()
        retried = [pending(loop, "x"), pending(loop, "y")]
        for p in retried:
            p.solo = True
        await queue.put([pending(loop, "later"), pending(loop, "later")])
        await queue.put(retried, front=True)
        return [len(await queue.take()) for _ in range(3)]

    assert asyncio.run(scenario()) == [1, 1, 2]


def test_each_key_has_at_most_its_heavy_places_and_others_are_not_held_up() -> None:
    async def scenario() -> list[str]:
        gate = HeavyGate(per_key=1)
        order: list[str] = []
        release = asyncio.Event()

        async def heavy(name: str, label: str) -> None:
            async with gate.enter(name):
                order.append(f"start {label}")
                await release.wait()
                order.append(f"end {label}")

        first = asyncio.create_task(heavy("a", "a1"))
        second = asyncio.create_task(heavy("a", "a2"))
        other = asyncio.create_task(heavy("b", "b1"))
        await asyncio.sleep(0.01)
        release.set()
        await asyncio.gather(first, second, other)
        assert not gate._gates  # nothing is remembered about a key with nothing under way
        return order

    order = asyncio.run(scenario())
    assert order[:2] == ["start a1", "start b1"]  # a2 waits for a1; b is not held up
    assert order.index("start a2") > order.index("end a1")


def test_a_key_sending_one_note_at_a_time_goes_before_a_backlog() -> None:
    async def scenario() -> list[list[str]]:
        loop = asyncio.get_running_loop()
        queue = JobQueue()
        await queue.put([pending(loop, "b0", "b")])
        await queue.put([pending(loop, f"a{i}", "a") for i in range(6)])
        taken = [[p.job.text for p in await queue.take()] for _ in range(2)]
        await queue.put([pending(loop, "b1", "b")])  # b's next note, after a's turn
        taken += [[p.job.text for p in await queue.take()] for _ in range(2)]
        return taken

    # b was served before a's last turn, so its next note goes before a's backlog; and while b
    # shares the service, a's jobs are taken one at a time.
    assert asyncio.run(scenario()) == [["b0"], ["a0"], ["b1"], ["a1"]]
