"""List the corpus items vblint gets wrong, with the rules involved: a tool for rule authors.

    .venv/bin/python benchmarks/corpus_report.py                 # misses, then the score table
    .venv/bin/python benchmarks/corpus_report.py --only fp       # false positives only
    .venv/bin/python benchmarks/corpus_report.py --theme consent --category consent-implying

A false positive lists every warning or error it got (rule id, name, category, matched words);
a false negative lists any info findings it did get, which often shows a rule that matched but
was downgraded. The items are the invented texts in tests/corpus/; with ``--real`` the published
sentences in tests/corpus/real/. ``--snapshot`` records the rules each item gets
(tests/corpus/rules-snapshot.json), which the suite compares.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from corpus_score import CATEGORIES, ItemResult, load_corpus, score  # noqa: E402
from corpus_snapshot import (  # noqa: E402
    SNAPSHOT,
    differences,
    load_snapshot,
    rule_ids,
    write_snapshot,
)
from real_corpus import load_real, score_real  # noqa: E402
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
    parser.add_argument("--real", action="store_true", help="the real-world corpus instead")
    parser.add_argument(
        "--snapshot", action="store_true", help="write tests/corpus/rules-snapshot.json"
    )
    args = parser.parse_args(argv)

    linter = Linter(model=args.model)
    if args.snapshot:
        return _snapshot(linter)
    if args.real:
        return _real(linter, args.only)
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


def _snapshot(linter: Linter) -> int:
    real = score_real(linter, load_real())
    current = {f"real:{r.item.where}": rule_ids(r.findings) for r in real.results}
    invented = load_corpus()
    found = linter.check_many(i.text for i in invented)
    current |= {f"invented:{i.where}": rule_ids(f) for i, f in zip(invented, found, strict=True)}
    changed = differences(load_snapshot(), current)
    write_snapshot(current)
    print(f"wrote {SNAPSHOT} ({len(current)} items, {len(changed)} changed)")
    return 0


def _real(linter: Linter, only: str | None) -> int:
    result = score_real(linter, load_real())
    lines: list[str] = []
    if only != "fn":
        lines.append("== false alarms: reports and clinical sentences that were flagged")
        for r in result.false_alarms():
            lines.append(f"- {r.item.where} ({r.item.kind}): {r.item.text}")
            lines += [f"    {_describe(f)}" for f in r.blocking]
    if only != "fp":
        lines.append("== misses: records that were not flagged")
        for r in result.misses():
            lines.append(f"- {r.item.where} ({r.item.category}) [{r.item.span}]: {r.item.text}")
            lines += [f"    {_describe(f)}" for f in r.findings]
    print("\n".join(lines) + "\n\n" + result.table(), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
