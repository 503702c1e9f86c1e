"""Long fuzzing runs of the library: how many inputs ran and how many failed.

    .venv/bin/python benchmarks/fuzz.py --seconds 300
    .venv/bin/python benchmarks/fuzz.py --count 100000 --seed 7 --save failures.json

Each input is built at random (``tests/fuzzing.py``, shared with the fuzz tests) from pieces
that have broken linters before (rule phrases, stated ages, quotation marks, runs of brackets,
quotes and emoji with no space, lone surrogates, bullets and line breaks) and arbitrary code
points. An input fails when checking it raises, when a finding's offsets do not give back its
text, or when checking takes more than ``--ratio`` times the parse vblint runs on
(``pipeline.load_base``) of the same text, timed in the same run (the larger of that and the
parse of a short note, since a tiny text's parse is too quick to time). A slow input is timed
again, in turn with its parse and best of three for both, before it counts, so a busy moment
on the machine is not reported as a failure. ``tests/test_fuzz.py`` is the fixed, short
version of this in the suite.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from fuzzing import PIECES, REFERENCE, random_text, ratio, timed
from vblint import Linter
from vblint.analysis import pipeline
from vblint.text import cleaned


def problem(
    linter: Linter, base: Callable[[str], object], text: str, floor: float, bound: float
) -> str | None:
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
    # A slow one is timed again in turn with its parse, best of three: a busy moment is not it.
    slow = check > bound * max(timed(lambda: base(safe)), floor)
    if slow and ratio(lambda: linter.check(text), lambda: base(safe), floor, 3) > bound:
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
    floor = min(timed(lambda: base(REFERENCE)) for _ in range(5))
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
