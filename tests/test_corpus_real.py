"""The real-world corpus in tests/corpus/real/, scored through the real Linter.

Sentences from published inquiries, reviews, inspections and guidance (issue 9): ``record``
items must get a warning or an error, ``report`` and ``clinical`` items must not. The gate is
precision at least 0.92 and recall at least 0.85; the table (by kind and by category) is written
to test-artifacts/real-corpus-score.txt. The rules each item gets are compared with
tests/corpus/rules-snapshot.json.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from corpus_score import CATEGORIES, load_corpus
from corpus_snapshot import differences, load_snapshot, rule_ids
from real_corpus import KINDS, RealItem, RealScore, load_real, score_real
from vblint import Linter

MIN_PRECISION = 0.92
MIN_RECALL = 0.85
MIN_ITEMS = 500
ARTIFACT = Path(__file__).resolve().parents[1] / "test-artifacts" / "real-corpus-score.txt"


@pytest.fixture(scope="module")
def items() -> list[RealItem]:
    return load_real()


@pytest.fixture(scope="module")
def result(linter: Linter, items: list[RealItem]) -> RealScore:
    outcome = score_real(linter, items)
    table = outcome.table()
    ARTIFACT.parent.mkdir(exist_ok=True)
    ARTIFACT.write_text(table, encoding="utf-8")
    print("\n" + table)
    return outcome


def test_the_real_corpus_is_big_enough_and_sourced(items: list[RealItem]) -> None:
    assert len(items) >= MIN_ITEMS
    kinds = Counter(i.kind for i in items)
    assert all(kinds[k] >= 100 for k in KINDS), kinds
    assert len({i.source.url for i in items}) >= 40
    assert all(i.source.title and i.source.url.startswith("http") for i in items)


def test_every_category_has_real_records(items: list[RealItem]) -> None:
    per_category = Counter(i.category for i in items if i.flag)
    assert all(per_category[c] >= 5 for c in CATEGORIES), per_category


def test_real_texts_are_unique(items: list[RealItem]) -> None:
    repeated = [t for t, n in Counter(i.text for i in items).items() if n > 1]
    assert not repeated


def test_precision_and_recall_on_real_writing(result: RealScore) -> None:
    c = result.overall
    assert c.precision >= MIN_PRECISION and c.recall >= MIN_RECALL, (
        f"precision {c.precision:.3f} (min {MIN_PRECISION}), recall {c.recall:.3f} "
        f"(min {MIN_RECALL}); run benchmarks/corpus_report.py --real for the misses"
    )


def test_the_rules_each_item_gets_match_the_snapshot(linter: Linter, result: RealScore) -> None:
    current = {f"real:{r.item.where}": rule_ids(r.findings) for r in result.results}
    invented = load_corpus()
    found = linter.check_many(i.text for i in invented)
    current |= {f"invented:{i.where}": rule_ids(f) for i, f in zip(invented, found, strict=True)}
    changed = differences(load_snapshot(), current)
    assert not changed, (
        f"{len(changed)} items now get other rules (if intended, run "
        "benchmarks/corpus_report.py --snapshot and review the diff):\n" + "\n".join(changed[:30])
    )
