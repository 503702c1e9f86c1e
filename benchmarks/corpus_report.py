"""List the corpus items vblint gets wrong, with the rules involved: a tool for rule authors.

    .venv/bin/python benchmarks/corpus_report.py                 # misses, then the score table
    .venv/bin/python benchmarks/corpus_report.py --only fp       # false positives only
    .venv/bin/python benchmarks/corpus_report.py --theme consent --category consent-implying

A false positive lists every warning or error it got (rule id, name, category, matched words);
a false negative lists any info findings it did get, which often shows a rule that matched but
was downgraded. The items are the invented texts in tests/corpus/.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from corpus_score import CATEGORIES, ItemResult, load_corpus, score  # noqa: E402
from vblint import Finding, Linter  # noqa: E402


def _describe(finding: Finding) -> str:
    return (
        f"{finding.rule} {finding.name} [{finding.category.value}, {finding.severity.value}"
        f"{'' if finding.confidence == 1.0 else f', conf {finding.confidence:.2f}'}]"
        f" {finding.text!r}"
    )


def _block(title: str, outcomes: list[ItemResult], linter: Linter) -> list[str]:
    lines = [f"== {title} ({len(outcomes)})"]
    for outcome in outcomes:
        item = outcome.item
        label = f" ({item.category})" if item.category else ""
        lines.append(f"- {item.where}{label}: {item.text}")
        if item.note:
            lines.append(f"    note: {item.note}")
        shown = outcome.blocking or linter.check(item.text)
        if not shown:
            lines.append("    no finding at all")
        lines += [f"    {_describe(f)}" for f in shown]
    return lines


def main(argv: list[str] | None = None) -> int:
    """Print the misses and the score table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("fp", "fn"), help="list one kind of miss")
    parser.add_argument("--theme", help="only items from tests/corpus/THEME.yaml")
    parser.add_argument("--category", choices=CATEGORIES, help="only must-flag items of this")
    parser.add_argument("--model", help="spaCy pipeline name or path")
    args = parser.parse_args(argv)

    linter = Linter(model=args.model)
    result = score(linter, load_corpus())
    fps, fns = result.false_positives, result.false_negatives
    if args.theme:
        fps = [o for o in fps if o.item.theme == args.theme]
        fns = [o for o in fns if o.item.theme == args.theme]
    if args.category:
        fps = [o for o in fps if any(f.category.value == args.category for f in o.blocking)]
        fns = [o for o in fns if o.item.category == args.category]
    lines: list[str] = []
    if args.only != "fn":
        lines += _block("false positives: must-not-flag items that were flagged", fps, linter)
        lines.append("")
    if args.only != "fp":
        lines += _block("false negatives: must-flag items that were not flagged", fns, linter)
        lines.append("")
    print("\n".join(lines) + "\n" + result.table(), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
