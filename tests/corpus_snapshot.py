"""The rules each corpus item gets, recorded, so a change that moves findings shows in review.

``tests/corpus/rules-snapshot.json`` maps each item (``corpus:file#index``) to the sorted ids of
the rules that give it a warning or an error. The suite compares a fresh run with it; when a
rule change is meant, ``benchmarks/corpus_report.py --snapshot`` writes it again and the diff
shows every item whose rules changed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from corpus_score import blocking
from vblint import Finding

SNAPSHOT = Path(__file__).resolve().parent / "corpus" / "rules-snapshot.json"


def rule_ids(findings: Iterable[Finding]) -> list[str]:
    """The sorted ids of the rules behind a flag."""
    return sorted({f.rule for f in blocking(findings)})


def load_snapshot(path: Path = SNAPSHOT) -> dict[str, list[str]]:
    """The recorded rules per item, or nothing when no snapshot was written yet."""
    if not path.exists():
        return {}
    data: dict[str, list[str]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def write_snapshot(current: dict[str, list[str]], path: Path = SNAPSHOT) -> None:
    """Record ``current``: one item a line, sorted, so changes review as small diffs."""
    lines = [f"  {json.dumps(key)}: {json.dumps(value)}" for key, value in sorted(current.items())]
    path.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")


def differences(recorded: dict[str, list[str]], current: dict[str, list[str]]) -> list[str]:
    """Items whose rules differ between the snapshot and this run, one line each."""
    out = []
    for key in sorted(set(recorded) | set(current)):
        before, after = recorded.get(key), current.get(key)
        if before != after:
            out.append(f"{key}: {before} -> {after}")
    return out
