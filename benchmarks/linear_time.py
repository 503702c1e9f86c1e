"""Time to check inputs that used to take quadratic time, beside the bare parse of each.

    .venv/bin/python benchmarks/linear_time.py                     # N = 250/500/1000/2000
    .venv/bin/python benchmarks/linear_time.py --sizes 250 500 --runs 8000

(1) ``"she put herself at risk " * N`` with no full stop: one finding per repeat, all in one
    "sentence" (2.6 / 8.4 / 29 / 121 s for N = 250 / 500 / 1,000 / 2,000 before sentences
    were bounded; the bare parse took 0.45 s at N = 500).
(2) Runs with no space: nested parentheses, quotation marks and emoji (8,000 nested
    parentheses took 46 s in spaCy's tokenizer before long runs were cut).
"bare" is ``spacy.load`` of the model as it ships, parsing the same text in the same run;
"vblint" is ``Linter.check``. Each figure is the fastest of ``--repeat`` runs, wall-clock
and CPU; the ratios are of CPU time. For linear time the ratio between one row and the one
before it (the input doubled) stays near 2.
This prints figures; it never fails on speed.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from vblint import Linter
from vblint.analysis import pipeline


def best(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """The fastest of ``repeat`` wall-clock and CPU timings of ``run``, in seconds.

    On a busy shared machine the CPU time is the steadier figure.
    """
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus)


def table(title: str, texts: dict[int, str], linter: Linter, repeat: int) -> None:
    """One row per size: vblint, the bare parse, their ratio, and the growth on doubling."""
    bare = pipeline.load_model()
    bare.max_length = max(len(t) for t in texts.values()) + 1
    linter.nlp.max_length = max(linter.nlp.max_length, bare.max_length)
    print(f"\n{title}")
    print(
        f"{'N':>7} {'chars':>8} {'vblint s':>9} {'cpu s':>7} {'bare s':>8} {'cpu s':>7}"
        f" {'x bare':>7} {'x prev':>7}"
    )
    previous = None
    for size, text in texts.items():
        ours, ours_cpu = best(lambda text=text: linter.check(text), repeat)
        parse, parse_cpu = best(lambda text=text: bare(text), repeat)
        # Ratios from CPU time: the figure other work on the machine disturbs least.
        growth = f"{ours_cpu / previous:7.2f}" if previous else f"{'':>7}"
        print(
            f"{size:>7} {len(text):>8} {ours:9.2f} {ours_cpu:7.2f} {parse:8.2f} {parse_cpu:7.2f}"
            f" {ours_cpu / parse_cpu:7.2f} {growth}"
        )
        previous = ours_cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[250, 500, 1000, 2000])
    parser.add_argument("--runs", type=int, nargs="*", default=[1000, 2000, 4000, 8000])
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    linter = Linter()
    linter.check("She put herself at risk.")  # warm-up: load and first-call costs
    table(
        '(1) "she put herself at risk " * N, no full stop',
        {n: "she put herself at risk " * n for n in args.sizes},
        linter,
        args.repeat,
    )
    runs: dict[str, Callable[[int], str]] = {
        "nested parentheses": lambda n: "(" * (n // 2) + ")" * (n - n // 2),
        "quotation marks": lambda n: ("\"'" * n)[:n],
        "emoji": lambda n: "\U0001f600" * n,
    }
    for name, make in runs.items():
        table(
            f"(2) {name}, no space: N characters",
            {n: make(n) for n in args.runs},
            linter,
            args.repeat,
        )


if __name__ == "__main__":
    main()
