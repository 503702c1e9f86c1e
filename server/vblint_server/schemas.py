"""Typed request and response bodies; OpenAPI is generated from these."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from vblint.rules import Profile

TextFormat = Literal["text", "markdown", "html"]
OffsetEncoding = Literal["utf-16", "utf-8", "codepoint"]
Selector = Annotated[str, Field(max_length=100)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CheckOptions(_Strict):
    """What to check and how to count offsets; shared by single and batch checks."""

    format: TextFormat = Field(
        default="text",
        description="How to read the text: markdown and html are checked as their visible "
        "prose, with offsets still into the text as sent.",
    )
    select: Annotated[list[Selector], Field(max_length=100)] = Field(
        default_factory=list, description="Only these rule ids, names or categories."
    )
    ignore: Annotated[list[Selector], Field(max_length=100)] = Field(
        default_factory=list, description="Leave out these rule ids, names or categories."
    )
    profile: Profile | None = Field(default=None, description="Kind of writing.")
    offset_encoding: OffsetEncoding = Field(
        default="utf-16",
        description="Units of start/end: utf-16 code units (JavaScript string indices, LSP; "
        "the default), utf-8 bytes, or Unicode code points. line/column are always "
        "1-based code points.",
    )


class CheckRequest(CheckOptions):
    """One text to check."""

    text: str = Field(description="The text; never logged or stored.")


class BatchDocument(_Strict):
    """One document in a batch; options left out take the batch's values."""

    id: Annotated[str, Field(min_length=1, max_length=200)] = Field(
        description="The caller's id, returned with the findings."
    )
    text: str
    format: TextFormat | None = None
    select: Annotated[list[Selector], Field(max_length=100)] | None = None
    ignore: Annotated[list[Selector], Field(max_length=100)] | None = None
    profile: Profile | None = None
    offset_encoding: OffsetEncoding | None = None


class BatchRequest(CheckOptions):
    """Several documents with caller ids; top-level options are the defaults."""

    documents: list[BatchDocument]


class PlaceholderOut(BaseModel):
    """A part of a suggestion to fill in, in code points into the suggestion text."""

    start: int
    end: int
    label: str


class SuggestionOut(BaseModel):
    """Better wording; ``replace`` replaces start..end, ``frame`` is a sentence to add."""

    text: str
    kind: Literal["replace", "frame"]
    placeholders: list[PlaceholderOut]


class FindingOut(BaseModel):
    """One finding: the fields of ``Finding.to_dict()`` with start/end in the asked units."""

    rule: str
    name: str
    category: str
    severity: Literal["info", "warning", "error"]
    start: int = Field(description="Offset in the requested offset_encoding.")
    end: int = Field(description="Exclusive end, in the requested offset_encoding.")
    line: int = Field(description="1-based line.")
    column: int = Field(description="1-based column in code points.")
    end_line: int
    end_column: int
    text: str
    message: str
    explanation: str
    source: str
    suggestions: list[SuggestionOut]
    confidence: float
    context: list[str]
    safe_fix: bool
    advice: str = Field(
        default="",
        description="What to write instead, in words, when no replacement text is offered.",
    )
    fingerprint: str = Field(
        description="Stable identity of the finding: its rule, words and occurrence in the "
        "sentence, not its offset, so it survives edits elsewhere in the text."
    )


class CheckResponse(BaseModel):
    """Findings for one text."""

    findings: list[FindingOut]
    rules_version: str
    model: str
    offset_encoding: OffsetEncoding


class DocumentError(BaseModel):
    """Why one document of a batch has no findings (the others are still answered)."""

    code: Literal["check_timeout", "internal_error", "not_ready"]
    message: str


class BatchResult(BaseModel):
    """Findings for one document of a batch, under the caller's id."""

    id: str
    findings: list[FindingOut]
    error: DocumentError | None = Field(
        default=None,
        description="Present when this document could not be checked (its findings are "
        "then empty): check_timeout when its check outlasted the time limit.",
    )


class BatchResponse(BaseModel):
    """Findings for every document, in the order sent."""

    results: list[BatchResult]
    rules_version: str
    model: str


class RuleOut(BaseModel):
    """A rule as documented: what it flags, why, the source, examples."""

    model_config = ConfigDict(extra="allow")

    id: str
    name: str
    category: str
    severity: str
    message: str = Field(description="What it flags, as a sentence ('This wording ...').")
    message_template: str = Field(
        description="The message findings carry, with {match} for the words found."
    )
    explanation: str
    source: str
    url: str = Field(description="The rule's page in the documentation.")


class RulesResponse(BaseModel):
    """Every rule in the loaded packs."""

    rules_version: str
    rules: list[RuleOut]


class Health(BaseModel):
    """Liveness or readiness."""

    status: Literal["ok", "ready", "loading", "failed"]
    detail: dict[str, Any] = Field(default_factory=dict)
