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
    """Answers from the event loop, even while long checks run in the check processes."""
    return Health(status="ok")


@router.get(
    "/readyz",
    response_model=Health,
    summary="Readiness",
    responses={503: {"model": Health, "description": "Still loading, or failed to load."}},
)
async def readyz(engine: EngineDep) -> Response:
    """Ready once the rule packs and at least one check process's spaCy pipeline are loaded."""
    ready, total = engine.workers
    if engine.state != "ready":
        body = Health(
            status="failed" if engine.state == "failed" else "loading",
            detail={"workers_ready": ready, "workers": total},
        )
        return JSONResponse(body.model_dump(), status_code=503)
    detail = {
        "model": engine.model,
        "rules_version": engine.rules_version,
        "workers_ready": ready,
        "workers": total,
        "spares_ready": engine.spares,
    }
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
