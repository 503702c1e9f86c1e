"""Writing what the audit found: the summary, ``--json``, ``--csv``, ``--html``, ``--export-ids``.

Each file is written whole to a temporary name beside it and renamed, so a reader never sees
half a report. A report written to standard output moves the summary to standard error.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from vblint.audit.aggregate import Totals
from vblint.audit.report_text import summary

STDOUT = "-"


class OutputError(Exception):
    """A report file that cannot be written."""


def write_outputs(
    report: dict[str, Any], totals: Totals, args: argparse.Namespace, out: TextIO
) -> None:
    """Every output the command line asked for."""
    to_stdout = STDOUT in (args.json, args.csv)
    try:
        if args.json:
            _emit(args.json, json.dumps(report, indent=2, ensure_ascii=False) + "\n", out)
        if args.csv:
            _emit(args.csv, report_csv(report), out)
        if args.html:
            from vblint.audit.report_html import render_html

            _emit(args.html, render_html(report), out)
        if args.export_ids:
            _emit(args.export_ids, ids_csv(totals), out)
    except OSError as exc:
        raise OutputError(
            f"{exc.filename}: cannot be written ({exc.strerror or exc.__class__.__name__})"
        ) from None
    import sys

    (sys.stderr if to_stdout else out).write(summary(report))


def _emit(target: str, text: str, out: TextIO) -> None:
    if target == STDOUT:
        out.write(text)
        out.flush()
        return
    path = Path(target)
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except OSError as exc:
        exc.filename = target
        raise


CSV_HEADER = [
    "scope", "group", "period", "measure", "name", "suppressed", "notes", "words",
    "flagged", "rate", "ci_low", "ci_high", "findings", "per_1000_words",
]  # fmt: skip


def report_csv(report: dict[str, Any]) -> str:
    """Every row of the report in long form: one line per scope, row and measure."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for scope, row in _scopes(report):
        group = "; ".join(f"{k}={v}" for k, v in row.get("group", {}).items())
        period = row.get("period", "")
        if row["suppressed"]:
            writer.writerow([scope, group, period, "all", "", "yes", *[""] * 8])
            continue
        base = [row["notes"], row["words"]]
        writer.writerow(
            [
                scope,
                group,
                period,
                "all",
                "",
                "no",
                *base,
                row["flagged"],
                *_rate(row),
                row["findings"],
                _num(row["per_1000_words"]),
            ]
        )
        for measure in ("by_category", "by_rule"):
            for name, k in row[measure].items():
                writer.writerow(
                    [
                        scope,
                        group,
                        period,
                        measure[3:],
                        name,
                        "no",
                        *base,
                        k["flagged"],
                        *_rate(k),
                        k["findings"],
                        _num(k["per_1000_words"]),
                    ]
                )
    return buffer.getvalue()


def _scopes(report: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    yield "total", report["total"]
    for key, scope in (("groups", "group"), ("periods", "period"), ("cells", "cell")):
        for row in report[key]:
            yield scope, row


def _rate(row: dict[str, Any]) -> list[str]:
    return [_num(row["rate"]), _num(row["ci"][0]), _num(row["ci"][1])]


def _num(value: float) -> str:
    return f"{value:.6g}"


def ids_csv(totals: Totals) -> str:
    """Record ids and the ids of the rules each note's errors came from; never any text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["record", "rules"])
    for record, rules in sorted(totals.ids):
        writer.writerow([record, " ".join(rules)])
    return buffer.getvalue()
