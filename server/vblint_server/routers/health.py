"""``/healthz`` (the process answers), ``/readyz`` (the model is loaded) and ``/metrics``."""

from __future__ import annotations

from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse

from vblint_server import metrics
from vblint_server.deps import EngineDep
from vblint_server.schemas import Health

router = APIRouter(tags=["operations"])


@router.get("/healthz", response_model=Health, summary="Liveness")
async def healthz() -> Health:
    """Answers from the event loop, even while a long check runs on the check thread."""
    return Health(status="ok")


@router.get(
    "/readyz",
    response_model=Health,
    summary="Readiness",
    responses={503: {"model": Health, "description": "Still loading, or failed to load."}},
)
async def readyz(engine: EngineDep) -> Response:
    """Ready once this worker has loaded its spaCy pipeline and rule packs."""
    if engine.state != "ready":
        body = Health(status="failed" if engine.state == "failed" else "loading")
        return JSONResponse(body.model_dump(), status_code=503)
    detail = {"model": engine.model, "rules_version": engine.rules_version}
    return JSONResponse(Health(status="ready", detail=detail).model_dump())


@router.get(
    "/metrics",
    summary="Prometheus metrics",
    response_class=Response,
    responses={200: {"content": {"text/plain": {}}, "description": "Exposition format."}},
)
async def get_metrics() -> Response:
    """Request counts, latency, findings by rule and category; never any text."""
    data, content_type = metrics.render()
    return Response(content=data, media_type=content_type)
