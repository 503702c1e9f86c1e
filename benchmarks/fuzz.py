"""Long fuzzing runs of the library: how many inputs ran and how many failed.

    .venv/bin/python benchmarks/fuzz.py --seconds 300
    .venv/bin/python benchmarks/fuzz.py --count 100000 --seed 7 --save failures.json

Each input is built at random from pieces that have broken linters before (rule phrases,
stated ages, quotation marks, runs of brackets, quotes and emoji with no space, lone
surrogates, bullets and line breaks) and arbitrary code points. An input fails when checking
it raises, when a finding's offsets do not give back its text, or when checking takes more
than ``--ratio`` times the parse vblint runs on (``pipeline.load_base``) of the same text,
timed in the same run (the larger of that and the parse of a short note, since a tiny text's
parse is too quick to time). A slow input is timed again before it counts, so a busy moment
on the machine is not reported as a failure. ``tests/test_fuzz.py`` is the fixed, short
version of this in the suite.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections import Counter
from collections.abc import Callable

from vblint import Linter
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
]


def random_text(rng: random.Random) -> str:
    """One input: up to 40 parts, each a piece, a piece repeated, or random code points."""
    parts = []
    for _ in range(rng.randint(0, 40)):
        kind = rng.random()
        if kind < 0.6:
            parts.append(rng.choice(PIECES))
        elif kind < 0.8:
            parts.append(rng.choice(PIECES) * rng.randint(2, 60))
        else:
            parts.append("".join(chr(rng.randint(0, 0x10FFFF)) for _ in range(rng.randint(1, 12))))
    return rng.choice(["", " ", "\n"]).join(parts)


def timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def problem(linter: Linter, base: object, text: str, floor: float, ratio: float) -> str | None:
    """Why ``text`` fails (None: it does not)."""
    safe = cleaned(text)
    try:
        found = []
        check = timed(lambda: found.extend(linter.check(text)))
    except Exception as exc:  # the point of fuzzing: any exception is a failure to report
        return f"raised {type(exc).__name__}"
    for finding in found:
        if safe[finding.start : finding.end] != finding.text:
            return "offsets"
    parse = max(timed(lambda: base(safe)), floor)  # type: ignore[operator]
    if check > ratio * parse:
        again = min(timed(lambda: linter.check(text)) for _ in range(2))
        parse = max(min(timed(lambda: base(safe)) for _ in range(2)), floor)  # type: ignore[operator]
        if again > ratio * parse:
            return "slow"
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--count", type=int, default=0, help="stop after this many inputs")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--ratio", type=float, default=20.0)
    parser.add_argument("--save", help="write failing inputs to this JSON file")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    linter = Linter()
    base = pipeline.load_base()
    for piece in PIECES:
        linter.check(piece + " " + piece)
    reference = "Jade went to the park with her friends after school and came home at six."
    floor = min(timed(lambda: base(reference)) for _ in range(5))
    started = time.monotonic()
    ran, chars = 0, 0
    failures: Counter[str] = Counter()
    saved: list[dict[str, str]] = []
    while (args.count and ran < args.count) or (
        not args.count and time.monotonic() - started < args.seconds
    ):
        text = random_text(rng)
        why = problem(linter, base, text, floor, args.ratio)
        ran += 1
        chars += len(text)
        if why is not None:
            failures[why] += 1
            saved.append({"why": why, "text": text})
    elapsed = time.monotonic() - started
    print(f"seed {args.seed}: {ran} inputs ({chars} characters) in {elapsed:.0f} s")
    print(f"failed: {sum(failures.values())}" + (f" {dict(failures)}" if failures else ""))
    if args.save and saved:
        with open(args.save, "w", encoding="utf-8") as out:
            json.dump(saved, out, ensure_ascii=True, indent=1)


if __name__ == "__main__":
    main()
