"""The labelled corpus in tests/corpus/, scored through the real Linter.

The gate from issue 2: precision at least 0.90 and recall at least 0.85 over the whole corpus,
where an item counts as flagged when it gets a warning or error. The table (per category, per
theme file, overall) is printed (see it with ``pytest -s``) and written to
test-artifacts/corpus-score.txt. ``benchmarks/corpus_report.py`` lists the misses.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from corpus_score import CATEGORIES, Item, Score, load_corpus, score
from vblint import Linter

MIN_PRECISION = 0.95
MIN_RECALL = 0.90
MIN_ITEMS = 300
ARTIFACT = Path(__file__).resolve().parents[1] / "test-artifacts" / "corpus-score.txt"


@pytest.fixture(scope="module")
def items() -> list[Item]:
    return load_corpus()


@pytest.fixture(scope="module")
def result(linter: Linter, items: list[Item]) -> Score:
    outcome = score(linter, items)
    table = outcome.table()
    ARTIFACT.parent.mkdir(exist_ok=True)
    ARTIFACT.write_text(table, encoding="utf-8")
    print("\n" + table)
    return outcome


def test_corpus_is_big_enough_and_balanced(items: list[Item]) -> None:
    assert len(items) >= MIN_ITEMS
    negatives = sum(not i.flag for i in items) / len(items)
    assert 0.40 <= negatives <= 0.60, f"must-not-flag share is {negatives:.0%}"


def test_corpus_covers_every_category(items: list[Item]) -> None:
    per_category = Counter(i.category for i in items if i.flag)
    thin = [c for c in CATEGORIES if per_category[c] < 10]
    assert not thin, f"categories with fewer than 10 must-flag items: {thin}"
    assert all(i.category for i in items if i.flag), "every must-flag item names its category"


def test_corpus_texts_are_unique(items: list[Item]) -> None:
    repeated = [t for t, n in Counter(i.text for i in items).items() if n > 1]
    assert not repeated


def test_precision_and_recall(result: Score) -> None:
    overall = result.overall
    assert overall.precision >= MIN_PRECISION and overall.recall >= MIN_RECALL, (
        f"precision {overall.precision:.3f} (min {MIN_PRECISION}), "
        f"recall {overall.recall:.3f} (min {MIN_RECALL}); "
        f"{len(result.false_positives)} false positives, "
        f"{len(result.false_negatives)} false negatives: "
        "run benchmarks/corpus_report.py for the list"
    )
