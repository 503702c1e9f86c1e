"""The terminal progress bar: share done, notes done, the flagged rate so far, time left.

Drawn on one line of stderr, only when asked or when stderr is a terminal; it shows counts,
never anything read from a note.
"""

from __future__ import annotations

import time
from types import TracebackType
from typing import TextIO

from vblint.audit.run import Progress

WIDTH = 24


def render(progress: Progress, now: float) -> str:
    """One line: ``[####----]  41% | 82,113 notes | 7.9% flagged | 1,204 notes/s | 1m12s left``."""
    share = progress.done_weight / progress.total_weight if progress.total_weight else 1.0
    filled = round(WIDTH * share)
    elapsed = max(now - progress.started, 1e-9)
    rate = progress.flagged / progress.notes if progress.notes else 0.0
    left = elapsed * (1 - share) / share if share > 0 else None
    parts = [
        f"[{'#' * filled}{'-' * (WIDTH - filled)}] {share:4.0%}",
        f"{progress.notes:,} notes",
        f"{rate:.1%} flagged",
        f"{progress.notes / elapsed:,.0f} notes/s",
        f"{duration(left)} left" if left is not None else "estimating",
    ]
    return " | ".join(parts)


def duration(seconds: float | None) -> str:
    """``1h02m``, ``3m05s`` or ``12s``."""
    if seconds is None:
        return "?"
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h{minutes:02d}m"
    return f"{minutes}m{secs:02d}s" if minutes else f"{secs}s"


class ProgressBar:
    """Redraws the line as pieces finish; clears it at the end."""

    def __init__(self, stream: TextIO, enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled
        self.drawn = 0

    def __enter__(self) -> ProgressBar:
        return self

    def update(self, progress: Progress) -> None:
        """Redraw with the latest counts."""
        if not self.enabled:
            return
        line = render(progress, time.perf_counter())
        self.stream.write("\r" + line.ljust(self.drawn))
        self.stream.flush()
        self.drawn = len(line)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.enabled and self.drawn:
            self.stream.write("\r" + " " * self.drawn + "\r")
            self.stream.flush()
