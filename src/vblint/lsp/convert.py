"""Pure conversions from vblint findings to LSP types: ranges, diagnostics, hovers, fixes.

Offsets are converted only here, through :mod:`vblint.offsets`, so a finding after an emoji
or a combining accent lands on the same characters in UTF-8, UTF-16 and UTF-32 clients.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from lsprotocol import types as lsp

from vblint.findings import Finding, Severity, Suggestion, SuggestionKind
from vblint.offsets import Encoding, LineIndex, OffsetMap

SOURCE = "vblint"

_SEVERITY = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
}

_ENCODINGS: dict[str, Encoding] = {
    lsp.PositionEncodingKind.Utf8.value: "utf-8",
    lsp.PositionEncodingKind.Utf16.value: "utf-16",
    lsp.PositionEncodingKind.Utf32.value: "codepoint",
}


def offset_encoding(kind: str | None) -> Encoding:
    """The :mod:`vblint.offsets` encoding for a negotiated LSP position encoding."""
    return _ENCODINGS.get(str(kind or lsp.PositionEncodingKind.Utf16.value), "utf-16")


class Positions:
    """Code-point offsets in one text -> LSP positions in the client's units."""

    def __init__(self, text: str, encoding: Encoding) -> None:
        self._lines = LineIndex(text)
        self._offsets = OffsetMap(text)
        self._encoding = encoding

    def position(self, offset: int) -> lsp.Position:
        """The LSP position (0-based line, character in client units) of a code-point offset."""
        line, _ = self._lines.position(offset)
        line_start = self._lines.line_starts[line - 1]
        units = self._offsets.to_units(offset, self._encoding)
        character = units - self._offsets.to_units(line_start, self._encoding)
        return lsp.Position(line=line - 1, character=character)

    def range(self, start: int, end: int) -> lsp.Range:
        """The LSP range of a code-point span."""
        return lsp.Range(start=self.position(start), end=self.position(end))


def diagnostic(finding: Finding, positions: Positions, rule_url: str) -> lsp.Diagnostic:
    """One finding as an LSP diagnostic; ``code`` is the rule id, linked to its explanation.

    ``data`` holds the rule and code-point span (for quick fixes) and the fingerprint, so a client
    can recognise the same finding after the text around it changes.
    """
    return lsp.Diagnostic(
        range=positions.range(finding.start, finding.end),
        message=finding.message,
        severity=_SEVERITY[finding.severity],
        code=finding.rule,
        code_description=lsp.CodeDescription(href=rule_url.replace("{rule}", finding.rule)),
        source=SOURCE,
        data={
            "rule": finding.rule,
            "start": finding.start,
            "end": finding.end,
            "fingerprint": finding.fingerprint,
        },
    )


def diagnostics(
    findings: Iterable[Finding], text: str, encoding: Encoding, rule_url: str
) -> list[lsp.Diagnostic]:
    """Every finding of one text as diagnostics."""
    positions = Positions(text, encoding)
    return [diagnostic(f, positions, rule_url) for f in findings]


def hover_markdown(finding: Finding) -> str:
    """What a hover over a finding shows: the message, why, the source and the rewrites."""
    parts = [f"**{finding.rule}** {finding.name}: {finding.message}", "", finding.explanation]
    parts += ["", f"*Source:* {finding.source}"]
    rewrites = [s.text for s in finding.suggestions if s.kind is SuggestionKind.REPLACE]
    frames = [s.text for s in finding.suggestions if s.kind is SuggestionKind.FRAME]
    if rewrites and not is_quoted(finding):
        parts += ["", "*Better:*"] + [f"- {text}" for text in rewrites]
    parts += ["", *frames] if frames else []
    return "\n".join(parts)


def is_quoted(finding: Finding) -> bool:
    """Quoted words are evidence: they are never rewritten."""
    return "quoted" in finding.context


def overlaps(rng: lsp.Range, other: lsp.Range) -> bool:
    """True when two ranges share a character, or a caret sits inside or at the edge of one."""
    start = (rng.start.line, rng.start.character)
    end = (rng.end.line, rng.end.character)
    o_start = (other.start.line, other.start.character)
    o_end = (other.end.line, other.end.character)
    return start <= o_end and o_start <= end


def snippet(suggestion: Suggestion) -> str:
    """The suggestion as a snippet: each placeholder becomes a numbered tab stop."""
    out: list[str] = []
    last = 0
    for number, mark in enumerate(suggestion.placeholders, start=1):
        out.append(_escape(suggestion.text[last : mark.start]))
        out.append(f"${{{number}:{_escape(mark.label)}}}")
        last = mark.end
    out.append(_escape(suggestion.text[last:]))
    return "".join(out)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("$", "\\$").replace("}", "\\}")


def quick_fixes(
    uri: str,
    version: int | None,
    finding: Finding,
    rng: lsp.Range,
    diagnostic_: lsp.Diagnostic | None,
    snippets: bool,
) -> Sequence[lsp.CodeAction]:
    """One quick fix per ``replace`` suggestion; none for quoted words or ``frame`` text.

    With ``snippets`` the placeholders become tab stops (a ``SnippetTextEdit``); otherwise the
    bracketed labels are inserted as plain text for the writer to fill in.
    """
    if is_quoted(finding):
        return []
    actions = []
    for index, suggestion in enumerate(finding.suggestions):
        if suggestion.kind is not SuggestionKind.REPLACE:
            continue
        if snippets and suggestion.placeholders:
            doc = lsp.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
            snippet_edit = lsp.SnippetTextEdit(
                range=rng, snippet=lsp.StringValue(value=snippet(suggestion))
            )
            edit = lsp.WorkspaceEdit(
                document_changes=[lsp.TextDocumentEdit(text_document=doc, edits=[snippet_edit])]
            )
        else:
            edit = lsp.WorkspaceEdit(
                changes={uri: [lsp.TextEdit(range=rng, new_text=suggestion.text)]}
            )
        actions.append(
            lsp.CodeAction(
                title=f"{finding.rule}: replace with '{suggestion.text}'",
                kind=lsp.CodeActionKind.QuickFix,
                diagnostics=[diagnostic_] if diagnostic_ is not None else None,
                is_preferred=index == 0 or None,
                edit=edit,
            )
        )
    return actions
