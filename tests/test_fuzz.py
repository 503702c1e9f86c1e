"""Fuzzing the library: no text raises, offsets are exact, time stays near the parse's.

A fixed, derandomized budget of examples, so the test is the same on every run and ends in
well under a minute. Texts are built from pieces that have broken linters before: rule
phrases (so there are findings to get offsets for), stated ages, quotation marks, runs of
brackets and emoji with no space, lone surrogates, line breaks and bullets, and arbitrary
characters. ``benchmarks/fuzz.py`` runs the same idea for as long as it is given.

Time is compared with the parse vblint runs on (``pipeline.load_base``, no vblint component),
of the same text, in the same test: over all examples together, and per example against the
larger of its own parse and the parse of a short note (a tiny text's parse is too quick to
time on its own).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vblint import Finding, Linter
from vblint.analysis import pipeline
from vblint.text import cleaned

PIECES = [
    "she put herself at risk",
    "She put herself at risk by meeting him",
    "Jade (14) consented to sex with her boyfriend",
    "he is 24",
    "aged 13",
    "a 19-year-old man",
    "'she was asking for it'",
    "“promiscuous”",
    "\u2022 ",
    "- ",
    "1. ",
    "\n",
    "\n\n",
    ". ",
    ", ",
    "(" * 30,
    ")" * 30,
    "\U0001f600" * 20,
    '"' * 25,
    "\ud800",
    "\udfff",
    "\u200b",
    "e\u0301",
    "\t",
    "  ",
]
RATIO = 20.0
EXAMPLES = 120

texts = st.lists(
    st.one_of(
        st.sampled_from(PIECES),
        st.text(max_size=12),
        st.sampled_from(PIECES).map(lambda p: p * 12),
    ),
    max_size=60,
).map(lambda parts: " ".join(parts))


def _timed(run: Callable[[], object], repeat: int = 1) -> float:
    """The fastest of ``repeat`` wall-clock timings of ``run``."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def test_fuzzed_texts_never_raise_keep_exact_offsets_and_stay_near_the_parse(
    linter: Linter,
) -> None:
    base = pipeline.load_base()
    for piece in PIECES:  # first-call costs (word lists, caches) are not any input's
        linter.check(piece + " " + piece)
        base(cleaned(piece))
    reference = "Jade went to the park with her friends after school and came home at six."
    floor = _timed(lambda: base(reference), repeat=5)
    timings: list[tuple[float, float, str]] = []
    findings = 0

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(texts)
    def one(text: str) -> None:
        nonlocal findings
        safe = cleaned(text)
        parse = _timed(lambda: base(safe))
        found: list[Finding] = []
        check = _timed(lambda: found.extend(linter.check(text)))
        for finding in found:
            assert 0 <= finding.start <= finding.end <= len(text)
            assert safe[finding.start : finding.end] == finding.text
        timings.append((check, parse, text))
        findings += len(found)

    one()
    assert len(timings) >= EXAMPLES // 2
    assert findings > 0
    total_check = sum(c for c, _, _ in timings)
    total_parse = sum(p for _, p, _ in timings)
    assert total_check <= RATIO * total_parse, f"{total_check / total_parse:.1f}x the parse"
    # The slowest example against its own parse, timed again: a busy moment is not the input.
    *_, text = max(timings, key=lambda t: t[0] / max(t[1], floor))
    check = _timed(lambda: linter.check(text), repeat=3)
    parse = max(_timed(lambda: base(cleaned(text)), repeat=3), floor)
    assert check <= RATIO * parse, f"{check / parse:.0f}x the parse on {len(text)} characters"
