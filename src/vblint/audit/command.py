"""``vblint audit``: its argument parser and its runner, kept together and apart from the CLI.

The CLI registers the sub-command with :func:`add_parser` and calls :func:`run`; everything
else about the audit lives in this package. Errors are one line on stderr, exit 2.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from pathlib import Path
from typing import Any

from vblint.config import split_names
from vblint.exits import ExitCode
from vblint.findings import Severity
from vblint.rules import PROFILES

EXIT_OK, EXIT_ERROR = ExitCode.OK, ExitCode.ERROR
FORMATS = ("csv", "jsonl", "parquet")
EXTRA_MODULES = {"dask", "distributed", "pyarrow", "sqlalchemy", "psycopg", "matplotlib"}


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Add ``audit`` to the CLI's sub-parsers; returns its parser."""
    from vblint.audit.periods import PERIODS

    p: argparse.ArgumentParser = sub.add_parser(
        "audit",
        help="rates of flagged wording across a whole archive of records (Dask)",
        description="Audit an archive of notes: counts and rates only, never note text.",
    )
    src = p.add_argument_group("source")
    src.add_argument(
        "sources", nargs="*", metavar="SOURCE", help="CSV, JSONL or Parquet files, folders or globs"
    )
    src.add_argument(
        "--input-format", choices=FORMATS, help="format of files without a known extension"
    )
    src.add_argument("--sql-url", metavar="URL", help="SQLAlchemy URL (default: $VBLINT_SQL_URL)")
    src.add_argument("--table", metavar="TABLE", help="table to audit (schema.table allowed)")
    src.add_argument("--query", metavar="SQL", help="a SELECT to audit instead of a table")
    src.add_argument(
        "--key", metavar="COL", help="unique sortable column to split by (default: the primary key)"
    )
    cols = p.add_argument_group("columns")
    cols.add_argument("--text-column", required=True, metavar="COL", help="the note text")
    cols.add_argument(
        "--group-by", action="append", metavar="COL", help="team, service, ... (repeatable)"
    )
    cols.add_argument("--date-column", metavar="COL", help="the note's date, for trends")
    cols.add_argument("--period", choices=PERIODS, help="trend period (default: quarter)")
    cols.add_argument("--date-format", metavar="FMT", help="strptime format, e.g. %%d.%%m.%%Y")
    cols.add_argument("--id-column", metavar="COL", help="record id, for --export-ids")
    rules = p.add_argument_group("rules (as for vblint check)")
    rules.add_argument("--select", action="append", metavar="RULES")
    rules.add_argument("--ignore", action="append", metavar="RULES")
    rules.add_argument("--min-severity", choices=[s.value for s in Severity])
    rules.add_argument("--profile", choices=PROFILES)
    rules.add_argument("--model", help="spaCy pipeline name or path (or VBLINT_MODEL)")
    rules.add_argument("--config", metavar="FILE", help="a .vblint.toml or pyproject.toml")
    rules.add_argument("--max-note-chars", type=int, default=200_000, metavar="N")
    out = p.add_argument_group("output")
    out.add_argument(
        "--min-cell",
        type=int,
        default=10,
        metavar="N",
        help="suppress rows of fewer notes (default 10)",
    )
    out.add_argument(
        "--compare-periods", nargs=2, metavar=("A", "B"), help="change from period A to B"
    )
    out.add_argument(
        "--json", nargs="?", const="-", metavar="FILE", help="JSON report (- or no FILE: stdout)"
    )
    out.add_argument("--csv", metavar="FILE", help="CSV of every row of the report (-: stdout)")
    out.add_argument("--html", metavar="FILE", help="self-contained HTML report with charts")
    out.add_argument(
        "--export-ids", metavar="FILE", help="CSV of record ids and rule ids of notes with errors"
    )
    out.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar (default: on a terminal)",
    )
    run = p.add_argument_group("running")
    run.add_argument(
        "--workers", type=int, metavar="N", help="local worker processes (default: one per core)"
    )
    run.add_argument(
        "--scheduler", metavar="ADDRESS", help="an existing Dask scheduler, or 'synchronous'"
    )
    run.add_argument("--local-directory", metavar="DIR", help="Dask workers' scratch directory")
    run.add_argument(
        "--checkpoint", metavar="DIR", help="save finished pieces here and resume from them"
    )
    run.add_argument(
        "--piece-notes", type=int, default=1_000, metavar="N", help="notes per task (default 1000)"
    )
    return p


class AuditUsageError(Exception):
    """A command line the audit cannot carry out."""


def run(args: argparse.Namespace) -> int:
    """Carry out ``vblint audit``; returns the exit code. Never a traceback."""
    from vblint.audit.checkpoint import CheckpointError
    from vblint.audit.outputs import OutputError, write_outputs
    from vblint.audit.settings import SettingsError
    from vblint.audit.sources.plan import PlanError
    from vblint.config import ConfigError
    from vblint.rules import RulePackError

    try:
        spec = make_spec(args)
        _check_model(args.model)
        from vblint.audit.progress import ProgressBar
        from vblint.audit.run import run_audit

        show = args.progress if args.progress is not None else sys.stderr.isatty()
        with ProgressBar(sys.stderr, enabled=show) as bar:
            outcome = run_audit(spec, bar.update)
        write_outputs(outcome.report, outcome.totals, args, sys.stdout)
    except (
        AuditUsageError,
        PlanError,
        SettingsError,
        ConfigError,
        CheckpointError,
        RulePackError,
    ) as exc:
        return _error(str(exc))
    except OutputError as exc:
        return _error(str(exc))
    except KeyboardInterrupt:
        saved = (
            f"; finished pieces are in {args.checkpoint}: run the same command to go on"
            if args.checkpoint
            else ""
        )
        return _error(f"interrupted{saved}")
    except (OSError, TimeoutError) as exc:
        where = (
            f"the Dask scheduler at {args.scheduler}"
            if args.scheduler
            else "the local Dask cluster"
        )
        return _error(f"{where} could not be used ({exc.__class__.__name__})")
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.split(".")[0] in EXTRA_MODULES:
            return _error("the audit needs its extra: pip install 'vblint[audit]'")
        return _error(f"the audit stopped ({exc.__class__.__name__})")
    except Exception as exc:  # still one line; only the kind, as messages may quote data
        return _error(f"the audit stopped ({exc.__class__.__name__})")
    return EXIT_OK


def _error(message: str) -> int:
    print(f"vblint: error: {message}", file=sys.stderr)
    return EXIT_ERROR


def make_spec(args: argparse.Namespace) -> Any:
    """The :class:`~vblint.audit.run.AuditSpec` the command line asks for, or a usage error."""
    from vblint.audit.engine import EngineOptions
    from vblint.audit.periods import Period, valid_label
    from vblint.audit.pieces import Columns
    from vblint.audit.run import AuditSpec
    from vblint.audit.settings import Asked
    from vblint.audit.sources.sql_source import FROM_ENV, URL_ENV
    from vblint.options import Requested

    database = bool(args.sql_url or args.table or args.query)
    if database and args.sources:
        raise AuditUsageError("give files or --sql-url with --table/--query, not both")
    if not database and not args.sources:
        raise AuditUsageError(
            "give CSV, JSONL or Parquet files, or --sql-url with --table or --query"
        )
    url = args.sql_url
    if database:
        if bool(args.table) == bool(args.query):
            raise AuditUsageError("give one of --table or --query")
        if args.query and not args.key:
            raise AuditUsageError("--query needs --key COL, a unique column to split the rows by")
        if url is None:
            if not os.environ.get(URL_ENV):
                raise AuditUsageError(f"give --sql-url or set {URL_ENV}")
            url = FROM_ENV
    period: Period | None = args.period or ("quarter" if args.date_column else None)
    if args.period and not args.date_column:
        raise AuditUsageError("--period needs --date-column")
    compare = (args.compare_periods[0], args.compare_periods[1]) if args.compare_periods else None
    if compare:
        if period is None:
            raise AuditUsageError("--compare-periods needs --date-column")
        bad = [label for label in compare if not valid_label(label, period)]
        if bad:
            example = {"month": "2024-03", "quarter": "2024-Q1", "year": "2024"}[period]
            raise AuditUsageError(
                f"--compare-periods: '{bad[0]}' is not a {period} (like {example})"
            )
    for name in ("min_cell", "piece_notes", "max_note_chars", "workers"):
        value = getattr(args, name)
        if value is not None and value < 1:
            raise AuditUsageError(f"--{name.replace('_', '-')} must be 1 or more")
    if args.workers and args.scheduler:
        raise AuditUsageError("--workers sizes the local cluster; an existing one has its own")
    if args.export_ids and args.export_ids == "-":
        raise AuditUsageError("--export-ids needs a file")
    return AuditSpec(
        columns=Columns(
            text=args.text_column,
            group_by=split_names(args.group_by),
            date=args.date_column,
            id=args.id_column,
        ),
        sources=tuple(args.sources),
        sql_url=url,
        table=args.table,
        query=args.query,
        key=args.key,
        input_format=args.input_format,
        piece_notes=args.piece_notes,
        period=period,
        date_format=args.date_format,
        min_cell=args.min_cell,
        compare=compare,
        export_ids=bool(args.export_ids),
        checkpoint=Path(args.checkpoint) if args.checkpoint else None,
        engine=EngineOptions(args.workers, args.scheduler, args.local_directory),
        asked=Asked(
            rules=Requested(
                select=split_names(args.select) if args.select else None,
                ignore=split_names(args.ignore),
                min_severity=Severity(args.min_severity) if args.min_severity else None,
                profile=args.profile,
            ),
            model=args.model,
            config=Path(args.config) if args.config else None,
            max_note_chars=args.max_note_chars,
        ),
    )


def _check_model(model: str | None) -> None:
    """Fail before any worker starts when the spaCy pipeline is not installed."""
    from vblint.analysis.pipeline import DEFAULT_MODEL, INSTALL_HINT, model_name

    name = model_name(model)
    if Path(name).exists() or importlib.util.find_spec(name.replace("-", "_")) is not None:
        return
    hint = INSTALL_HINT if name == DEFAULT_MODEL else "install it or give another model"
    raise AuditUsageError(f"the spaCy pipeline '{name}' is not installed: {hint}")
