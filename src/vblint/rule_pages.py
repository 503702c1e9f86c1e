"""Rule documentation rendered from the packs: a page per rule, the table, ``vblint explain``.

The packs are the only source: the documentation site generates ``rules/VB101.md`` and the
index from them at build time (``scripts/rule_pages.py``), and ``vblint explain`` prints the
same facts as text, so what the site says and what the command says cannot drift apart.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from vblint import rule_docs
from vblint.rules import Rule, RuleSet

INDEX = "index.md"
# The pages quote the wording each rule looks for: a mention, which vblint must leave alone.
DISABLE = "<!-- vblint-disable-file -- a rule's page quotes the wording it looks for -->"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def page_name(rule_id: str) -> str:
    """The file of a rule's page inside the site's ``rules/`` folder."""
    return f"{rule_id.upper()}.md"


def _md(text: str) -> str:
    """Plain text made safe to put in Markdown: no emphasis, links or HTML by accident."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _cell(text: str) -> str:
    return _md(text).replace("|", "\\|")


def rule_page(rule: Rule, pack: str | None = None) -> str:
    """The Markdown page for one rule."""
    meta = [f"**{rule.severity.value}**", f"category `{rule.category.value}`"]
    if pack:
        meta.append(f"pack `{pack}`")
    if rule.profiles:
        meta.append(rule_docs.profile_note(rule))
    parts = [
        "---",
        f"title: {rule.id} {rule.name}",
        f"description: {_md(rule_docs.summary(rule))}",
        "---",
        DISABLE,
        "",
        f"# {rule.id} `{rule.name}`",
        "",
        " · ".join(meta),
        "",
        "## What it flags",
        "",
        _md(rule_docs.summary(rule)),
        "",
        "## Why it matters",
        "",
        _md(rule.explanation),
        "",
        "## Guidance",
        "",
        _md(rule.source),
        "",
        "## Examples",
        "",
        "Flagged:",
        "",
    ]
    for example in rule.examples.flag:
        parts.append(f"- {_md(example.text)}")
        if example.fix:
            parts.append(f"    - better: {_md(example.fix)}")
    parts += ["", "Not flagged:", ""]
    parts += [f"- {_md(text)}" for text in rule.examples.pass_]
    parts += ["", "## The rewrite it offers", ""]
    parts += _rewrite_section(rule)
    severity = rule_docs.severity_notes(rule)
    if severity:
        parts += ["", "## Severity", "", f"`{rule.severity.value}` by default."]
        parts += ["", *[f"- {_md(note)}" for note in severity]]
    parts += ["", "## Known limits", ""]
    parts += [f"- {_md(line)}" for line in rule_docs.limits(rule)]
    parts += [
        "",
        "## Turning it off",
        "",
        "For a project, in `.vblint.toml` (see [Configuration](../configuration.md)):",
        "",
        "```toml",
        f'ignore = ["{rule.id}"]',
        "```",
        "",
        "For one line of a document that must keep the words "
        "(see [Suppressions](../configuration.md#suppressions)):",
        "",
        "```markdown",
        f"<!-- vblint-disable-next-line {rule.id} -- the reason -->",
        "```",
        "",
    ]
    return "\n".join(parts)


def _rewrite_section(rule: Rule) -> list[str]:
    fixes = [ex for ex in rule.examples.flag if ex.fix]
    lines: list[str] = []
    if fixes:
        lines += ["For example:", ""]
        for ex in fixes:
            lines.append(f"- {_md(ex.text)} → {_md(ex.fix or '')}")
        lines.append("")
    if rule.suggest:
        lines += ["It fits these rewrites to the sentence, first choice first:", ""]
        lines += [f"{n}. {text}" for n, text in enumerate(rule_docs.rewrites(rule), 1)]
        lines += [
            "",
            "Words in *italics* are filled from the sentence; where the sentence does not name "
            "them, a [bracketed] placeholder is left for the writer.",
        ]
    else:
        lines.append("No rewrite: the message and the explanation say what to change.")
    lines.append("")
    if rule.safe_fix:
        lines.append(
            "This is a **safe fix**: `vblint check --fix` applies the first rewrite "
            "(never inside quoted speech)."
        )
    else:
        lines.append("This needs the writer's judgement: `--fix` never applies it.")
    return lines


def rules_table(ruleset: RuleSet, links: bool = False) -> str:
    """The table of every rule, one row each; with ``links`` the ids link to their pages."""
    rows = [
        "| id | rule | category | severity | what it flags | source |",
        "|---|---|---|---|---|---|",
    ]
    for r in ruleset:
        ident = f"[{r.id}]({page_name(r.id)})" if links else r.id
        note = rule_docs.profile_note(r)
        what = _cell(rule_docs.summary(r)) + (f" ({note})" if note else "")
        rows.append(
            f"| {ident} | `{r.name}` | {r.category.value} | {r.severity.value} | {what} | "
            f"{_cell(r.source)} |"
        )
    return "\n".join(rows) + "\n"


def index_page(ruleset: RuleSet) -> str:
    """The rules' index page: what the packs are, then the table linking every page."""
    return "\n".join(
        [
            "---",
            "title: Rules",
            "---",
            DISABLE,
            "",
            "# Rules",
            "",
            f"{len(ruleset)} rules (packs version `{ruleset.version}`), generated from the "
            "YAML packs in `patterns/`. Each page says what the rule flags, why it matters, the "
            "guidance it comes from, examples, the rewrite it offers and its known limits. "
            "`vblint explain VB101` prints the same in a terminal.",
            "",
            rules_table(ruleset, links=True),
        ]
    )


def site_pages(ruleset: RuleSet) -> dict[str, str]:
    """Every generated page by its path inside the site's ``rules/`` folder."""
    pages = {INDEX: index_page(ruleset)}
    for rule in ruleset:
        origin = ruleset.origins.get(rule.id)
        pages[page_name(rule.id)] = rule_page(rule, _pack_name(origin))
    return pages


def _pack_name(origin: Path | None) -> str | None:
    return origin.stem if origin is not None else None


def explain_text(rule: Rule) -> str:
    """``vblint explain``: the rule's page as plain text for a terminal."""
    parts = [
        f"{rule.id} {rule.name}",
        f"category: {rule.category.value}   severity: {rule.severity.value}",
        "",
        rule_docs.summary(rule),
        "",
        "Why:",
        _indent(rule.explanation),
        "",
        f"Source: {rule.source}",
    ]
    parts += rule_docs.severity_notes(rule)
    parts += ["", "Flagged:"]
    for ex in rule.examples.flag:
        parts.append(f"  - {ex.text}" + (f"\n    better: {ex.fix}" if ex.fix else ""))
    parts += ["", "Not flagged:"] + [f"  - {text}" for text in rule.examples.pass_]
    parts += ["", "Known limits:"] + [_indent(line, "  - ") for line in rule_docs.limits(rule)]
    return "\n".join(parts) + "\n"


def _indent(text: str, first: str = "  ") -> str:
    return textwrap.fill(
        " ".join(text.split()), width=96, initial_indent=first, subsequent_indent=" " * len(first)
    )
