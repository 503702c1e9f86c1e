"""Requests per key per minute, counted in the service process (which sees every request).

A fixed one-minute window per key name is enough to stop one calling system from starving the
others. Counted on the event loop; the lock keeps it correct if it is ever called from threads.
"""

from __future__ import annotations

import threading
import time


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
