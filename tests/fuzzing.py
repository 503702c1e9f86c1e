"""The fuzz inputs and the time measure shared by the fuzz tests and ``benchmarks/fuzz.py``.

One place for them, so that the suite's short runs (``tests/test_fuzz.py``, the HTTP API in
``tests/server/test_fuzz_http.py``, the language server in ``tests/lsp/test_surrogates.py``)
and the long benchmark runs feed the same kind of text and judge time the same way.

A text is up to ``PARTS`` parts, joined by nothing, a space or a line break. A part is a piece
that has broken linters before (rule phrases, so there are findings to get offsets for; stated
ages; quotation marks; brackets, quotes and emoji, which repeated give runs with no space;
lone surrogates; bullets and line breaks), a piece repeated 2 to ``REPEATS`` times, or up to
``CODE_POINTS`` arbitrary characters. ``random_text`` draws from a ``random.Random`` (for runs
of any length); ``texts`` is the same as a hypothesis strategy (for fixed, shrinking runs).

Time is judged as a ratio to the parse vblint runs on (``pipeline.load_base``, no vblint
component) of the same text, never in seconds: both sides are timed in turn, best of a few
repeats, so a busy moment on a shared machine slows both or is repeated away.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PIECES = (
    "she put herself at risk",
    "She put herself at risk by meeting him",
    "Jade (14) consented to sex with her boyfriend",
    "he is 24",
    "aged 13",
    "a 19-year-old man",
    "'she was asking for it'",
    "\u201cpromiscuous\u201d",
    "she was sexually active",
    "he chose to go back",
    "\u2022 ",
    "- ",
    "1. ",
    "\n",
    "\n\n",
    ". ",
    ", ",
    "(",
    ")",
    "[",
    '"',
    "'",
    "\U0001f600",
    "\U0001f469\U0001f3fd\u200d\u2695\ufe0f",
    "\ud800",
    "\udfff",
    "\u200b",
    "e\u0301",
    "\t",
    "  ",
    "&amp;",
    "https://example.org/a?b=c",
)
PARTS = 40
REPEATS = 60
CODE_POINTS = 12
SEPARATORS = ("", " ", "\n")
# A short note: a tiny text's parse is too quick to time, so a ratio's parse is at least this.
REFERENCE = "Jade went to the park with her friends after school and came home at six."


def random_text(rng: random.Random) -> str:
    """One input: up to ``PARTS`` parts, each a piece, a piece repeated, or random code points."""
    parts = []
    for _ in range(rng.randint(0, PARTS)):
        kind = rng.random()
        if kind < 0.6:
            parts.append(rng.choice(PIECES))
        elif kind < 0.8:
            parts.append(rng.choice(PIECES) * rng.randint(2, REPEATS))
        else:
            size = rng.randint(1, CODE_POINTS)
            parts.append("".join(chr(rng.randint(0, 0x10FFFF)) for _ in range(size)))
    return rng.choice(SEPARATORS).join(parts)


_part = st.one_of(
    st.sampled_from(PIECES),
    st.tuples(st.sampled_from(PIECES), st.integers(2, REPEATS)).map(lambda pr: pr[0] * pr[1]),
    st.text(min_size=1, max_size=CODE_POINTS),
)
texts = st.tuples(st.sampled_from(SEPARATORS), st.lists(_part, max_size=PARTS)).map(
    lambda sp: sp[0].join(sp[1])
)


def fixed(examples: int) -> settings:
    """Hypothesis settings for a suite run: the same ``examples`` on every run, no deadline.

    Derandomized with no example database, so a run never depends on an earlier one; no
    deadline and no health checks, since time is judged by ratio (``ratio``), not per example.
    """
    return settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )


def examples(count: int, run: Callable[[str], None]) -> None:
    """Run ``run`` on ``count`` texts from ``texts``, the same texts on every run and call.

    Hypothesis seeds a derandomized run from the test function's source, so every caller
    goes through this one function: the same ``count`` gives the same texts everywhere (a
    test can time again what another checked), and a failure still shrinks to a short text.
    """

    @fixed(count)
    @given(texts)
    def each(text: str) -> None:
        run(text)

    each()


def drawn(count: int) -> list[str]:
    """``count`` texts from ``texts``, the same on every run (for surfaces fed a list)."""
    found: list[str] = []
    examples(count, found.append)
    return found


def timed(run: Callable[[], object]) -> float:
    """One wall-clock timing of ``run``, in seconds."""
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def ratio(
    check: Callable[[], object], parse: Callable[[], object], floor: float, repeat: int
) -> float:
    """How many times the parse ``check`` takes: best of ``repeat`` for both, timed in turn.

    Taking turns puts both sides through the same moments of the machine; the best of each
    is the least disturbed. ``floor`` is the least a parse counts for (``REFERENCE``'s).
    """
    best_check = best_parse = float("inf")
    for _ in range(repeat):
        best_parse = min(best_parse, timed(parse))
        best_check = min(best_check, timed(check))
    return best_check / max(best_parse, floor)
