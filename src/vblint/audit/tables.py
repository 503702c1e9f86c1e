"""From cells to the report: rates with intervals for the total, each group, each period.

The report is one plain dictionary (the ``--json`` output); the terminal summary, the CSV
and the HTML report are all drawn from it. A row of fewer than ``min_cell`` notes is
suppressed, and so is a second row wherever one suppressed row could be worked out by
subtracting the others from a total that is shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from vblint.audit.counts import Cell, CellKey
from vblint.audit.periods import NO_DATE
from vblint.audit.stats import per_thousand, wilson
from vblint.findings import Category

CATEGORIES = [c.value for c in Category]


def measure(cell: Cell) -> dict[str, Any]:
    """Every figure for one row: notes, flagged rate and interval, per 1,000 words, by kind."""
    low, high = wilson(cell.flagged, cell.notes)
    return {
        "notes": cell.notes,
        "words": cell.words,
        "flagged": cell.flagged,
        "rate": cell.flagged / cell.notes if cell.notes else 0.0,
        "ci": [low, high],
        "with_error": cell.with_error,
        "findings": cell.findings,
        "per_1000_words": per_thousand(cell.findings, cell.words),
        "severity": {s: cell.severity.get(s, 0) for s in ("error", "warning", "info")},
        "by_category": {c: _kind(cell, cell.categories.get(c)) for c in CATEGORIES},
        "by_rule": {r: _kind(cell, t) for r, t in sorted(cell.rules.items())},
    }


def _kind(cell: Cell, tally: Any) -> dict[str, Any]:
    notes, findings, info = (tally.notes, tally.findings, tally.info) if tally else (0, 0, 0)
    low, high = wilson(notes, cell.notes)
    return {
        "flagged": notes,
        "rate": notes / cell.notes if cell.notes else 0.0,
        "ci": [low, high],
        "findings": findings,
        "info": info,
        "per_1000_words": per_thousand(findings, cell.words),
    }


def summed(cells: Iterable[Cell]) -> Cell:
    """One cell holding the sum of ``cells``."""
    total = Cell()
    for cell in cells:
        total.add(cell)
    return total


def period_order(label: str) -> tuple[int, str]:
    """Periods in time order, with notes that had no date last."""
    return (1, label) if label == NO_DATE else (0, label)


def build(
    cells: dict[CellKey, Cell], group_by: tuple[str, ...], with_periods: bool, min_cell: int
) -> dict[str, Any]:
    """The total, by group, by period and by group and period, with suppression applied."""
    total = summed(cells.values())
    groups = sorted({g for g, _ in cells})
    periods = sorted({p for _, p in cells}, key=period_order)
    by_group = {g: summed(c for (gg, _), c in cells.items() if gg == g) for g in groups}
    by_period = {p: summed(c for (_, pp), c in cells.items() if pp == p) for p in periods}
    hidden = _suppressed(cells, by_group, by_period, total, min_cell, group_by, with_periods)

    def row(cell: Cell, key: object, **labels: Any) -> dict[str, Any]:
        if key in hidden:
            return {**labels, "suppressed": True}
        return {**labels, "suppressed": False, **measure(cell)}

    def named(group: tuple[str, ...]) -> dict[str, str]:
        return dict(zip(group_by, group, strict=True))

    out: dict[str, Any] = {"total": row(total, "total")}
    out["groups"] = [row(by_group[g], ("g", g), group=named(g)) for g in groups] if group_by else []
    out["periods"] = (
        [row(by_period[p], ("p", p), period=p) for p in periods] if with_periods else []
    )
    out["cells"] = (
        [
            row(cells[(g, p)], ("c", g, p), group=named(g), period=p)
            for g in groups
            for p in periods
            if (g, p) in cells
        ]
        if group_by and with_periods
        else []
    )
    out["suppressed_rows"] = len(hidden)
    return out


def _suppressed(
    cells: dict[CellKey, Cell],
    by_group: dict[tuple[str, ...], Cell],
    by_period: dict[str, Cell],
    total: Cell,
    min_cell: int,
    group_by: tuple[str, ...],
    with_periods: bool,
) -> set[object]:
    """Rows under ``min_cell`` notes, then complementary rows until none can be derived."""
    size: dict[object, int] = {"total": total.notes}
    families: list[tuple[object, list[object]]] = []
    if group_by:
        size.update({("g", g): c.notes for g, c in by_group.items()})
        families.append(("total", [("g", g) for g in by_group]))
    if with_periods:
        size.update({("p", p): c.notes for p, c in by_period.items()})
        families.append(("total", [("p", p) for p in by_period]))
    if group_by and with_periods:
        size.update({("c", g, p): c.notes for (g, p), c in cells.items()})
        for g in by_group:
            families.append((("g", g), [("c", g, p) for p in by_period if (g, p) in cells]))
        for p in by_period:
            families.append((("p", p), [("c", g, p) for g in by_group if (g, p) in cells]))
    hidden = {key for key, notes in size.items() if notes < min_cell}
    changed = True
    while changed:
        changed = False
        for parent, members in families:
            if parent in hidden or len(members) < 2:
                continue
            shown = [m for m in members if m not in hidden]
            if len(members) - len(shown) == 1 and shown:
                hidden.add(min(shown, key=lambda m: size[m]))
                changed = True
    return hidden
