"""``vblint check``: plan the tasks, run them (in parallel if asked), report, choose the exit.

Kept apart from :mod:`vblint.cli.main` so the argument parser stays small and this flow can be read
top to bottom.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TextIO

from vblint.cli.baseline import Baseline, Recorder
from vblint.cli.batch import TaskResult, linter_for, run
from vblint.cli.plan import CommandLine, make_plan
from vblint.config import Finder, split_names
from vblint.exits import ExitCode
from vblint.findings import Severity
from vblint.formats import InputError, Notice, Report, render_report
from vblint.printable import shown


def run_check(args: argparse.Namespace, paths: list[str], out: TextIO) -> int:
    """Check ``paths`` as the parsed command line asks; returns the exit code."""
    from vblint.analysis.pipeline import ModelError

    cli = CommandLine(
        select=tuple(split_names(args.select)) if args.select else None,
        ignore=tuple(split_names(args.ignore)),
        min_severity=Severity(args.min_severity) if args.min_severity else None,
        profile=args.profile,
        fail_on=args.fail_on,
        stdin_format=args.stdin_format,
        fix=args.fix,
        diff=args.diff,
        model=args.model,
        baseline=args.baseline,
    )
    finder = Finder(Path(args.config) if args.config else None)
    plan = make_plan(paths, cli, finder)
    # Writing a baseline reads none; a baseline that cannot be read stops the run before checking.
    recorder = Recorder(Path(args.write_baseline)) if args.write_baseline else None
    named = [] if recorder else [args.baseline, *plan.baselines]
    baselines = {name: Baseline.load(Path(name)) for name in dict.fromkeys(named) if name}
    jobs = args.jobs or os.cpu_count() or 1
    try:
        first = plan.tasks[0] if plan.tasks else None
        # Load once here: forked workers share this pipeline's memory instead of each loading it.
        rules = linter_for(args.model, first.packs if first else ()).rules
    except ModelError as exc:
        _say(f"error: {exc}")
        return ExitCode.ERROR
    progress = sys.stderr.isatty() and not os.environ.get("CI") and len(plan.tasks) > 1
    # One run, one SARIF log: rule links follow the configuration where the command runs.
    report = Report(rules=rules, docs_url=finder.for_path(Path.cwd()).settings.docs_url)
    report.errors.extend(plan.errors)
    for error in plan.errors:
        _say(f"error: {error.path}: {error.message}")
    failed = False
    fixed = 0
    diffs: list[str] = []
    for outcome, fail_on, baseline in zip(
        run(plan.tasks, jobs=min(jobs, len(plan.tasks) or 1), progress=progress),
        plan.fail_on,
        plan.baselines,
        strict=True,
    ):
        if outcome.error is not None:
            report.errors.append(InputError(outcome.path, outcome.error))
            _say(f"error: {outcome.path}: {outcome.error}")
            continue
        if recorder is not None:
            recorder.add(outcome.path, outcome.findings)
            outcome.findings = []  # all recorded, so none is new
        elif baseline is not None:
            outcome.findings = baselines[baseline].new(outcome.path, outcome.findings)
        notices = _notices(outcome, args.report_unused_suppressions, args.strict)
        report.add(outcome.path, outcome.text, outcome.findings, outcome.kind, notices)
        failed |= _fails(outcome, fail_on) or bool(notices)
        fixed += outcome.fixed
        if outcome.diff:
            diffs.append(outcome.diff)
        if outcome.fix_note and (args.fix or args.diff):
            _say(f"{outcome.path}: {outcome.fix_note}")
        if outcome.fix_error:
            report.errors.append(InputError(outcome.path, outcome.fix_error))
            _say(f"error: {outcome.path}: {outcome.fix_error}")
    if args.diff:
        out.write("".join(diffs))
        out.flush()
        return ExitCode.ERROR if report.errors else (ExitCode.FINDINGS if diffs else ExitCode.OK)
    if recorder is not None:
        recorder.write()
        _say(recorder.summary())
    for known in baselines.values():
        if (line := known.summary()) is not None:
            _say(line)
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    color = args.color == "always" or (args.color == "auto" and out.isatty())
    out.write(render_report(report, fmt, color=color))
    out.flush()
    if args.fix:
        _say(f"applied {fixed} safe fix{'es' if fixed != 1 else ''}")
    if report.errors:
        return ExitCode.ERROR
    return ExitCode.FINDINGS if failed else ExitCode.OK


def _say(message: str) -> None:
    """One line on stderr; a file name in it may hold a newline, so it is printed escaped."""
    print(f"vblint: {shown(message)}", file=sys.stderr)


def _notices(outcome: TaskResult, unused: bool, strict: bool) -> list[Notice]:
    notices = []
    for d in outcome.directives:
        if d.action == "enable":
            continue
        if unused and d.used == 0:
            notices.append(Notice(d.line, "unused-suppression", f"'{d.text}' suppresses nothing"))
        if strict and d.bare:
            notices.append(
                Notice(d.line, "bare-suppression", f"'{d.text}' names no rule; name the rules")
            )
    return notices


def _fails(outcome: TaskResult, fail_on: str) -> bool:
    if fail_on == "never":
        return False
    threshold = Severity(fail_on).rank
    return any(f.severity.rank >= threshold for f in outcome.findings)
