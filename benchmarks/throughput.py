"""Words per second of vblint beside the bare spaCy pipeline, on the same text, in one run.

    .venv/bin/python benchmarks/throughput.py                  # 200,000 words
    .venv/bin/python benchmarks/throughput.py --words 50000 --repeat 1

(a) is ``vblint.pipeline.load_base()``: exactly the components vblint runs, without vblint.
(b) is ``vblint.Linter().check_many``: the same parse plus matching, context and suggestions.
Both get the same texts and batch size after a warm-up; each is timed ``--repeat`` times,
alternating, and the fastest run of each is reported. Wall-clock and CPU time are both shown:
on a busy shared machine the CPU-time figures are the steadier comparison.
The target from issue 2: vblint adds at most 20% to the bare pipeline's time. This prints
figures; it is not a test and never fails on speed.
"""

from __future__ import annotations

import argparse
import gc
import platform
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from casenotes import corpus

import vblint
from vblint import pipeline

TARGET_OVERHEAD = 20.0


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux reports KB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / (1024 * 1024)


def timed(run: Callable[[], int]) -> tuple[float, float, int]:
    """Wall-clock and CPU seconds taken by ``run``, and what it counted."""
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    count = run()
    return time.perf_counter() - wall, time.process_time() - cpu, count


def report(label: str, words: int, bare: list[float], checked: list[float]) -> None:
    """Print both figures from the fastest runs, and vblint's overhead."""
    t_bare, t_vblint = min(bare), min(checked)
    overhead = (t_vblint - t_bare) / t_bare * 100
    verdict = "within" if overhead <= TARGET_OVERHEAD else "over"
    print(f"{label}:")
    print(f"  (a) bare spaCy:        {words / t_bare:10.0f} words/s  ({t_bare:.2f} s)")
    print(f"  (b) vblint check_many: {words / t_vblint:10.0f} words/s  ({t_vblint:.2f} s)")
    print(f"  vblint overhead: {overhead:+.1f}% ({verdict} the {TARGET_OVERHEAD:.0f}% target)")
    runs = f"bare {[round(t, 2) for t in bare]}, vblint {[round(t, 2) for t in checked]}"
    print(f"  runs (s): {runs}")


def main(argv: list[str] | None = None) -> int:
    """Build the corpus, time both pipelines, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=200_000, help="corpus size in words")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--repeat", type=int, default=2, help="timed runs of each, alternating")
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--model", default=None, help="spaCy pipeline name or path")
    args = parser.parse_args(argv)

    texts = corpus(args.words, args.seed)
    words = sum(len(t.split()) for t in texts)
    warm = texts[:50]
    print(f"corpus: {len(texts)} notes, {words} words, {sum(map(len, texts))} characters")
    print(
        f"python {platform.python_version()}, spaCy pipeline "
        f"{pipeline.model_name(args.model)}, batch size {args.batch_size}"
    )

    bare = pipeline.load_base(args.model)
    print(f"bare pipeline components: {', '.join(bare.pipe_names)}")

    def run_bare() -> int:
        return sum(1 for _ in bare.pipe(texts, batch_size=args.batch_size))

    for _ in bare.pipe(warm, batch_size=args.batch_size):
        pass
    rss_bare = peak_rss_mb()

    linter = vblint.Linter(model=args.model)
    print(f"vblint pipeline components: {', '.join(linter.nlp.pipe_names)}")

    def run_vblint() -> int:
        found = 0
        for findings in linter.check_many(texts, batch_size=args.batch_size):
            found += sum(1 for f in findings if f.severity.rank >= vblint.Severity.WARNING.rank)
        return found

    for _ in linter.check_many(warm, batch_size=args.batch_size):
        pass

    walls: tuple[list[float], list[float]] = ([], [])
    cpus: tuple[list[float], list[float]] = ([], [])
    flagged = 0
    for _ in range(args.repeat):
        for index, run in enumerate((run_bare, run_vblint)):
            wall, cpu, count = timed(run)
            walls[index].append(wall)
            cpus[index].append(cpu)
            if run is run_vblint:
                flagged = count

    report("wall clock", words, *walls)
    report("CPU time", words, *cpus)
    print(f"warning/error findings: {flagged}")
    print(
        f"peak RSS: {rss_bare:.0f} MB after the bare pipeline; "
        f"{peak_rss_mb():.0f} MB at the end (both pipelines loaded)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
