"""Readers and planning: pieces split at record boundaries; bad input counted and named."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from tests.audit import archives

from vblint.audit.pieces import Columns, Record
from vblint.audit.sources import read_piece
from vblint.audit.sources.plan import PlanError, plan_files

COLUMNS = Columns(text="note", group_by=("team",), date="date", id="id")


def read_all(paths: list[Path], piece_notes: int = 7, limit: int = 10_000) -> list[Record]:
    plan = plan_files([str(p) for p in paths], COLUMNS, piece_notes=piece_notes)
    assert not plan.problems, plan.problems
    return [r for piece in plan.pieces for r in read_piece(piece, limit)]


@pytest.mark.parametrize("writer", ["csv", "jsonl", "parquet"])
def test_every_note_read_once_across_pieces(writer: str, tmp_path: Path) -> None:
    records = archives.rows(120)
    path = getattr(archives, f"write_{writer}")(tmp_path / f"notes.{writer}", records)
    got = read_all([path])
    assert [r.text for r in got] == [r["note"] for r in records]
    assert [r.record_id for r in got] == [r["id"] for r in records]
    assert {r.group for r in got} <= {(t,) for t in archives.TEAMS}


def test_quoted_line_breaks_never_split_a_csv_record(tmp_path: Path) -> None:
    records = [
        {
            "id": str(i),
            "team": "A",
            "date": "2024-01-01",
            "note": f'Line "{i}"\n\nmore, text\n' * 30,
        }
        for i in range(300)
    ]
    path = archives.write_csv(tmp_path / "long.csv", records)
    plan = plan_files([str(path)], COLUMNS, piece_notes=5)
    assert len(plan.pieces) > 10
    got = [r for piece in plan.pieces for r in read_piece(piece, 100_000)]
    assert [r.text for r in got] == [r["note"] for r in records]


def bad_csv(tmp_path: Path) -> Path:
    path = tmp_path / "bad.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "team", "date", "note"])
        writer.writerow(["1", "A", "2024-01-02", "Maya put herself at risk."])
        handle.write("2,A,2024-01-03\n")  # a field short
        writer.writerow(["3", "A", "2024-01-04", ""])  # empty note
        writer.writerow(["4", "A", "not a date", "A note with a bad date."])
        writer.writerow(["5", "A", "2024-01-05", "x" * 500])  # over the limit below
        writer.writerow(["6", "A", "2024-01-06", "A fine note."])
    with path.open("ab") as handle:
        handle.write(b'7,A,2024-01-07,"caf\xe9 latte"\n')  # Latin-1, not UTF-8
    return path


def test_bad_csv_rows_are_named_by_row_and_never_echoed(tmp_path: Path) -> None:
    from vblint.audit.aggregate import combine
    from vblint.audit.settings import CheckSettings
    from vblint.audit.tasks import TaskOptions, audit_piece

    path = bad_csv(tmp_path)
    plan = plan_files([str(path)], COLUMNS, piece_notes=100)
    options = TaskOptions(CheckSettings(max_note_chars=100), period="month")
    results = [audit_piece(p, options) for p in plan.pieces]
    totals = combine(plan.pieces, results, plan.problems)
    named = {p.where.rsplit(" ", 1)[-1]: p.reason for p in totals.problems}
    assert named == {
        "2": "malformed row (4 fields expected, 3 found)",
        "3": "empty note",
        "4": "unreadable date",
        "5": "note over 100 characters",
        "7": "not UTF-8 text",
    }
    assert all(p.where.startswith(f"{path} row ") for p in totals.problems)
    assert sum(c.notes for c in totals.cells.values()) == 2
    assert "xxxx" not in repr(totals) and "latte" not in repr(totals)


def test_bad_json_lines_are_named_by_line(tmp_path: Path) -> None:
    from vblint.audit.aggregate import combine
    from vblint.audit.settings import CheckSettings
    from vblint.audit.tasks import TaskOptions, audit_piece

    path = tmp_path / "bad.jsonl"
    lines = [
        json.dumps({"id": 1, "team": "A", "date": "2024-01-01", "note": "One."}),
        "{not json",
        "",
        json.dumps({"id": 3, "team": 7, "date": None, "note": 42}),
        json.dumps([1, 2]),
        json.dumps({"id": 5, "team": "B", "date": "2024-02-01", "note": "Five."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    plan = plan_files([str(path)], COLUMNS, piece_notes=100)
    results = [audit_piece(p, TaskOptions(CheckSettings())) for p in plan.pieces]
    totals = combine(plan.pieces, results, plan.problems)
    assert [(p.where, p.reason) for p in totals.problems] == [
        (f"{path} line 2", "malformed line (not JSON)"),
        (f"{path} line 4", "text is not a string"),
        (f"{path} line 5", "malformed line (not a JSON object)"),
    ]
    assert sum(c.notes for c in totals.cells.values()) == 2


def test_a_file_without_the_column_is_one_problem_and_the_rest_runs(tmp_path: Path) -> None:
    good = archives.write_csv(tmp_path / "good.csv", archives.rows(10))
    other = tmp_path / "other.csv"
    other.write_text("id,text\n1,hello\n", encoding="utf-8")
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"PAR1 not really")
    plan = plan_files([str(good), str(other), str(broken)], COLUMNS, piece_notes=100)
    assert [(p.where, p.reason) for p in plan.problems] == [
        (str(other), "missing columns 'note', 'team', 'date'"),
        (str(broken), "not a Parquet file"),
    ]
    assert {p.location for p in plan.pieces} == {str(good)}


def test_folders_and_globs(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    archives.write_csv(tmp_path / "a" / "one.csv", archives.rows(5))
    archives.write_jsonl(tmp_path / "a" / "two.jsonl", archives.rows(5))
    (tmp_path / "a" / "readme.txt").write_text("not data")
    assert len(plan_files([str(tmp_path / "a")], COLUMNS).files) == 2
    assert len(plan_files([str(tmp_path / "a" / "*.csv")], COLUMNS).files) == 1
    with pytest.raises(PlanError, match="no files match"):
        plan_files([str(tmp_path / "*.parquet")], COLUMNS)
    with pytest.raises(PlanError, match="no such file"):
        plan_files([str(tmp_path / "missing.csv")], COLUMNS)
