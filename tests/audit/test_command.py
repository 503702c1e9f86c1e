"""``vblint audit`` on the command line: one-line errors, outputs, and where the summary goes."""

from __future__ import annotations

import csv
import io
import json
import shlex
from pathlib import Path

import pytest
from tests.conftest import run_cli

from vblint.audit.progress import duration, render
from vblint.audit.run import Progress

SYNC = ["--scheduler", "synchronous"]


ERRORS = [
    (
        "--text-column note",
        "give CSV, JSONL or Parquet files, or --sql-url with --table or --query",
    ),
    (
        "x.csv --text-column note --table t",
        "give files or --sql-url with --table/--query, not both",
    ),
    ("--sql-url sqlite:// --text-column n", "give one of --table or --query"),
    (
        "--sql-url sqlite:// --query 'SELECT 1' --text-column n",
        "--query needs --key COL, a unique column to split the rows by",
    ),
    ("x.csv --text-column n --period month", "--period needs --date-column"),
    (
        "x.csv --text-column n --date-column d --compare-periods 2024 2024-Q2",
        "--compare-periods: '2024' is not a quarter (like 2024-Q1)",
    ),
    ("x.csv --text-column n --min-cell 0", "--min-cell must be 1 or more"),
    ("missing.csv --text-column n", "missing.csv: no such file or directory"),
    (
        "x.csv --text-column n --select VB999",
        "--select/--ignore: unknown rule, name or category: vb999",
    ),
    (
        "x.csv --text-column n --model no_such_model",
        "the spaCy pipeline 'no_such_model' is not installed: install it or give another model",
    ),
]


@pytest.mark.parametrize(("args", "message"), ERRORS)
def test_usage_errors_are_one_line(args: str, message: str, tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_text("n,d\nhello,2024-01-01\n", encoding="utf-8")
    proc = run_cli("audit", *shlex.split(args), *SYNC, cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [f"vblint: error: {message}"]
    assert proc.stdout == ""


def test_json_and_csv_on_stdout_move_the_summary_to_stderr(archive: Path, tmp_path: Path) -> None:
    source = str(archive / "notes.csv")
    proc = run_cli("audit", source, "--text-column", "note", "--group-by", "team", "--json", *SYNC)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert "Notes audited: 150" in proc.stderr
    assert {g["group"]["team"] for g in report["groups"]} == {"North", "South", "East"}
    proc = run_cli(
        "audit", source, "--text-column", "note", "--csv", "-", "--export-ids",
        str(tmp_path / "ids.csv"), "--id-column", "id", "--select", "VB101,VB401", *SYNC,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    (total,) = [r for r in rows if r["scope"] == "total" and r["measure"] == "all"]
    assert int(total["notes"]) == 150
    assert {r["name"] for r in rows if r["measure"] == "rule"} <= {"VB101", "VB401"}
    ids = list(csv.DictReader((tmp_path / "ids.csv").open(encoding="utf-8")))
    assert ids and all(r["record"].startswith("N") for r in ids)
    assert {rule for r in ids for rule in r["rules"].split()} <= {"VB101", "VB401"}


def test_config_file_settings_apply(archive: Path, tmp_path: Path) -> None:
    config = tmp_path / ".vblint.toml"
    config.write_text('ignore = ["outdated-terminology"]\nmin-severity = "warning"\n')
    proc = run_cli(
        "audit", str(archive / "notes.jsonl"), "--text-column", "note", "--json",
        "--config", str(config), *SYNC,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    total = json.loads(proc.stdout)["total"]
    assert total["by_category"]["outdated-terminology"]["findings"] == 0
    assert total["severity"]["info"] == 0 and total["findings"] > 0


def test_small_archives_are_suppressed_whole(tmp_path: Path) -> None:
    (tmp_path / "few.csv").write_text(
        "note\nMaya put herself at risk.\nA visit.\n", encoding="utf-8"
    )
    proc = run_cli("audit", str(tmp_path / "few.csv"), "--text-column", "note", "--json", *SYNC)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["total"] == {"suppressed": True}
    assert "every figure is suppressed" in proc.stderr


def test_progress_line() -> None:
    p = Progress(done_weight=25, total_weight=100, notes=1000, flagged=80, started=0.0)
    line = render(p, now=10.0)
    assert line.startswith("[######------------------]  25%")
    assert "1,000 notes | 8.0% flagged | 100 notes/s | 30s left" in line
    assert duration(3725) == "1h02m" and duration(185) == "3m05s"
