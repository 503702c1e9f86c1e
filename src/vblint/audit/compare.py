"""``--compare-periods A B``: the change from one period to another, and whether it is real.

For all notes and for each category: the share of notes flagged in A and in B, the change
with its 95% interval and p-value (categories Holm-adjusted together), and findings per 1,000
words as a rate ratio. A period under the small-cell threshold is not compared at all.
"""

from __future__ import annotations

from typing import Any

from vblint.audit.counts import Cell, CellKey
from vblint.audit.stats import difference, holm, rate_ratio
from vblint.audit.tables import CATEGORIES, summed


def compare(cells: dict[CellKey, Cell], a: str, b: str, min_cell: int) -> dict[str, Any]:
    """The comparison as plain data (the ``comparison`` of the JSON report)."""
    first = summed(c for (_, p), c in cells.items() if p == a)
    second = summed(c for (_, p), c in cells.items() if p == b)
    out: dict[str, Any] = {"a": a, "b": b}
    small = [label for label, cell in ((a, first), (b, second)) if cell.notes < min_cell]
    if small:
        out["available"] = False
        out["reason"] = (
            f"{' and '.join(small)} {'has' if len(small) == 1 else 'have'} fewer than "
            f"{min_cell} notes"
        )
        return out
    out["available"] = True
    out["notes"] = {"a": first.notes, "b": second.notes}
    out["flagged"] = _change(first.flagged, first.notes, second.flagged, second.notes)
    out["per_1000_words"] = _ratio(first.findings, first.words, second.findings, second.words)
    rows: list[dict[str, Any]] = []
    for name in CATEGORIES:
        ta, tb = first.categories.get(name), second.categories.get(name)
        na, nb = (ta.notes if ta else 0), (tb.notes if tb else 0)
        fa, fb = (ta.findings if ta else 0), (tb.findings if tb else 0)
        rows.append(
            {
                "category": name,
                "flagged": _change(na, first.notes, nb, second.notes),
                "per_1000_words": _ratio(fa, first.words, fb, second.words),
            }
        )
    for row, adjusted in zip(rows, holm([r["flagged"]["p_value"] for r in rows]), strict=True):
        row["flagged"]["p_holm"] = adjusted
    out["by_category"] = rows
    return out


def _change(x_a: int, n_a: int, x_b: int, n_b: int) -> dict[str, Any]:
    d = difference(x_a, n_a, x_b, n_b)
    return {
        "a": d.a,
        "b": d.b,
        "change": d.difference,
        "ci": [d.low, d.high],
        "p_value": d.p_value,
    }


def _ratio(c_a: int, w_a: int, c_b: int, w_b: int) -> dict[str, Any]:
    r = rate_ratio(c_a, w_a, c_b, w_b)
    ci = [r.low, r.high] if r.low is not None else None
    return {"a": r.a, "b": r.b, "ratio": r.ratio, "ci": ci, "p_value": r.p_value}
