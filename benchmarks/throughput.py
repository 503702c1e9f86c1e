"""Words per second of vblint beside the bare spaCy pipeline, on the same text, in one run.

    .venv/bin/python benchmarks/throughput.py                  # 200,000 words
    .venv/bin/python benchmarks/throughput.py --words 50000 --repeat 1

(a) is the spaCy model as it ships, with the components vblint uses (named-entity recognition
    left out): what parsing the notes costs without vblint.
(p) is ``vblint.analysis.pipeline.load_base()``: the parse vblint runs, which adds line
    breaks that end sentences and swaps the model's attribute ruler for the same rules
    compiled to lookups.
(b) is ``vblint.Linter().check_many``: that parse plus matching, context and suggestions.
(o) is (b) with the prefilter off: every note parsed and every part of the matcher run over
    everything (the same findings, see tests/test_prefilter.py); (b) against (o) is what the
    prefilter saves. (b) against (p) is the cost of vblint's own component over the same parse
    (less the notes the prefilter leaves unparsed), against the 10% target.
All get the same texts and batch size after a warm-up; each is timed ``--repeat`` times, in
turn, and the fastest run of each is reported. Wall-clock and CPU time are both shown: on a busy
shared machine the CPU-time figures are the steadier comparison.
The target: vblint adds at most 20% to the bare pipeline's time, (b) against (a). (b) against
(p) is the cost of vblint's own component over the same parse. This prints figures; it is not a
test and never fails on speed.
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
from spacy.language import Language

import vblint
from vblint.analysis import pipeline

TARGET_OVERHEAD = 20.0
TARGET_COMPONENT = 10.0


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


def report(label: str, words: int, times: dict[str, list[float]]) -> None:
    """Print each pipeline's figure from its fastest run, and vblint's overheads."""
    best = {name: min(runs) for name, runs in times.items()}
    print(f"{label}:")
    for name, title in LABELS.items():
        print(f"  {title:<34} {words / best[name]:8.0f} words/s  ({best[name]:.2f} s)")
    overhead = (best["b"] - best["a"]) / best["a"] * 100
    own = (best["b"] - best["p"]) / best["p"] * 100
    verdict = "within" if overhead <= TARGET_OVERHEAD else "over"
    print(f"  vblint against (a): {overhead:+.1f}% ({verdict} the {TARGET_OVERHEAD:.0f}% target)")
    near = "within" if own <= TARGET_COMPONENT else "over"
    print(
        f"  vblint's component against (p), the same parse: {own:+.1f}% "
        f"({near} the {TARGET_COMPONENT:.0f}% target)"
    )
    print(f"  prefilter on against off: {best['o'] / best['b']:.2f}x as fast")
    print(f"  (b) against (a): {best['a'] / best['b']:.2f}x as fast as the bare parse")
    runs = ", ".join(f"{name} {[round(t, 2) for t in ts]}" for name, ts in times.items())
    print(f"  runs (s): {runs}")


LABELS = {
    "a": "(a) bare spaCy, as the model ships:",
    "p": "(p) the parse vblint runs:",
    "b": "(b) vblint check_many:",
    "o": "(o) vblint, prefilter off:",
}


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

    bare = pipeline.load_model(args.model)
    parse = pipeline.load_base(args.model)
    print(f"(a) components: {', '.join(bare.pipe_names)}")
    print(f"(p) components: {', '.join(parse.pipe_names)}")

    def runner(nlp: Language) -> Callable[[], int]:
        def run() -> int:
            return sum(1 for _ in nlp.pipe(texts, batch_size=args.batch_size))

        return run

    for nlp in (bare, parse):
        for _ in nlp.pipe(warm, batch_size=args.batch_size):
            pass
    rss_bare = peak_rss_mb()

    linter = vblint.Linter(model=args.model)
    print(f"(b) components: {', '.join(linter.nlp.pipe_names)}")

    def run_vblint() -> int:
        found = 0
        for findings in linter.check_many(texts, batch_size=args.batch_size):
            found += sum(1 for f in findings if f.severity.rank >= vblint.Severity.WARNING.rank)
        return found

    for _ in linter.check_many(warm, batch_size=args.batch_size):
        pass

    component = linter.nlp.get_pipe("vblint")

    def run_unfiltered() -> int:
        component.prefilter = False  # type: ignore[attr-defined]
        try:
            return run_vblint()
        finally:
            component.prefilter = True  # type: ignore[attr-defined]

    runs = {"a": runner(bare), "p": runner(parse), "b": run_vblint, "o": run_unfiltered}
    walls: dict[str, list[float]] = {name: [] for name in runs}
    cpus: dict[str, list[float]] = {name: [] for name in runs}
    flagged = 0
    for _ in range(args.repeat):
        for name, run in runs.items():
            wall, cpu, count = timed(run)
            walls[name].append(wall)
            cpus[name].append(cpu)
            if name == "b":
                flagged = count

    report("wall clock", words, walls)
    report("CPU time", words, cpus)
    print(f"warning/error findings: {flagged}")
    print(
        f"peak RSS: {rss_bare:.0f} MB after the two bare pipelines; "
        f"{peak_rss_mb():.0f} MB at the end (all three loaded)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
