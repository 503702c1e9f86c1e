"""Fuzzing the library: no text raises, offsets are exact, time stays near the parse's.

A fixed, derandomized budget of examples, so the test is the same on every run and ends in
well under a minute. The texts are ``tests/fuzzing.py``'s (rule phrases, so there are findings
to get offsets for, stated ages, quotation marks, runs of brackets and emoji with no space,
lone surrogates, line breaks and bullets, and arbitrary characters); ``benchmarks/fuzz.py``
runs the same inputs for as long as it is given.

Time is a ratio to the parse vblint runs on (``pipeline.load_base``, no vblint component) of
the same text, in the same test, never seconds: over all examples together, and for the
examples most likely to be slow (the highest ratios of one timing, and the longest text),
timed again in turn with their own parse, best of a few repeats for both sides. A checker
whose cost grows with the square of the text fails that bound on these inputs once the
square term reaches the bound on the longest text: the second test shows it with a stand-in
that adds a parse of the whole text for every 80 characters (about 30x on the longest).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from tests.fuzzing import PIECES, REFERENCE, drawn, examples, ratio, timed

from vblint import Finding, Linter
from vblint.analysis import pipeline
from vblint.text import cleaned

RATIO = 20.0
EXAMPLES = 120
RETIMED = 3  # the examples with the highest ratio of one timing, timed again
REPEAT = 5
Parse = Callable[[str], object]
Timing = tuple[float, float, str]  # check, parse, text


def _warmed(linter: Linter) -> tuple[Parse, float]:
    """The bare parse and its floor, after first-call costs (word lists, caches) are paid."""
    base = pipeline.load_base()
    for piece in PIECES:
        linter.check(piece + " " + piece)
        base(cleaned(piece))
    floor = min(timed(lambda: base(REFERENCE)) for _ in range(REPEAT))
    return base, floor


def _candidates(timings: list[Timing], floor: float) -> list[str]:
    """The examples most likely to be slow, to be timed again.

    The ``RETIMED`` highest ratios of one timing (a busy moment may have put an example
    there; timing it again takes it out) and the longest text, always (where cost that grows
    faster than the text shows most).
    """
    by_ratio = sorted(timings, key=lambda t: t[0] / max(t[1], floor), reverse=True)
    longest = max(timings, key=lambda t: len(t[2]))[2]
    return list(dict.fromkeys([t[2] for t in by_ratio[:RETIMED]] + [longest]))


def _worst(
    check: Callable[[str], object], base: Parse, floor: float, timings: list[Timing]
) -> tuple[float, str]:
    """The highest ratio among the candidates, each timed again in turn with its parse."""
    worst = (0.0, "")
    for text in _candidates(timings, floor):
        found = ratio(partial(check, text), partial(base, cleaned(text)), floor, REPEAT)
        worst = max(worst, (found, text))
    return worst


def test_fuzzed_texts_never_raise_keep_exact_offsets_and_stay_near_the_parse(
    linter: Linter,
) -> None:
    base, floor = _warmed(linter)
    timings: list[Timing] = []
    findings = 0

    def one(text: str) -> None:
        nonlocal findings
        safe = cleaned(text)
        parse = timed(lambda: base(safe))
        found: list[Finding] = []
        check = timed(lambda: found.extend(linter.check(text)))
        for finding in found:
            assert 0 <= finding.start <= finding.end <= len(text)
            assert safe[finding.start : finding.end] == finding.text
        timings.append((check, parse, text))
        findings += len(found)

    examples(EXAMPLES, one)
    assert len(timings) >= EXAMPLES // 2
    assert findings > 0
    total_check = sum(c for c, _, _ in timings)
    total_parse = sum(p for _, p, _ in timings)
    assert total_check <= RATIO * total_parse, f"{total_check / total_parse:.1f}x the parse"
    worst, text = _worst(linter.check, base, floor, timings)
    assert worst <= RATIO, f"{worst:.1f}x the parse on {len(text)} characters"


def test_a_checker_quadratic_in_the_text_would_fail_the_time_bound(linter: Linter) -> None:
    base, floor = _warmed(linter)

    def quadratic(text: str) -> None:
        """A parse of the whole text for every 80 characters: cost grows with its square."""
        safe = cleaned(text)
        for _ in range(1 + len(safe) // 80):
            base(safe)

    texts = drawn(EXAMPLES)  # the first test's texts: both go through fuzzing.examples
    longest = max(texts, key=len)
    timings = [(1.0, 1.0, text) for text in texts]
    assert longest in _candidates(timings, floor)  # always timed again, whatever one timing says
    found = ratio(partial(quadratic, longest), partial(base, cleaned(longest)), floor, 2)
    assert found > RATIO, f"{found:.1f}x the parse on {len(longest)} characters"
