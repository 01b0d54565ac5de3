"""Liveness and readiness probes."""

from __future__ import annotations

import logging

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from api.deps import AgentDep

log = logging.getLogger("cartwise.api")
router = APIRouter(tags=["health"])


class Health(BaseModel):
    """Liveness: the process answers."""

    status: str


class Readiness(BaseModel):
    """Readiness: a catalog is loaded and the vector index answers."""

    ready: bool
    catalog_products: int
    index_entries: int | None
    problems: list[str]
    notes: list[str] = []  # served anyway, but worth acting on (e.g. re-ingest to build the multilingual index)


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
    problems: list[str] = []
    products = 0
    entries = None
    knowledge = agent.knowledge
    try:
        products = len(knowledge.catalog)
        if products == 0:
            problems.append("catalog is empty")
    except Exception as exc:  # NoCatalogError and friends: say why, do not crash the probe
        problems.append(f"no catalog: {exc}")
    try:
        entries = knowledge.index.count()
    except Exception as exc:
        log.warning("readyz: index unreachable (%s)", type(exc).__name__)
        problems.append(f"vector index unreachable: {type(exc).__name__}")
    notes: list[str] = []
    if not problems:
        try:
            note = knowledge.multilingual_status()
        except Exception as exc:
            note = f"multilingual index unreachable: {type(exc).__name__}"
        if note:
            notes.append(note)
    body = Readiness(
        ready=not problems, catalog_products=products, index_entries=entries, problems=problems, notes=notes
    )
    return JSONResponse(status_code=200 if body.ready else 503, content=body.model_dump())
