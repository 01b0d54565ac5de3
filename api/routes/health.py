"""Liveness and readiness probes."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from agent.readiness import Readiness
from api.deps import AgentDep

router = APIRouter(tags=["health"])


class Health(BaseModel):
    """Liveness: the process answers."""

    status: str


@router.get("/healthz", response_model=Health, summary="Liveness probe")
def healthz() -> Health:
    """The process is up."""
    return Health(status="ok")


@router.get(
    "/readyz",
    response_model=Readiness,
    summary="Readiness probe",
    description="200 when a catalog is loaded and the vector index is reachable; 503 with the problems otherwise.",
    responses={503: {"model": Readiness, "description": "Not ready"}},
)
def readyz(agent: AgentDep):
    """Whether the service can answer shoppers."""
    body = agent.readiness()
    return JSONResponse(status_code=200 if body.ready else 503, content=body.model_dump())
