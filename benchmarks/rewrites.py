"""How often a finding gets a verified rewrite, why candidates are dropped, what checking costs.

    .venv/bin/python benchmarks/rewrites.py            # the rewrite corpus and both corpora
    .venv/bin/python benchmarks/rewrites.py --repeat 3

Counts findings (warning or error, not quoted speech) of rules that have rewrite templates, and
how many of them offer at least one rewrite that passed every check (target: 90%). Then prints
the reasons candidates were dropped (vblint.analysis.rewrite.DROPPED), and the analysis time per
note with and without verification, measured in the same run on the same notes (verification
only runs for sentences with findings).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from corpus_score import load_corpus  # noqa: E402
from real_corpus import load_real  # noqa: E402
from vblint import Linter, Severity  # noqa: E402
from vblint.analysis import rewrite  # noqa: E402
from vblint.findings import SuggestionKind  # noqa: E402


def notes() -> list[str]:
    """Flagged sentences: the rewrite corpus, the real records, the invented must-flag items."""
    data = yaml.safe_load((ROOT / "tests" / "rewrites" / "corpus.yaml").read_text("utf-8"))
    texts = [i["text"] for i in data["items"]]
    texts += [i.text for i in load_real() if i.kind == "record"]
    texts += [i.text for i in load_corpus() if i.flag]
    return list(dict.fromkeys(texts))


def share(linter: Linter, texts: list[str]) -> tuple[int, int]:
    """(findings of rules with templates, those offering a verified rewrite)."""
    total = verified = 0
    for found in linter.check_many(texts):
        for f in found:
            rule = linter.rules.rules[f.rule]
            if f.severity is Severity.INFO or "quoted" in f.context or not rule.suggest:
                continue
            total += 1
            verified += any(s.kind is SuggestionKind.REPLACE for s in f.suggestions)
    return total, verified


def timed(linter: Linter, texts: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for _found in linter.check_many(texts):
            pass
        best = min(best, time.perf_counter() - started)
    return best / len(texts)


def main() -> int:
    """Print the share, the reasons and the timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    linter = Linter()
    texts = notes()
    rewrite.DROPPED.clear()
    total, verified = share(linter, texts)
    print(f"{len(texts)} flagged sentences; {total} findings of rules with rewrite templates")
    print(f"verified rewrite offered: {verified} ({verified / max(total, 1):.1%}; target 90%)")
    print(
        f"advice only:              {total - verified} ({(total - verified) / max(total, 1):.1%})"
    )
    print("candidates dropped, by reason:")
    for reason, count in rewrite.DROPPED.most_common():
        print(f"  {reason:<12}{count:>6}")
    engine = linter.nlp.get_pipe("vblint").engine  # type: ignore[attr-defined]
    with_checks = timed(linter, texts, args.repeat)
    verifier, engine.verifier = engine.verifier, None
    try:
        without = timed(linter, texts, args.repeat)
    finally:
        engine.verifier = verifier
    print(
        f"per flagged sentence: {with_checks * 1000:.2f} ms with verification, "
        f"{without * 1000:.2f} ms without (+{(with_checks / without - 1):.0%})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
