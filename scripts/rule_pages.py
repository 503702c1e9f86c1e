#!/usr/bin/env python3
"""Generate the documentation's rule pages from the packs: an mkdocs hook, and a script.

mkdocs loads this file as a hook (``hooks:`` in ``mkdocs.yml``), so ``mkdocs build --strict``
on a fresh clone makes ``rules/VB101.md`` and the rest from ``patterns/*.yaml`` with nothing
committed. Run on its own, it writes the same pages to a folder for a look:

    .venv/bin/python scripts/rule_pages.py --out /tmp/rule-pages
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

from vblint import rule_docs
from vblint.rule_pages import site_pages
from vblint.rules import load_rules

RULES_DIR = "rules"
CONDITIONS_MARKER = "<!-- rule-conditions -->"
# Guides other parts of the project write; until one is there, the site says where it stands.
PENDING = {
    "word.md": ("Word", "checking Word documents (`.docx`) with tracked-change fixes"),
    "audit.md": ("Inspection", "`vblint audit`, for inspectors reviewing a body of writing"),
}


def conditions_table() -> str:
    """The conditions and contexts a pack may use, described as the rule pages describe them."""
    rows = ["| condition (`when`, `when_any`) | reports when |", "|---|---|"]
    rows += [f"| `{name}` | {text} |" for name, text in rule_docs.CONDITIONS.items()]
    rows += ["", "| context (`unless`) | stays silent when |", "|---|---|"]
    rows += [f"| `{name}` | {text} |" for name, text in rule_docs.CONTEXTS.items()]
    rows += ["", "| `span` | a rewrite replaces |", "|---|---|"]
    rows += [f"| `{name}` | {text} |" for name, text in rule_docs.SPANS.items()]
    return "\n".join(rows) + "\n"


def pending_page(title: str, what: str) -> str:
    """A short page for a guide that is not in this copy of the documentation yet."""
    return f"# {title}\n\nThe guide to {what} is not part of this copy of the documentation.\n"


@event_priority(-100)  # after the offline plugin, which adds one
def on_config(config: Any, **_: Any) -> Any:
    """Drop script links to other hosts: the site must work with no internet."""
    polyfills = config.extra.get("polyfills", [])
    config.extra["polyfills"] = [p for p in polyfills if "://" not in str(p)]
    return config


def on_files(files: Any, config: Any, **_: Any) -> Any:
    """Add a generated page per rule, the rules index, and any guide still pending."""
    from mkdocs.structure.files import File

    for name, text in site_pages(load_rules()).items():
        files.append(File.generated(config, f"{RULES_DIR}/{name}", content=text))
    for name, (title, what) in PENDING.items():
        if files.get_file_from_path(name) is None:
            files.append(File.generated(config, name, content=pending_page(title, what)))
    return files


def on_page_markdown(markdown: str, **_: Any) -> str:
    """Fill the rule-pack guide's table of conditions from the same descriptions."""
    return markdown.replace(CONDITIONS_MARKER, conditions_table())


def main(argv: list[str]) -> int:
    """Write the generated pages to ``--out DIR``."""
    if len(argv) != 2 or argv[0] != "--out":
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(argv[1]) / RULES_DIR
    out.mkdir(parents=True, exist_ok=True)
    for name, text in site_pages(load_rules()).items():
        (out / name).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
