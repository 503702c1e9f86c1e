"""``POST /v1/check`` and ``POST /v1/check/batch``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from vblint import Options
from vblint.text import cleaned
from vblint_server.deps import ApiKeyDep, EngineDep, SettingsDep
from vblint_server.engine import Engine, Job
from vblint_server.errors import ApiError
from vblint_server.pool import Outcome
from vblint_server.schemas import (
    BatchRequest,
    BatchResponse,
    CheckOptions,
    CheckRequest,
    CheckResponse,
)
from vblint_server.settings import ServiceSettings

router = APIRouter(prefix="/v1", tags=["check"])


def _job(
    engine: Engine, settings: ServiceSettings, text: str, opts: CheckOptions, which: str = ""
) -> Job:
    if len(text) > settings.max_chars:
        raise ApiError(413, "text_too_long", f"{which}text is over {settings.max_chars} characters")
    options = Options.make(opts.select, opts.ignore, profile=opts.profile)
    unknown = engine.unknown_selectors(options)
    if unknown:
        raise ApiError(
            400,
            "unknown_rule",
            f"{which}select/ignore: {unknown} value(s) name no rule id, rule name or "
            "category (see GET /v1/rules)",
        )
    # JSON can carry a lone surrogate ("\ud800"): replaced one for one here, at the edge, so
    # offsets into the text as sent stay exact and no check of it can raise.
    return Job(cleaned(text), opts.format, options, opts.offset_encoding)


# The findings are built from ``Finding.to_dict()`` in the check process; they are sent as they
# are rather than validated again, which is most of a request's own cost. The response models
# document them, and the schema tests check every response against them.
@router.post("/check", response_model=CheckResponse, summary="Check one text")
async def check_text(
    body: CheckRequest, key: ApiKeyDep, engine: EngineDep, settings: SettingsDep
) -> JSONResponse:
    """Findings for one text, offsets in ``offset_encoding`` units."""
    engine.ready_rules()
    job = _job(engine, settings, body.text, body)
    (findings,) = await engine.run([job], key=key)
    return JSONResponse(
        {
            "findings": findings,
            "rules_version": engine.rules_version,
            "model": engine.model,
            "offset_encoding": body.offset_encoding,
        }
    )


def _merged(batch: BatchRequest, index: int) -> CheckOptions:
    doc = batch.documents[index]
    given = doc.model_dump(exclude={"id", "text"}, exclude_none=True)
    return CheckOptions.model_validate({**batch.model_dump(exclude={"documents"}), **given})


@router.post("/check/batch", response_model=BatchResponse, summary="Check many documents")
async def check_batch(
    body: BatchRequest, key: ApiKeyDep, engine: EngineDep, settings: SettingsDep
) -> JSONResponse:
    """Findings for each document, returned under the caller's ids in the order sent."""
    engine.ready_rules()
    if len(body.documents) > settings.max_batch:
        raise ApiError(
            413, "too_many_documents", f"a batch holds at most {settings.max_batch} documents"
        )
    jobs: Sequence[Job] = [
        _job(engine, settings, doc.text, _merged(body, i), which=f"documents[{i}]: ")
        for i, doc in enumerate(body.documents)
    ]
    outcomes = await engine.run_each(jobs, key=key)
    return JSONResponse(
        {
            "results": [
                _result(doc.id, outcome)
                for doc, outcome in zip(body.documents, outcomes, strict=True)
            ],
            "rules_version": engine.rules_version,
            "model": engine.model,
        }
    )


def _result(doc_id: str, outcome: Outcome) -> dict[str, Any]:
    """One document's entry: its findings, or (checked alone, so only it failed) its error."""
    if isinstance(outcome, ApiError):
        return {
            "id": doc_id,
            "findings": [],
            "error": {"code": outcome.code, "message": outcome.message},
        }
    return {"id": doc_id, "findings": outcome}
