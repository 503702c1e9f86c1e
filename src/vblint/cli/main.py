"""The ``vblint`` command: check, rules, explain, serve, lsp, keys and audit.

Exit codes (:mod:`vblint.exits`): 0 nothing at or above ``--fail-on`` (that a baseline does
not already record); 1 something is; 2 a usage, input, model, rule-pack or baseline error.
Errors are one line on stderr, never a traceback, and never echo note text.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TextIO

from vblint import __version__
from vblint.audit import command as audit
from vblint.cli.baseline import BaselineError
from vblint.config import ConfigError
from vblint.documents import KINDS
from vblint.exits import ExitCode
from vblint.findings import Severity
from vblint.formats import FORMATS
from vblint.printable import shown
from vblint.rules import PROFILES, RulePackError, RuleSet, load_rules

FAIL_ON = ("error", "warning", "info", "never")


class UsageError(Exception):
    """A command line that cannot be carried out."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        """Usage errors exit 2 with one line, like every other error."""
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; kept separate so docs and tests can inspect it."""
    parser = _Parser(
        prog="vblint", description="Find victim-blaming language and suggest better wording."
    )
    parser.add_argument("--version", action="version", version=f"vblint {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = sub.add_parser("check", help="check files, directories or standard input (-)")
    check.add_argument(
        "paths", nargs="*", metavar="PATH", help="files, directories, or - for stdin"
    )
    check.add_argument(
        "--format",
        choices=sorted(FORMATS),
        default=None,
        help="output format (default: github under GitHub Actions, else text)",
    )
    check.add_argument(
        "--select", action="append", metavar="RULES", help="rule ids, names or categories"
    )
    check.add_argument(
        "--ignore", action="append", metavar="RULES", help="rule ids, names or categories"
    )
    check.add_argument("--min-severity", choices=[s.value for s in Severity], default=None)
    check.add_argument("--fail-on", choices=FAIL_ON, default=None, help="default: warning")
    check.add_argument("--profile", choices=PROFILES, default=None)
    check.add_argument(
        "--model", default=None, help="spaCy pipeline name or path (or VBLINT_MODEL)"
    )
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    check.add_argument("--config", metavar="FILE", help="a .vblint.toml or pyproject.toml")
    check.add_argument("--stdin-format", choices=sorted(set(KINDS.values())), default=None)
    check.add_argument("--jobs", "-j", type=int, default=1, metavar="N", help="0: one per CPU")
    check.add_argument("--fix", action="store_true", help="apply safe fixes to the files")
    check.add_argument("--diff", action="store_true", help="show safe fixes, change nothing")
    check.add_argument(
        "--report-unused-suppressions",
        action="store_true",
        help="report suppression directives that suppress nothing",
    )
    check.add_argument(
        "--strict", action="store_true", help="also report suppressions that name no rule"
    )
    check.add_argument(
        "--baseline",
        metavar="FILE",
        default=None,
        help="report only findings not recorded in FILE (default: baseline in the config)",
    )
    check.add_argument(
        "--write-baseline", metavar="FILE", default=None, help="record today's findings in FILE"
    )

    rules = sub.add_parser("rules", help="list the rules")
    rules.add_argument("--format", choices=("text", "json", "markdown"), default="text")

    explain = sub.add_parser("explain", help="explain one rule")
    explain.add_argument("rule", metavar="RULE", help="a rule id such as VB101")

    serve = sub.add_parser("serve", help="run the HTTP service and the writing page")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument(
        "--workers",
        type=int,
        default=None,
        help="check processes, one spaCy pipeline each (default: $VBLINT_WORKERS or 1)",
    )
    serve.add_argument(
        "--docs-url",
        default=None,
        metavar="URL",
        help="where rule links point (default: $VBLINT_DOCS_URL or this service's /guide/)",
    )

    lsp = sub.add_parser("lsp", help="run the language server (stdio, or --tcp for debugging)")
    lsp.add_argument("--tcp", action="store_true", help="listen on TCP instead of stdio")
    lsp.add_argument("--host", default="127.0.0.1", help="TCP host (with --tcp)")
    lsp.add_argument("--port", type=int, default=2087, help="TCP port (with --tcp)")
    lsp.add_argument("--model", default=None, help="spaCy pipeline name or path")
    from vblint_server.keys_command import register as register_keys

    register_keys(sub)
    audit.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code (the console script exits with it)."""
    try:
        args = build_parser().parse_args(argv)
        if hasattr(args, "run"):  # a subcommand that carries out itself (``keys``)
            return int(args.run(args))
        if args.command == "check":
            return _check(args, sys.stdout)
        if args.command == "serve":
            return _serve(args)
        if args.command == "lsp":
            return _lsp(args)
        if args.command == "audit":
            return audit.run(args)
        ruleset = load_rules()
        if args.command == "rules":
            sys.stdout.write(_format_rules(ruleset, args.format))
            return ExitCode.OK
        return _explain(ruleset, args.rule, sys.stdout)
    except UsageError as exc:
        _error(f"{exc} (see 'vblint --help')")
    except RulePackError as exc:
        _error(f"rule pack error: {exc}")
    except (ConfigError, BaselineError) as exc:
        _error(str(exc))
    except KeyboardInterrupt:
        _error("interrupted")
    return ExitCode.ERROR


def _error(message: str) -> None:
    print(f"vblint: error: {shown(message)}", file=sys.stderr)  # a name may hold a newline


def _check(args: argparse.Namespace, out: TextIO) -> int:
    from vblint.cli.check import run_check

    paths = list(args.paths)
    if not paths:
        if sys.stdin.isatty():
            raise UsageError("give files or directories to check, or - for standard input")
        paths = ["-"]
    if args.jobs < 0:
        raise UsageError("--jobs must be 0 (one per CPU) or more")
    if args.fix and args.diff:
        raise UsageError("use --fix or --diff, not both")
    if (args.fix or args.diff) and "-" in paths:
        raise UsageError("--fix and --diff work on files, not standard input")
    if args.write_baseline and (args.baseline or args.diff):
        raise UsageError("--write-baseline records every finding: not with --baseline or --diff")
    return run_check(args, paths, out)


def _lsp(args: argparse.Namespace) -> int:
    """Start the language server; the pipeline loads once, before the first request."""
    try:
        from vblint.lsp.server import serve
    except ImportError:
        _error("the language server needs pygls: pip install 'vblint[lsp]'")
        return ExitCode.ERROR
    from vblint.analysis.pipeline import ModelError
    from vblint.cli.batch import linter_for

    try:
        linter = linter_for(args.model, ())
    except ModelError as exc:
        _error(str(exc))
        return ExitCode.ERROR
    serve(linter, args.model, (args.host, args.port) if args.tcp else None)
    return ExitCode.OK


def _serve(args: argparse.Namespace) -> int:
    try:
        from vblint_server.serve import ServeError, serve
    except ImportError:
        _error("the service needs its extra: pip install 'vblint[server]'")
        return ExitCode.ERROR
    if (args.workers is not None and not 0 < args.workers <= 64) or not 0 < args.port < 65536:
        raise UsageError("--workers must be between 1 and 64 and --port between 1 and 65535")
    try:
        serve(args.host, args.port, args.workers, args.docs_url)
    except ServeError as exc:
        _error(str(exc))
        return ExitCode.ERROR
    return ExitCode.OK


def _format_rules(ruleset: RuleSet, fmt: str) -> str:
    import json

    if fmt == "json":
        data = [r.model_dump(mode="json", by_alias=True, exclude={"match"}) for r in ruleset]
        return json.dumps({"version": ruleset.version, "rules": data}, indent=2) + "\n"
    if fmt == "markdown":
        from vblint.rule_pages import rules_table

        return rules_table(ruleset)
    width = max(len(r.name) for r in ruleset)
    lines = [
        f"{r.id}  {r.severity.value:<7}  {r.name:<{width}}  {r.category.value}" for r in ruleset
    ]
    return "\n".join(lines) + f"\n{len(ruleset)} rules (packs {ruleset.version})\n"


def _explain(ruleset: RuleSet, rule_id: str, out: TextIO) -> int:
    from vblint.rule_pages import explain_text

    rule = ruleset.get(rule_id) or next((r for r in ruleset if r.name == rule_id), None)
    if rule is None:
        raise UsageError(f"no rule '{rule_id}' (list them with 'vblint rules')")
    out.write(explain_text(rule))
    return ExitCode.OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
