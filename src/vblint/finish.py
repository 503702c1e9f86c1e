"""From a document's raw findings to finished ones, in one fixed order.

1. severity overrides from configuration (``off`` drops the finding; quoted speech stays info),
2. the document's own suppression directives,
3. the minimum severity (after directives, so a directive that silences a hidden finding is not
   reported as unused),
4. each finding's location in the document (line and column, or paragraph, cell or page).

Every surface gets findings through :meth:`vblint.linter.Linter.check_document`, which ends
here, so the order cannot differ between the command line, the language server, the service and
the audit.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from vblint.directives import Directive, suppress
from vblint.documents.model import Document
from vblint.findings import Finding, Severity
from vblint.options import Options
from vblint.rules import RuleSet


@dataclass(frozen=True)
class Checked:
    """A checked document: its finished findings and the directives it holds."""

    document: Document
    findings: list[Finding] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)


def finish(
    document: Document, findings: list[Finding], options: Options, rules: RuleSet
) -> Checked:
    """Apply overrides, directives and the minimum severity; attach locations."""
    findings = override(findings, options, rules)
    findings, directives = suppress(document, findings, rules)
    findings = [f for f in findings if f.severity.rank >= options.min_severity.rank]
    located = [dataclasses.replace(f, location=document.locate(f.start, f.end)) for f in findings]
    return Checked(document, located, directives)


def override(findings: list[Finding], options: Options, rules: RuleSet) -> list[Finding]:
    """Per-rule or per-category severities from configuration; ``off`` drops the finding.

    Quoted speech stays at info: it is evidence, whatever level the rule has.
    """
    if not options.severity:
        return findings
    out = []
    for finding in findings:
        level = options.level(finding, rules.rules.get(finding.rule))
        if level == "off":
            continue
        if level is not None and "quoted" not in finding.context:
            finding = dataclasses.replace(finding, severity=Severity(level))
        out.append(finding)
    return out
