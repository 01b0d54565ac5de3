"""Liveness and readiness probes: answered on the event loop, never behind shopper turns.

``/healthz`` does no work at all. ``/readyz`` runs the readiness check (index and database touches, blocking)
in the turn pool's own probe threads, never in the turn workers, and reports a check that hangs as not ready.
"""

from __future__ import annotations

import asyncio

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from agent.readiness import Readiness
from api.deps import AgentDep, TurnPoolDep

router = APIRouter(tags=["health"])

#: A readiness check slower than this is a problem in itself (a hung index or database): 503, named.
READY_CHECK_SECONDS = 5.0


class Health(BaseModel):
    """Liveness: the process answers."""

    status: str


@router.get("/healthz", response_model=Health, summary="Liveness probe")
async def healthz() -> Health:
    """The process is up."""
    return Health(status="ok")


@router.get(
    "/readyz",
    response_model=Readiness,
    summary="Readiness probe",
    description="200 when a catalog is loaded and the vector index is reachable; 503 with the problems otherwise.",
    responses={503: {"model": Readiness, "description": "Not ready"}},
)
async def readyz(agent: AgentDep, pool: TurnPoolDep):
    """Whether the service can answer shoppers."""
    try:
        body = await asyncio.wait_for(pool.probe(agent.readiness), READY_CHECK_SECONDS)
    except TimeoutError:
        problem = f"readiness check did not finish in {READY_CHECK_SECONDS:g} s (index or database hung)"
        body = Readiness(ready=False, catalog_products=0, index_entries=None, problems=[problem])
    return JSONResponse(status_code=200 if body.ready else 503, content=body.model_dump())
