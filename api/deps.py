"""FastAPI dependency providers: routes get settings, agent, rep assistant, knowledge, event store and limits
through ``Depends``.

The getters are ``async def`` on purpose: trivial lookups answered on the event loop, so routes that need only
them (the probes) never queue for a worker thread. Everything lives on ``app.state`` (set by :func:`api.app.create_app`); tests swap any of it with
``app.dependency_overrides[get_agent] = lambda: other`` (the assistant and the knowledge follow the agent).
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request

from agent.agent import SalesAgent
from agent.assist import Assistant
from agent.settings import Settings
from api.events import EventStore
from api.limits import RateLimits
from api.turns import TurnPool
from knowledge.store import KnowledgeStore


async def get_settings(request: Request) -> Settings:
    """The app's Settings."""
    return request.app.state.settings


async def get_agent(request: Request) -> SalesAgent:
    """The app's SalesAgent."""
    return request.app.state.agent


def get_assistant(agent: Annotated[SalesAgent, Depends(get_agent)]) -> Assistant:
    """Rep assist over the app's agent."""
    return Assistant(agent)


def get_knowledge(agent: Annotated[SalesAgent, Depends(get_agent)]) -> KnowledgeStore:
    """The knowledge the agent answers from (catalog, search, ingest)."""
    return agent.knowledge


async def get_event_store(request: Request) -> EventStore:
    """The outcome event store."""
    return request.app.state.events


async def get_rate_limits(request: Request) -> RateLimits:
    """The app's token buckets (held by the app, so two apps never share them)."""
    return request.app.state.rate_limits


async def get_turn_pool(request: Request) -> TurnPool:
    """The bounded pool shopper turns run in (probes never wait behind it)."""
    return request.app.state.turn_pool


def client_key(request: Request) -> str:
    """The rate-limit key of the calling client: its address."""
    return request.client.host if request.client else "unknown"


def limit_client(request: Request, limits: Annotated[RateLimits, Depends(get_rate_limits)]) -> None:
    """Per-client rate limit for every API route (429 + Retry-After)."""
    limits.check_client(client_key(request))


def require_admin(
    settings: Annotated[Settings, Depends(get_settings)],
    x_api_key: Annotated[str | None, Header(description="The admin key (settings.service.admin_api_key).")] = None,
) -> None:
    """Admin routes: 403 when no admin key is configured (never open), 401 when the key is missing or wrong."""
    configured = settings.service.admin_api_key.get_secret_value() if settings.service.admin_api_key else ""
    if not configured:
        raise HTTPException(403, detail="admin endpoints are disabled: no admin API key is configured")
    # Constant-time so the key cannot be guessed byte by byte from response times.
    if x_api_key is None or not hmac.compare_digest(x_api_key.encode(), configured.encode()):
        raise HTTPException(401, detail="missing or wrong X-API-Key header", headers={"WWW-Authenticate": "X-API-Key"})


SettingsDep = Annotated[Settings, Depends(get_settings)]
AgentDep = Annotated[SalesAgent, Depends(get_agent)]
AssistantDep = Annotated[Assistant, Depends(get_assistant)]
KnowledgeDep = Annotated[KnowledgeStore, Depends(get_knowledge)]
EventsDep = Annotated[EventStore, Depends(get_event_store)]
LimitsDep = Annotated[RateLimits, Depends(get_rate_limits)]
TurnPoolDep = Annotated[TurnPool, Depends(get_turn_pool)]
