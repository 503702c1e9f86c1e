"""Small cells are suppressed, and so is any cell that could be worked out from the others."""

from __future__ import annotations

from vblint.audit.counts import Cell
from vblint.audit.tables import build


def cell(notes: int, flagged: int = 0) -> Cell:
    return Cell(notes=notes, words=notes * 50, flagged=flagged)


def test_a_small_group_is_hidden_with_its_complement() -> None:
    cells = {(("A",), ""): cell(100, 10), (("B",), ""): cell(4, 1), (("C",), ""): cell(30, 3)}
    report = build(cells, ("team",), with_periods=False, min_cell=10)
    shown = {r["group"]["team"]: r["suppressed"] for r in report["groups"]}
    # B alone would be the total minus A and C: the smallest other group goes too.
    assert shown == {"A": False, "B": True, "C": True}
    assert report["total"]["notes"] == 134
    assert all(set(r) == {"group", "suppressed"} for r in report["groups"] if r["suppressed"])


def test_cells_of_a_table_are_protected_along_rows_and_columns() -> None:
    cells = {
        (("A",), "2024-Q1"): cell(50), (("A",), "2024-Q2"): cell(3),
        (("B",), "2024-Q1"): cell(40), (("B",), "2024-Q2"): cell(45),
    }  # fmt: skip
    report = build(cells, ("team",), with_periods=True, min_cell=10)
    hidden = {(r["group"]["team"], r["period"]) for r in report["cells"] if r["suppressed"]}
    # A/Q2 is small; A/Q1 (its row) and B/Q2 (its column) would reveal it, then B/Q1 theirs.
    assert hidden == {("A", "2024-Q1"), ("A", "2024-Q2"), ("B", "2024-Q1"), ("B", "2024-Q2")}
    assert not any(r["suppressed"] for r in report["groups"] + report["periods"])


def test_a_total_under_the_threshold_hides_everything() -> None:
    report = build({((), ""): cell(5, 1)}, (), with_periods=False, min_cell=10)
    assert report["total"] == {"suppressed": True}
