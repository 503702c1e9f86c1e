"""JSON errors with stable codes; none of them ever repeats what the caller sent.

Every error body is ``{"error": {"code": "...", "message": "..."}}``. Validation messages
name the field (only when it is one of ours) and the problem, never the submitted value.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("vblint.server")

_KNOWN_FIELDS = frozenset(
    {
        "body",
        "text",
        "format",
        "select",
        "ignore",
        "profile",
        "offset_encoding",
        "documents",
        "id",
    }
)
_HTTP_CODES = {
    # FastAPI answers 400 only when it cannot read the body as JSON at all, beyond a syntax
    # error: bytes that are not UTF-8, or nesting too deep for the parser.
    400: "invalid_json",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    415: "unsupported_media_type",
}

_HTTP_MESSAGES = {
    400: "the request body could not be read as JSON (send UTF-8, not nested too deeply)",
    404: "no such endpoint",
}


class ErrorDetail(BaseModel):
    """A stable machine-readable code and a one-line message for people."""

    code: str
    message: str


class ErrorBody(BaseModel):
    """The shape of every error response."""

    error: ErrorDetail


class ApiError(Exception):
    """An error to send as JSON with a status and a stable code."""

    def __init__(
        self, status: int, code: str, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers


def error_response(
    status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    """The JSON response for one error."""
    body = {"error": {"code": code, "message": message}}
    return JSONResponse(body, status_code=status, headers=headers)


def _where(loc: tuple[Any, ...]) -> str:
    parts = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        elif part in _KNOWN_FIELDS:
            parts.append(f".{part}" if parts else str(part))
        else:
            parts.append(".(unknown field)")
    return "".join(parts) or "body"


def validation_message(exc: RequestValidationError, content_type: str) -> tuple[int, str, str]:
    """Status, code and message for a request that failed validation."""
    errors = exc.errors()
    if any(e.get("type") == "json_invalid" for e in errors):
        return 400, "invalid_json", "the request body is not valid JSON"
    first = errors[0] if errors else {}
    if tuple(first.get("loc", ())) == ("body",) and "json" not in content_type:
        return 400, "invalid_json", "send a JSON object with Content-Type: application/json"
    where = _where(tuple(first.get("loc", ())))
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return 422, "invalid_request", f"{where}: {problem(first)}{more}"


_PROBLEMS = {
    "missing": "required",
    "extra_forbidden": "not a field of this request (see /docs)",
    "model_type": "expected a JSON object",
    "model_attributes_type": "expected a JSON object",
    "dict_type": "expected a JSON object",
    "string_type": "expected a string",
    "list_type": "expected a list",
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "bool_type": "expected true or false",
}


def problem(error: Mapping[str, Any]) -> str:
    """What is wrong with one field and what is allowed, never echoing the value sent.

    Allowed values come from our schema (``ctx.expected``), so they are safe to repeat.
    """
    kind = str(error.get("type", "invalid"))
    ctx = error.get("ctx") or {}
    if kind in ("literal_error", "enum") and "expected" in ctx:
        return f"must be one of {ctx['expected']}"
    if kind in _PROBLEMS:
        return _PROBLEMS[kind]
    message = str(error.get("msg", ""))
    sent = error.get("input")
    echoes = sent is not None and str(sent) != "" and str(sent) in message
    if message and not echoes:
        return message[0].lower() + message[1:]
    return kind.replace("_", " ")


def install(app: FastAPI) -> None:
    """Register the handlers that turn every failure into the JSON error shape."""

    @app.exception_handler(ApiError)
    async def _api_error(_: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        content_type = request.headers.get("content-type", "").lower()
        status, code, message = validation_message(exc, content_type)
        return error_response(status, code, message)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _HTTP_CODES.get(exc.status_code, f"http_{exc.status_code}")
        message = _HTTP_MESSAGES.get(exc.status_code, code.replace("_", " "))
        return error_response(exc.status_code, code, message, getattr(exc, "headers", None))


# Documented in OpenAPI on every endpoint that can return them.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": description}
    for status, description in {
        400: "Bad JSON (not JSON, not UTF-8, or nested too deeply) or an unknown rule "
        "selector (code invalid_json, unknown_rule).",
        401: "Missing, wrong or revoked API key (code unauthorized).",
        413: "Body, document or batch over a limit (payload_too_large, text_too_long, "
        "too_many_documents).",
        422: "A field has the wrong type or value (code invalid_request).",
        429: "Over this key's requests per minute (code rate_limited; see Retry-After).",
        503: "Still loading (not_ready) or the check outlasted its time limit (check_timeout; "
        "in a batch, that document's result carries the error instead).",
    }.items()
}
