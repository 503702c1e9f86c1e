"""Check times measured on this machine, in this test run, so that time limits in the HTTP tests
are ratios of them and never absolute seconds.

A test that needs a check to outlast the service's time limit grows an ordinary text until its
check takes ``factor`` times a note's, then sets the limit to a fraction of that: the long text
is then over the limit several times, and a note is under it many times, however fast or busy
the machine. A busier machine only makes the long check slower still. Measured once per test
process and shared.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from vblint import Linter

NOTE = "She put herself at risk by meeting him."


@lru_cache(maxsize=1)
def linter() -> Linter:
    """One pipeline for the test process, warmed up."""
    found = Linter()
    found.check(NOTE)
    return found


def seconds(text: str, rounds: int = 1) -> float:
    """The median time of ``rounds`` in-process checks of ``text``."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        linter().check(text)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def prose(count: int, word: str = "Brimple") -> str:
    """``count`` plain sentences: a text whose check time grows in step with its length."""
    return " ".join(f"{word}{i} met him at the park." for i in range(count))


@dataclass(frozen=True)
class Slow:
    """A text whose check takes ``factor`` times a note's, and both times."""

    text: str
    seconds: float
    note_seconds: float

    def limit(self, fraction: float = 1 / 3) -> float:
        """A time limit the slow text is over ``1 / fraction`` times."""
        return self.seconds * fraction


@lru_cache(maxsize=4)
def slow_text(
    build: Callable[[int], str] = prose,
    factor: float = 100,
    note: str = NOTE,
    start: int = 1000,
    max_chars: int = 1_000_000,
) -> Slow:
    """Grow ``build(n)`` (doubling ``n``) until its check takes ``factor`` times ``note``'s.

    The margin is wide because other work on the machine can slow one check process several
    times more than another for a while: with a limit of a third of the slow check, a note
    stays inside it unless it runs over thirty times slower than it did here.
    """
    note_seconds = seconds(note, rounds=7)
    count = start
    while True:
        text = build(count)
        took = seconds(text)
        if took >= factor * note_seconds or len(text) * 2 > max_chars:
            return Slow(text, took, note_seconds)
        count *= 2
