"""Where jobs wait for a check process: two lanes, each taking turns between API keys.

Why two lanes: a long document holds a check process for seconds, a case note for tens of
milliseconds. If long documents could take every process, a note sent meanwhile would wait
behind one of them; so heavy jobs (documents of at least ``heavy_chars`` characters) are checked
by at most ``heavy_slots`` processes at once (one fewer than there are, when there are two or
more), and the rest are always free for notes.

Why turns between keys: first in, first out lets a caller that sends a batch of fifty documents
put all fifty ahead of another caller's single note. Each lane keeps one queue per key and
takes from the keys in turn, the key served longest ago first, so the other caller's note is
taken by the next free process. Two jobs parsed together come from one key, so a caller's note
is never parsed along with another's; and they are parsed together only while no other key is
sharing the service (none waiting, none served in the last ``SHARED_SECONDS``). A pair holds a
process for nearly two notes' time, so another caller's next note could wait that long for the
first free process; one job at a time, it waits for at most one.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from vblint_server.checker import Job

MAX_BATCH = 2
"""Most jobs one check process takes at once. A pair is parsed in 90% of the time of two single
notes, and larger batches save little more (88%) while every job in a batch waits for the whole
of it: measured at concurrency 8 with two check processes, batches of up to 2, 4 and 16 gave
p99 107-126, 130-141 and 163-167 ms."""

BATCH_CHARS = 20_000
"""A batch stops growing at this many characters, so short notes never wait behind a long one
for long; a single job over it is still taken, alone."""

SHARED_SECONDS = 2.0
"""A key served this recently still shares the service: while it does, other keys' jobs are
taken one at a time, not in pairs. Long enough to span the gap between a caller's answer and
its next note; a lone caller (every request under one key) always has its pairs."""

Findings = list[dict[str, Any]]


@dataclass(eq=False)
class Pending:
    """A job waiting for, or being checked by, a check process."""

    job: Job
    future: asyncio.Future[Findings]
    key: str = ""
    heavy: bool = False
    solo: bool = False
    """Checked alone from now on: it shared a batch that ran over time, so the next run must
    say whether it, or the other job, was the slow one."""
    slot: Any = field(default=None, repr=False)

    @property
    def abandoned(self) -> bool:
        """Answered, failed, or given up on (its request went away)."""
        return self.future.done()


class Lane:
    """Waiting jobs by key; the key served longest ago goes next.

    For keys that always have jobs waiting that is plain round-robin. A key that sends one note
    at a time has nothing waiting between its notes; when its next one comes it was served
    longer ago than a key with a backlog, so it goes next, not after that key's next turn.
    Keys are API key names, a set the operator configures, so remembering when each was last
    served stays small.
    """

    def __init__(self) -> None:
        self._keys: OrderedDict[str, deque[Pending]] = OrderedDict()
        self._served: dict[str, int] = {}
        self._tick = 0

    def __len__(self) -> int:
        return sum(len(jobs) for jobs in self._keys.values())

    def __bool__(self) -> bool:
        return bool(self._keys)

    def put(self, item: Pending, front: bool = False) -> None:
        """Queue at the back of its key's queue, or (a retry) at the very front."""
        jobs = self._keys.setdefault(item.key, deque())
        if front:
            jobs.appendleft(item)
            self._served[item.key] = min(self._served.values(), default=0) - 1
        else:
            jobs.append(item)

    def waiting_keys(self) -> list[str]:
        """The keys with jobs waiting."""
        return list(self._keys)

    def next_of(self, key: str) -> Pending | None:
        """``key``'s oldest waiting job, if any, without taking it."""
        jobs = self._keys.get(key)
        return jobs[0] if jobs else None

    def pop_of(self, key: str) -> Pending:
        """Take ``key``'s oldest waiting job, and count ``key`` as served now."""
        jobs = self._keys[key]
        item = jobs.popleft()
        if not jobs:
            del self._keys[key]
        self._tick += 1
        self._served[key] = self._tick
        return item

    def pop(self) -> Pending:
        """The oldest job of the key served longest ago (never served: first come first)."""
        key = min(self._keys, key=lambda k: self._served.get(k, 0))
        return self.pop_of(key)

    def prune(self) -> None:
        """Drop jobs nobody waits for any more."""
        for key in list(self._keys):
            jobs = self._keys[key]
            if any(p.abandoned for p in jobs):
                kept = deque(p for p in jobs if not p.abandoned)
                if kept:
                    self._keys[key] = kept
                else:
                    del self._keys[key]

    def drain(self) -> list[Pending]:
        """Every waiting job, leaving the lane empty."""
        items = [p for jobs in self._keys.values() for p in jobs]
        self._keys.clear()
        return items


class JobQueue:
    """The light and heavy lanes, and which of their jobs a free check process may take."""

    def __init__(self, heavy_slots: int = 1, clock: Callable[[], float] = time.monotonic) -> None:
        self.heavy_slots = heavy_slots
        self._light = Lane()
        self._heavy = Lane()
        self._changed = asyncio.Condition()
        self._idle = 0
        self.heavy_running = 0
        self._clock = clock
        self._taken: dict[str, float] = {}
        """When each key's jobs were last taken (key names are the operator's, a small set)."""

    def __len__(self) -> int:
        return len(self._light) + len(self._heavy)

    async def put(self, items: Sequence[Pending], front: bool = False) -> None:
        """Queue ``items`` in order, at the back or (to retry them first) at the front."""
        async with self._changed:
            for item in reversed(items) if front else items:
                (self._heavy if item.heavy else self._light).put(item, front)
            self._changed.notify(len(items))

    async def take(self) -> list[Pending]:
        """The next batch: a share of the waiting light jobs, or one heavy job.

        A heavy job is taken only while a heavy slot is free; waits until there is a batch.
        """
        async with self._changed:
            self._idle += 1
            try:
                while not self._takeable():
                    await self._changed.wait()
            finally:
                self._idle -= 1
            if not self._light:
                self.heavy_running += 1
                batch = [self._heavy.pop()]
            else:
                batch = self._light_batch()
            self._taken[batch[0].key] = self._clock()
            return batch

    async def release(self, batch: Sequence[Pending]) -> None:
        """A batch is over: if it was heavy, its slot may go to the next heavy job."""
        if batch and batch[0].heavy:
            async with self._changed:
                self.heavy_running -= 1
                self._changed.notify()

    def drain(self) -> list[Pending]:
        """Every waiting job (when no check process can ever take them)."""
        return self._light.drain() + self._heavy.drain()

    def _takeable(self) -> bool:
        self._light.prune()
        self._heavy.prune()
        return bool(self._light) or (bool(self._heavy) and self.heavy_running < self.heavy_slots)

    def _shared(self, key: str) -> bool:
        """Whether a key other than ``key`` has jobs waiting or was served lately."""
        if any(other != key for other in self._light.waiting_keys() + self._heavy.waiting_keys()):
            return True
        since = self._clock() - SHARED_SECONDS
        return any(other != key and at > since for other, at in self._taken.items())

    def _light_batch(self) -> list[Pending]:
        share = min(MAX_BATCH, -(-len(self._light) // (self._idle + 1)))
        batch = [self._light.pop()]
        key = batch[0].key
        if self._shared(key):
            share = 1
        chars = len(batch[0].job.text)
        while len(batch) < share and not batch[0].solo:
            following = self._light.next_of(key)
            if following is None or following.solo:
                break
            size = len(following.job.text)
            if chars + size > BATCH_CHARS:
                break
            batch.append(self._light.pop_of(key))
            chars += size
        return batch
