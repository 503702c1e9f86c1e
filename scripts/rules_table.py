#!/usr/bin/env python3
"""Regenerate the README's rule table from the rule packs (the packs are the source of truth).

.venv/bin/python scripts/rules_table.py          # rewrite README.md in place
.venv/bin/python scripts/rules_table.py --check  # exit 1 when README.md is out of date
"""

from __future__ import annotations

import sys
from pathlib import Path

from vblint.cli.main import rules_markdown
from vblint.rules import load_rules

README = Path(__file__).resolve().parents[1] / "README.md"
START, END = "<!-- rules:start -->", "<!-- rules:end -->"
# The table names the wording each rule looks for: a mention, so vblint leaves it alone.
DISABLE = "<!-- vblint-disable -- the rule table names the wording each rule looks for -->"
ENABLE = "<!-- vblint-enable -->"


def render(readme: str) -> str:
    """README text with the table between the markers replaced."""
    head, rest = readme.split(START, 1)
    _, tail = rest.split(END, 1)
    table = rules_markdown(load_rules())
    return f"{head}{START}\n{DISABLE}\n{table}{ENABLE}\n{END}{tail}"


def main(argv: list[str]) -> int:
    """Rewrite, or with --check only compare."""
    current = README.read_text(encoding="utf-8")
    fresh = render(current)
    if "--check" in argv:
        if fresh != current:
            print("README.md rule table is out of date: run scripts/rules_table.py")
            return 1
        return 0
    README.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
