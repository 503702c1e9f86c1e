"""Per-key limits: requests per minute, and heavy requests under way at once.

Both are counted in the service process, which sees every request.

A fixed one-minute window per key name is enough to stop one calling system from starving the
others. Counted on the event loop; the lock keeps it correct if it is ever called from threads.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class RateLimiter:
    """Counts requests per key name in the current minute."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._windows: dict[str, tuple[int, int]] = {}
        self._lock = threading.Lock()

    def hit(self, name: str, now: float | None = None) -> int | None:
        """Count one request; the seconds until the next window when over the limit."""
        if self.per_minute == 0:
            return None
        moment = time.time() if now is None else now
        window = int(moment // 60)
        with self._lock:
            current, count = self._windows.get(name, (window, 0))
            if current != window:
                current, count = window, 0
            if count >= self.per_minute:
                return max(1, int(60 - moment % 60))
            self._windows[name] = (current, count + 1)
        return None


class HeavyGate:
    """At most ``per_key`` heavy requests (long documents or large batches) per key at once.

    A key's further heavy requests wait their turn here, in order, before any of their jobs is
    queued, so one caller's backlog of long documents never fills the queue ahead of others;
    light requests never wait here. Counted on the event loop.
    """

    def __init__(self, per_key: int) -> None:
        self.per_key = per_key
        self._gates: dict[str, tuple[asyncio.Semaphore, int]] = {}

    @asynccontextmanager
    async def enter(self, name: str) -> AsyncIterator[None]:
        """Hold one of ``name``'s heavy places for the body of the ``async with``."""
        gate, users = self._gates.get(name, (asyncio.Semaphore(self.per_key), 0))
        self._gates[name] = (gate, users + 1)
        try:
            async with gate:
                yield
        finally:
            gate, users = self._gates[name]
            if users == 1:
                del self._gates[name]  # no key is remembered once it has nothing under way
            else:
                self._gates[name] = (gate, users - 1)
