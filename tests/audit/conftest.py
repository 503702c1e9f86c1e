"""Fixtures for the audit: one archive in every format, and ``vblint check``'s view of it."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from tests.audit import archives
from tests.conftest import run_cli

pytest.importorskip("distributed", reason="the audit needs its extra: pip install 'vblint[audit]'")

NOTES = 150


@pytest.fixture(scope="session")
def records() -> list[dict[str, Any]]:
    return archives.rows(NOTES)


@pytest.fixture(scope="session")
def archive(tmp_path_factory: pytest.TempPathFactory, records: list[dict[str, Any]]) -> Path:
    """The same notes as CSV, JSON Lines, Parquet and SQLite in one folder."""
    folder = tmp_path_factory.mktemp("archive")
    archives.write_csv(folder / "notes.csv", records)
    archives.write_jsonl(folder / "notes.jsonl", records)
    archives.write_parquet(folder / "notes.parquet", records)
    archives.write_sql(f"sqlite:///{folder / 'notes.db'}", records)
    return folder


@pytest.fixture(scope="session")
def checked(
    tmp_path_factory: pytest.TempPathFactory, records: list[dict[str, Any]]
) -> dict[str, Counter[tuple[str, str]]]:
    """``vblint check``'s findings for each note: (rule, severity) counts by note id."""
    folder = archives.write_texts(tmp_path_factory.mktemp("texts"), records)
    proc = run_cli("check", "--format", "json", "--fail-on", "never", str(folder))
    assert proc.returncode == 0, proc.stderr
    out: dict[str, Counter[tuple[str, str]]] = {}
    for item in json.loads(proc.stdout)["files"]:
        out[Path(item["path"]).stem] = Counter((f["rule"], f["severity"]) for f in item["findings"])
    for record in records:
        out.setdefault(record["id"], Counter())
    return out


def per_note(report: dict[str, Any]) -> dict[str, Counter[tuple[str, str]]]:
    """An audit grouped by id, as (rule, severity) counts by note id.

    Each rule's warnings and errors are one count in the report; the rule's own severity (or
    the note's severity totals) tell them apart, so the check is made on both.
    """
    out: dict[str, Counter[tuple[str, str]]] = {}
    for row in report["groups"]:
        counts: Counter[tuple[str, str]] = Counter()
        for rule, k in row["by_rule"].items():
            if k["findings"]:
                counts[(rule, "flagged")] += k["findings"]
            if k["info"]:
                counts[(rule, "info")] += k["info"]
        out[row["group"]["id"]] = counts
    return out


def as_flagged(found: Counter[tuple[str, str]]) -> Counter[tuple[str, str]]:
    """``vblint check``'s counts in the audit's terms: warnings and errors together."""
    out: Counter[tuple[str, str]] = Counter()
    for (rule, severity), n in found.items():
        out[(rule, "info" if severity == "info" else "flagged")] += n
    return out
