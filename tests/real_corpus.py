"""The real-world corpus in tests/corpus/real/: sentences from published sources, scored.

Shared by tests/test_corpus_real.py (the gates and the rule snapshot) and
benchmarks/corpus_report.py (the misses, for rule authors). An item counts as flagged when it
gets a warning or an error; info never counts. ``record`` items must be flagged; ``report`` and
``clinical`` items must not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from corpus_score import CATEGORIES, Counts, blocking
from vblint import Finding, Linter

REAL_DIR = Path(__file__).resolve().parent / "corpus" / "real"
KINDS = ("record", "report", "clinical")
ITEM_KEYS = {"text", "kind", "category", "span", "passage", "completed", "rules", "note"}
SOURCE_KEYS = {"title", "publisher", "year", "url"}


class RealCorpusError(Exception):
    """A file that does not follow tests/corpus/real/README.md; names the file and item."""


@dataclass(frozen=True)
class Source:
    """Where a file's items were published."""

    title: str
    url: str
    publisher: str | None
    year: int | None


@dataclass(frozen=True)
class RealItem:
    """One sentence from a public source, with its label."""

    text: str
    kind: str
    category: str | None
    span: str | None
    rules: tuple[str, ...] | None
    source: Source
    file: str
    index: int

    @property
    def flag(self) -> bool:
        """Records must be flagged; reports and clinical sentences must not."""
        return self.kind == "record"

    @property
    def where(self) -> str:
        """``file#index``: a stable short reference for reports."""
        return f"{self.file}#{self.index}"


@dataclass
class RealResult:
    """How the linter did on one item."""

    item: RealItem
    findings: list[Finding]

    @property
    def blocking(self) -> list[Finding]:
        """Warnings and errors: what counts as a flag."""
        return blocking(self.findings)

    @property
    def flagged(self) -> bool:
        """True when the linter asked for a change."""
        return bool(self.blocking)

    @property
    def rule_ids(self) -> tuple[str, ...]:
        """The rules behind the flag, sorted: what the snapshot records."""
        return tuple(sorted({f.rule for f in self.blocking}))

    @property
    def hits_span(self) -> bool:
        """A blocking finding overlaps the words the source objects to."""
        if not self.item.span:
            return False
        start = self.item.text.find(self.item.span)
        end = start + len(self.item.span)
        return any(f.start < end and f.end > start for f in self.blocking)


def load_real(directory: Path = REAL_DIR) -> list[RealItem]:
    """Every item of every file, validated against the schema."""
    items: list[RealItem] = []
    for path in sorted(directory.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("items"), list):
            raise RealCorpusError(f"{path.name}: needs 'source' and an 'items' list")
        source = _source(data.get("source"), path.name)
        for index, raw in enumerate(data["items"]):
            items.append(_item(raw, source, path.stem, index))
    return items


def _source(raw: Any, name: str) -> Source:
    if not isinstance(raw, dict) or set(raw) - SOURCE_KEYS:
        raise RealCorpusError(f"{name}: 'source' takes only {sorted(SOURCE_KEYS)}")
    if not raw.get("title") or not raw.get("url"):
        raise RealCorpusError(f"{name}: a source needs a title and a url")
    year = raw.get("year")
    return Source(str(raw["title"]), str(raw["url"]), raw.get("publisher"), year)


def _item(raw: Any, source: Source, file: str, index: int) -> RealItem:
    where = f"{file}.yaml item {index}"
    if not isinstance(raw, dict):
        raise RealCorpusError(f"{where}: must be a mapping")
    unknown = set(raw) - ITEM_KEYS
    if unknown:
        raise RealCorpusError(f"{where}: unknown keys {sorted(unknown)}")
    text, kind = raw.get("text"), raw.get("kind")
    if not isinstance(text, str) or not text.strip():
        raise RealCorpusError(f"{where}: 'text' must be a non-empty string")
    if kind not in KINDS:
        raise RealCorpusError(f"{where}: 'kind' must be one of {KINDS}")
    if not isinstance(raw.get("passage"), str) or not raw["passage"].strip():
        raise RealCorpusError(f"{where}: 'passage' (the verbatim source text) is required")
    category, span = raw.get("category"), raw.get("span")
    if kind == "record":
        if category not in CATEGORIES:
            raise RealCorpusError(f"{where}: a record needs a category from {CATEGORIES}")
        if not isinstance(span, str) or span not in text:
            raise RealCorpusError(f"{where}: a record needs a 'span' that occurs in its text")
    elif category is not None or span is not None or raw.get("completed"):
        raise RealCorpusError(f"{where}: category, span and completed belong to records only")
    rules = raw.get("rules")
    if rules is not None and not (
        isinstance(rules, list) and all(isinstance(r, str) for r in rules)
    ):
        raise RealCorpusError(f"{where}: 'rules' must be a list of rule ids")
    return RealItem(
        text,
        kind,
        category,
        span,
        None if rules is None else tuple(rules),
        source,
        file,
        index,
    )


@dataclass
class RealScore:
    """Results per kind and per category, and overall."""

    results: list[RealResult]

    @property
    def overall(self) -> Counts:
        """The confusion matrix over every item."""
        counts = Counts()
        for r in self.results:
            counts.add(r.item.flag, r.flagged)
        return counts

    def misses(self) -> list[RealResult]:
        """Records that were not flagged."""
        return [r for r in self.results if r.item.flag and not r.flagged]

    def false_alarms(self) -> list[RealResult]:
        """Reports and clinical sentences that were flagged."""
        return [r for r in self.results if not r.item.flag and r.flagged]

    def table(self) -> str:
        """The printable score: by kind, by category (label and finding), overall."""
        lines = ["vblint real-world corpus score", ""]
        lines.append(f"{'kind':<12}{'items':>7}{'flagged':>9}{'share':>8}")
        for kind in KINDS:
            mine = [r for r in self.results if r.item.kind == kind]
            flagged = sum(r.flagged for r in mine)
            share = f"{flagged / len(mine):.2f}" if mine else "-"
            lines.append(f"{kind:<12}{len(mine):>7}{flagged:>9}{share:>8}")
        lines += [
            "",
            f"{'category':<26}{'records':>8}{'found':>7}{'recall':>8}{'on span':>9}"
            f"{'flagged':>9}{'wrong':>7}{'precision':>11}",
        ]
        for category in CATEGORIES:
            records = [r for r in self.results if r.item.category == category]
            found = sum(r.flagged for r in records)
            on_span = sum(r.hits_span for r in records)
            by_finding = [
                r for r in self.results if any(f.category.value == category for f in r.blocking)
            ]
            wrong = sum(not r.item.flag for r in by_finding)
            lines.append(
                f"{category:<26}{len(records):>8}{found:>7}{_ratio(found, len(records)):>8}"
                f"{on_span:>9}{len(by_finding):>9}{wrong:>7}"
                f"{_ratio(len(by_finding) - wrong, len(by_finding)):>11}"
            )
        c = self.overall
        sources = len({r.item.source.url for r in self.results})
        lines += [
            "",
            f"items {len(self.results)} from {sources} sources: "
            f"records {c.tp + c.fn}, reports and clinical {c.fp + c.tn}",
            f"TP {c.tp}  FP {c.fp}  FN {c.fn}  TN {c.tn}",
            f"precision {c.precision:.3f}  recall {c.recall:.3f}",
        ]
        return "\n".join(lines) + "\n"


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.2f}" if whole else "-"


def score_real(linter: Linter, items: Sequence[RealItem], batch_size: int = 64) -> RealScore:
    """Run every item through the real linter in one batched pass."""
    found = linter.check_many((i.text for i in items), batch_size=batch_size)
    return RealScore([RealResult(i, f) for i, f in zip(items, found, strict=True)])
