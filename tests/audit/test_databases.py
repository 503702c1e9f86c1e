"""Databases: a real PostgreSQL server started by the test, and SQLite on two workers.

The PostgreSQL URL is given through ``VBLINT_SQL_URL`` (the way that keeps a password out of
the command line), with the plain ``postgresql://`` scheme, which the audit runs on psycopg.
Marked slow: it starts a database server and worker processes.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.audit import archives, postgres
from tests.audit.conftest import NOTES, as_flagged, per_note
from tests.conftest import run_cli

pytestmark = pytest.mark.slow
BY_NOTE = ["--text-column", "note", "--group-by", "id", "--min-cell", "1", "--json"]


@pytest.fixture(scope="module")
def pg_url(records: list[dict[str, Any]]) -> Iterator[str]:
    reason = postgres.missing_reason()
    if reason:
        pytest.skip(reason)
    with postgres.server() as url:
        archives.write_sql(url.replace("postgresql://", "postgresql+psycopg://"), records)
        yield url


def assert_same(report: dict[str, Any], checked: dict[str, Counter[tuple[str, str]]]) -> None:
    assert report["total"]["notes"] == NOTES
    audited = per_note(report)
    assert {k: audited[k] for k in checked} == {k: as_flagged(v) for k, v in checked.items()}


@pytest.mark.parametrize("engine", [["--scheduler", "synchronous"], ["--workers", "2"]])
def test_postgresql_equals_check_note_for_note(
    pg_url: str, engine: list[str], checked: dict[str, Counter[tuple[str, str]]]
) -> None:
    proc = run_cli(
        "audit", "--table", "notes", *BY_NOTE, *engine, "--piece-notes", "30",
        env={"VBLINT_SQL_URL": pg_url},
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["run"]["pieces"] == 5
    assert_same(report, checked)


def test_postgresql_errors_are_one_line_without_the_password(pg_url: str) -> None:
    url = pg_url.replace("vblint@", "vblint:s3cret@")
    proc = run_cli("audit", "--sql-url", url, "--table", "absent", "--text-column", "note")
    assert proc.returncode == 2
    assert proc.stderr.strip() == "vblint: error: table absent: no such table"
    bad = url.rsplit(":", 1)[0] + ":1/postgres"  # nothing listens on port 1
    proc = run_cli("audit", "--sql-url", bad, "--table", "notes", "--text-column", "note")
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1
    assert "s3cret" not in proc.stderr and "***" in proc.stderr


def test_sqlite_on_two_workers(archive: Path, checked: dict[str, Counter[tuple[str, str]]]) -> None:
    url = f"sqlite:///{archive / 'notes.db'}"
    proc = run_cli("audit", "--sql-url", url, "--table", "notes", *BY_NOTE, "--workers", "2")
    assert proc.returncode == 0, proc.stderr
    assert_same(json.loads(proc.stdout), checked)
