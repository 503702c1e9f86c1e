"""Load the labelled evaluation corpus in tests/corpus/ and score a Linter against it.

Shared by tests/test_corpus.py (the precision and recall gate) and benchmarks/corpus_report.py
(the list of misses for rule authors), so both count a "flag" the same way: at least one
finding of severity warning or error. Info findings (for example a framing note beside quoted
speech) never count.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from vblint import Category, Finding, Linter, Severity

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
ITEM_KEYS = {"text", "flag", "category", "note"}
CATEGORIES = [c.value for c in Category]


class CorpusError(Exception):
    """A corpus file that does not follow the item schema; names the file and item."""


@dataclass(frozen=True)
class Item:
    """One labelled text: ``flag`` says whether a careful reviewer would ask for a change."""

    text: str
    flag: bool
    category: str | None
    note: str | None
    theme: str
    index: int

    @property
    def where(self) -> str:
        """``theme#index``, a stable short reference for reports."""
        return f"{self.theme}#{self.index}"


@dataclass
class ItemResult:
    """How the linter did on one item."""

    item: Item
    blocking: list[Finding]

    @property
    def flagged(self) -> bool:
        """True when the linter asked for a change (warning or error)."""
        return bool(self.blocking)


@dataclass
class Counts:
    """A confusion matrix with the two figures the gate is about."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, label: bool, flagged: bool) -> None:
        """Count one item."""
        if label and flagged:
            self.tp += 1
        elif label:
            self.fn += 1
        elif flagged:
            self.fp += 1
        else:
            self.tn += 1

    @property
    def precision(self) -> float:
        """Share of flagged items that should be flagged; 0 when nothing was flagged."""
        flagged = self.tp + self.fp
        return self.tp / flagged if flagged else 0.0

    @property
    def recall(self) -> float:
        """Share of must-flag items that were flagged."""
        positives = self.tp + self.fn
        return self.tp / positives if positives else 0.0


@dataclass
class Score:
    """Overall, per-category and per-theme results for one run over the corpus."""

    outcomes: list[ItemResult]
    overall: Counts = field(default_factory=Counts)

    def __post_init__(self) -> None:
        for outcome in self.outcomes:
            self.overall.add(outcome.item.flag, outcome.flagged)

    def __repr__(self) -> str:
        c = self.overall
        return f"Score(items={len(self.outcomes)}, tp={c.tp}, fp={c.fp}, fn={c.fn}, tn={c.tn})"

    @property
    def false_positives(self) -> list[ItemResult]:
        """Must-not-flag items that were flagged."""
        return [o for o in self.outcomes if o.flagged and not o.item.flag]

    @property
    def false_negatives(self) -> list[ItemResult]:
        """Must-flag items that were not flagged."""
        return [o for o in self.outcomes if o.item.flag and not o.flagged]

    def table(self) -> str:
        """The printable report: per category (label and finding), per theme, overall."""
        lines = ["vblint corpus score", ""]
        lines.append(
            f"{'category':<26}{'must-flag':>10}{'found':>7}{'recall':>8}"
            f"{'flagged':>9}{'wrong':>7}{'precision':>11}"
        )
        for category in CATEGORIES:
            labelled = [o for o in self.outcomes if o.item.category == category]
            found = sum(o.flagged for o in labelled)
            by_finding = [
                o for o in self.outcomes if any(f.category.value == category for f in o.blocking)
            ]
            wrong = sum(not o.item.flag for o in by_finding)
            lines.append(
                f"{category:<26}{len(labelled):>10}{found:>7}{_ratio(found, len(labelled)):>8}"
                f"{len(by_finding):>9}{wrong:>7}"
                f"{_ratio(len(by_finding) - wrong, len(by_finding)):>11}"
            )
        lines += ["", f"{'theme file':<26}{'items':>7}{'flag':>6}{'TP':>5}{'FN':>5}{'FP':>5}"]
        for theme in sorted({o.item.theme for o in self.outcomes}):
            counts = Counts()
            mine = [o for o in self.outcomes if o.item.theme == theme]
            for o in mine:
                counts.add(o.item.flag, o.flagged)
            lines.append(
                f"{theme:<26}{len(mine):>7}{counts.tp + counts.fn:>6}"
                f"{counts.tp:>5}{counts.fn:>5}{counts.fp:>5}"
            )
        c = self.overall
        negatives = c.fp + c.tn
        lines += [
            "",
            f"items {len(self.outcomes)}: must-flag {c.tp + c.fn}, must-not-flag {negatives}",
            f"TP {c.tp}  FP {c.fp}  FN {c.fn}  TN {c.tn}",
            f"precision {c.precision:.3f}  recall {c.recall:.3f}",
        ]
        return "\n".join(lines) + "\n"


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.2f}" if whole else "-"


def load_corpus(directory: Path = CORPUS_DIR) -> list[Item]:
    """Every item of every ``*.yaml`` file, validated against the item schema."""
    items: list[Item] = []
    for path in sorted(directory.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("items"), list):
            raise CorpusError(f"{path.name}: needs a top-level 'items' list")
        for index, raw in enumerate(data["items"]):
            items.append(_item(raw, path.stem, index))
    return items


def _item(raw: Any, theme: str, index: int) -> Item:
    where = f"{theme}.yaml item {index}"
    if not isinstance(raw, dict):
        raise CorpusError(f"{where}: must be a mapping")
    unknown = set(raw) - ITEM_KEYS
    if unknown:
        raise CorpusError(f"{where}: unknown keys {sorted(unknown)}")
    text, flag, category = raw.get("text"), raw.get("flag"), raw.get("category")
    if not isinstance(text, str) or not text.strip():
        raise CorpusError(f"{where}: 'text' must be a non-empty string")
    if not isinstance(flag, bool):
        raise CorpusError(f"{where}: 'flag' must be true or false")
    if category is not None and category not in CATEGORIES:
        raise CorpusError(f"{where}: unknown category {category!r}")
    if category is not None and not flag:
        raise CorpusError(f"{where}: a category belongs to must-flag items only")
    note = raw.get("note")
    return Item(text, flag, category, None if note is None else str(note), theme, index)


def blocking(findings: Iterable[Finding]) -> list[Finding]:
    """The findings that count as a flag: warning or error."""
    return [f for f in findings if f.severity.rank >= Severity.WARNING.rank]


def score(linter: Linter, items: Sequence[Item], batch_size: int = 64) -> Score:
    """Run every item through the real linter, in one batched pass."""
    results = linter.check_many((i.text for i in items), batch_size=batch_size)
    outcomes = [
        ItemResult(item, blocking(found)) for item, found in zip(items, results, strict=True)
    ]
    return Score(outcomes)
