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
from api.session_tokens import SessionTokens
from api.turns import TurnPool
from knowledge.store import KnowledgeStore


async def get_settings(request: Request) -> Settings:
    """The app's Settings."""
    return request.app.state.settings


async def get_agent(request: Request) -> SalesAgent:
    """The app's SalesAgent."""
    return request.app.state.agent


def get_assistant(request: Request, agent: Annotated[SalesAgent, Depends(get_agent)]) -> Assistant:
    """Rep assist over the app's agent; sent replies go to the app's inbox for the shopper's widget."""
    return Assistant(agent, outbox=getattr(request.app.state, "inbox", None))


def get_knowledge(request: Request) -> KnowledgeStore:
    """The app's knowledge (catalog, search, ingest): the app's, whatever agent a test puts in its place."""
    return request.app.state.agent.knowledge


async def get_event_store(request: Request) -> EventStore:
    """The outcome event store."""
    return request.app.state.events


async def get_rate_limits(request: Request) -> RateLimits:
    """The app's token buckets (held by the app, so two apps never share them)."""
    return request.app.state.rate_limits


def get_session_tokens(request: Request) -> SessionTokens:
    """The app's session token signer (its secret from settings or the data dir)."""
    return request.app.state.session_tokens


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
    if not _admin_key(settings):
        raise HTTPException(403, detail="admin endpoints are disabled: no admin API key is configured")
    if not admin_key_matches(settings, x_api_key):
        raise HTTPException(401, detail="missing or wrong X-API-Key header", headers={"WWW-Authenticate": "X-API-Key"})


def _admin_key(settings: Settings) -> str:
    return settings.service.admin_api_key.get_secret_value() if settings.service.admin_api_key else ""


def admin_key_matches(settings: Settings, given: str | None) -> bool:
    """True when an admin key is configured and ``given`` is it."""
    configured = _admin_key(settings)
    # Constant-time so the key cannot be guessed byte by byte from response times.
    return bool(configured) and given is not None and hmac.compare_digest(given.encode(), configured.encode())


#: The X-Session-Token header: the token the session's first reply carried.
SessionTokenHeader = Annotated[
    str | None,
    Header(description="The session token from the session's first reply (`session_token`)."),
]


def require_turn_token(agent: SalesAgent, tokens: SessionTokens, session_id: str, token: str | None) -> None:
    """401 unless the turn may act on the session: a new session, or the session's own token.

    A wrong token is always refused; no token is refused once the session has turns, since a turn can decline
    offers and change what the session remembers just as an event can.
    """
    if token is not None:
        if not tokens.verify(session_id, token):
            raise _token_refused("the X-Session-Token header does not belong to this session")
        return
    if agent.session(session_id).turns:
        raise _token_refused("this session has started: send its X-Session-Token header (from its first reply)")


def require_event_credential(
    settings: Settings, tokens: SessionTokens, session_id: str, token: str | None, api_key: str | None
) -> None:
    """401 unless the event carries the session's token (the widget) or the admin key (the shop's server)."""
    if tokens.verify(session_id, token) or admin_key_matches(settings, api_key):
        return
    raise _token_refused("an event needs the session's X-Session-Token header (or the shop's X-API-Key)")


def _token_refused(detail: str) -> HTTPException:
    return HTTPException(401, detail=detail, headers={"WWW-Authenticate": "X-Session-Token"})


SettingsDep = Annotated[Settings, Depends(get_settings)]
AgentDep = Annotated[SalesAgent, Depends(get_agent)]
AssistantDep = Annotated[Assistant, Depends(get_assistant)]
KnowledgeDep = Annotated[KnowledgeStore, Depends(get_knowledge)]
EventsDep = Annotated[EventStore, Depends(get_event_store)]
LimitsDep = Annotated[RateLimits, Depends(get_rate_limits)]
TokensDep = Annotated[SessionTokens, Depends(get_session_tokens)]
TurnPoolDep = Annotated[TurnPool, Depends(get_turn_pool)]
