"""The audit's counts equal ``vblint check``'s over the same notes, note for note.

Each archive format is audited through the real command line on Dask's synchronous
scheduler, grouped by record id with no suppression, so each group is one note.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from tests.audit.conftest import NOTES, as_flagged, per_note
from tests.conftest import run_cli

BY_NOTE = ["--text-column", "note", "--group-by", "id", "--min-cell", "1", "--json"]
SOURCES = {
    "csv": ["notes.csv"],
    "jsonl": ["notes.jsonl"],
    "parquet": ["notes.parquet"],
}


def audit(*args: str) -> dict[str, Any]:
    proc = run_cli("audit", *args, "--scheduler", "synchronous", "--piece-notes", "40")
    assert proc.returncode == 0, proc.stderr
    report: dict[str, Any] = json.loads(proc.stdout)
    return report


def assert_same(report: dict[str, Any], checked: dict[str, Counter[tuple[str, str]]]) -> None:
    audited = per_note(report)
    assert set(audited) == set(checked)
    for note_id, found in checked.items():
        assert audited[note_id] == as_flagged(found), note_id
    for row in report["groups"]:
        found = checked[row["group"]["id"]]
        for level in ("error", "warning", "info"):
            assert row["severity"][level] == sum(n for (_, s), n in found.items() if s == level)
    assert report["total"]["notes"] == NOTES
    assert report["bad_input"]["rows"] == 0


@pytest.mark.parametrize("kind", sorted(SOURCES))
def test_files_equal_check_note_for_note(
    kind: str, archive: Path, checked: dict[str, Counter[tuple[str, str]]]
) -> None:
    report = audit(*(str(archive / name) for name in SOURCES[kind]), *BY_NOTE)
    assert report["run"]["pieces"] > 1  # the pieces really split the file
    assert_same(report, checked)


def test_sqlite_equals_check_note_for_note(
    archive: Path, checked: dict[str, Counter[tuple[str, str]]]
) -> None:
    url = f"sqlite:///{archive / 'notes.db'}"
    report = audit("--sql-url", url, "--table", "notes", *BY_NOTE)
    assert report["run"]["pieces"] == 4  # 150 rows in key ranges of about 40
    assert_same(report, checked)


def test_sqlite_query_with_a_key(
    archive: Path, checked: dict[str, Counter[tuple[str, str]]]
) -> None:
    url = f"sqlite:///{archive / 'notes.db'}"
    query = "SELECT pk, id, note FROM notes WHERE team <> 'nobody'"
    report = audit("--sql-url", url, "--query", query, "--key", "pk", *BY_NOTE)
    assert_same(report, checked)


def test_totals_add_up_across_groups_and_periods(archive: Path) -> None:
    report = audit(
        str(archive / "notes.csv"),
        "--text-column", "note", "--group-by", "team", "--date-column", "date",
        "--period", "year", "--min-cell", "1", "--json",
    )  # fmt: skip
    total = report["total"]
    for scope in ("groups", "periods", "cells"):
        rows = report[scope]
        assert sum(r["notes"] for r in rows) == total["notes"] == NOTES
        assert sum(r["flagged"] for r in rows) == total["flagged"]
        assert sum(r["findings"] for r in rows) == total["findings"]
    assert [p["period"] for p in report["periods"]] == ["2023", "2024"]
