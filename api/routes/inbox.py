"""The rep inbox: live conversations (listed and streamed to the rep console), and the rep's replies streamed
to the shopper's widget.

Both streams poll the shared sessions database a few times a second (the shopper streams of one process through
one shared look at the outbox, api.rep_watch), so they see what any worker wrote.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Annotated

import anyio
from fastapi import APIRouter, Cookie, Depends, Header, HTTPException, Path, Query, Request, Response
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from agent.inbox_store import InboxStore, RepMessage
from agent.schemas import MAX_ID_CHARS
from api.deps import KnowledgeDep, SettingsDep, TokensDep, admin_key_matches, limit_client, require_admin
from api.inbox_view import InboxPage, summarise
from api.rep_watch import OutboxWatch
from api.rep_ticket import COOKIE, COOKIE_PATH, issue_ticket, ticket_valid
from api.routes import error_responses
from knowledge.store import KnowledgeStore, NoCatalogError

log = logging.getLogger("cartwise.api")

#: How often a stream looks at the database: well under the one second a rep may wait for a new conversation.
POLL_SECONDS = 0.25
#: A comment line this often keeps proxies from closing an idle stream and notices a client that left.
HEARTBEAT_SECONDS = 15.0
#: How long the stream ticket cookie lasts; the console asks for a new one before it runs out.
TICKET_TTL_SECONDS = 3600
#: A stream ends after this long and the browser's EventSource reconnects (credentials checked again, resuming
#: from Last-Event-ID), so no connection outlives a revoked key or a worker restart by much.
STREAM_MAX_SECONDS = 300
MAX_PAGE = 100

SessionIdPath = Annotated[str, Path(min_length=1, max_length=MAX_ID_CHARS)]
ActiveWithin = Annotated[
    int, Query(ge=60, le=7 * 24 * 3600, description="Only conversations active in the last this many seconds.")
]

admin = APIRouter(prefix="/v1", tags=["rep assist"], dependencies=[Depends(limit_client), Depends(require_admin)])
streams = APIRouter(prefix="/v1", dependencies=[Depends(limit_client)])


async def get_inbox(request: Request) -> InboxStore:
    """The app's inbox store (rep outbox and session listing)."""
    return request.app.state.inbox


async def get_outbox_watch(request: Request) -> OutboxWatch:
    """The app's outbox watch (made on first use, on the app's event loop)."""
    watch = getattr(request.app.state, "outbox_watch", None)
    if watch is None:
        watch = request.app.state.outbox_watch = OutboxWatch(request.app.state.inbox, POLL_SECONDS)
    return watch


InboxDep = Annotated[InboxStore, Depends(get_inbox)]
WatchDep = Annotated[OutboxWatch, Depends(get_outbox_watch)]


def _catalog(knowledge: KnowledgeStore):
    try:
        return knowledge.catalog
    except NoCatalogError:  # names are a nicety: the inbox works before a catalog is ingested
        return None


def list_page(inbox: InboxStore, knowledge: KnowledgeStore, limit: int, offset: int, active_within: int) -> InboxPage:
    """One page of the inbox (blocking: database reads)."""
    now = time.time()
    rows = inbox.recent_sessions(now - active_within, limit + 1, offset)
    more = len(rows) > limit
    rows = rows[:limit]
    activity = inbox.rep_activity([r.state.session_id for r in rows])
    catalog = _catalog(knowledge)
    items = [summarise(r, activity.get(r.state.session_id), catalog, now) for r in rows if r.state.turns]
    return InboxPage(sessions=items, next_offset=offset + limit if more else None, active_within=active_within)


@admin.get(
    "/sessions",
    response_model=InboxPage,
    summary="List live conversations",
    description="Conversations active in the last `active_within` seconds, most recently active first, with "
    "the shopper's latest message, page, product in focus, cart, offers shown, declines and how long the shopper "
    "has waited for a person. Paginated with `limit` and `offset`. Needs `X-API-Key`.",
    responses=error_responses(401, 403, 422, 429),
)
async def list_sessions(
    inbox: InboxDep,
    knowledge: KnowledgeDep,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
    active_within: ActiveWithin = 3600,
) -> InboxPage:
    """One page of live conversations."""
    return await anyio.to_thread.run_sync(list_page, inbox, knowledge, limit, offset, active_within)


class StreamTicket(BaseModel):
    """The stream ticket was set as a cookie (its value is never in a body, a URL or a log)."""

    expires_in: int = Field(description="Seconds the ticket stays valid; ask for a new one before then.")


@admin.post(
    "/sessions/stream/ticket",
    response_model=StreamTicket,
    summary="Open the inbox stream from a browser",
    description="Sets a short-lived HttpOnly cookie that lets an `EventSource` (which cannot send headers) open "
    "`GET /v1/sessions/stream`, so the admin key never goes into a URL. Needs `X-API-Key`.",
    responses=error_responses(401, 403, 429),
)
async def stream_ticket(request: Request, response: Response, settings: SettingsDep) -> StreamTicket:
    """Set the stream ticket cookie."""
    key = settings.service.admin_api_key.get_secret_value()  # require_admin ran: a key is configured
    response.set_cookie(
        COOKIE, issue_ticket(key, TICKET_TTL_SECONDS), max_age=TICKET_TTL_SECONDS, path=COOKIE_PATH,
        httponly=True, samesite="strict", secure=request.url.scheme == "https",
    )
    return StreamTicket(expires_in=TICKET_TTL_SECONDS)


@admin.get(
    "/sessions/{session_id}/rep-messages",
    response_model=list[RepMessage],
    summary="Replies a rep sent in a conversation",
    description="Every reply a rep sent in the session, oldest first, with when a widget received it. Needs "
    "`X-API-Key`.",
    responses=error_responses(401, 403, 422, 429),
)
async def rep_messages(session_id: SessionIdPath, inbox: InboxDep) -> list[RepMessage]:
    """The session's rep messages."""
    return await anyio.to_thread.run_sync(inbox.messages, session_id)


def sse(event: str, data, event_id: int | None = None) -> str:
    """One Server-Sent Event frame."""
    head = f"id: {event_id}\n" if event_id is not None else ""
    return f"{head}event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


async def _poll(request: Request, step: Callable[[], Awaitable[list[str]]]) -> AsyncIterator[str]:
    """Run ``step`` every POLL_SECONDS and yield its frames, with heartbeats, until the client leaves (or the
    stream has lasted STREAM_MAX_SECONDS)."""
    last_beat = started = time.monotonic()
    yield "retry: 1000\n\n"  # reconnect a second after the stream ends
    while not await request.is_disconnected() and time.monotonic() - started < STREAM_MAX_SECONDS:
        frames = await step()
        for frame in frames:
            yield frame
        if frames:
            last_beat = time.monotonic()
        elif time.monotonic() - last_beat >= HEARTBEAT_SECONDS:
            last_beat = time.monotonic()
            yield ": keep-alive\n\n"
        await anyio.sleep(POLL_SECONDS)


SSE_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}


@streams.get(
    "/sessions/stream",
    tags=["rep assist"],
    response_class=StreamingResponse,
    summary="Live conversations, streamed",
    description="Server-Sent Events: a `sessions` event with the first page of `GET /v1/sessions` at once and "
    "again whenever a conversation starts, changes or gets a rep reply. Needs `X-API-Key`, or the cookie set by "
    "`POST /v1/sessions/stream/ticket` (for `EventSource`).",
    responses={200: {"content": {"text/event-stream": {}}}} | error_responses(401, 403, 429),
)
async def sessions_stream(
    request: Request,
    settings: SettingsDep,
    inbox: InboxDep,
    knowledge: KnowledgeDep,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    active_within: ActiveWithin = 3600,
    x_api_key: Annotated[str | None, Header(description="The admin key.")] = None,
    ticket: Annotated[str | None, Cookie(alias=COOKIE, include_in_schema=False)] = None,
) -> StreamingResponse:
    """Stream the inbox's first page on every change."""
    key = settings.service.admin_api_key.get_secret_value() if settings.service.admin_api_key else ""
    if not key:
        raise HTTPException(403, detail="admin endpoints are disabled: no admin API key is configured")
    if not (admin_key_matches(settings, x_api_key) or ticket_valid(key, ticket)):
        raise HTTPException(
            401, detail="send X-API-Key, or open the stream with the cookie from POST /v1/sessions/stream/ticket",
            headers={"WWW-Authenticate": "X-API-Key"},
        )
    seen: list = [None]

    def read() -> list[str]:
        version = inbox.version(time.time() - active_within)
        if version == seen[0]:
            return []
        seen[0] = version
        return [sse("sessions", list_page(inbox, knowledge, limit, 0, active_within).model_dump(mode="json"))]

    async def step() -> list[str]:
        return await anyio.to_thread.run_sync(read)

    return StreamingResponse(_poll(request, step), media_type="text/event-stream", headers=SSE_HEADERS)


@streams.get(
    "/chat/events",
    tags=["chat"],
    response_class=StreamingResponse,
    summary="A rep's replies, streamed to the shopper",
    description="Server-Sent Events for the shopper's widget: a `rep_message` event (id, text, offer, sent_at) "
    "for each reply a rep sends in the session. The session token goes in `token` because `EventSource` cannot "
    "send headers. Without `after` or `Last-Event-ID`, replies no widget has received yet come first.",
    responses={200: {"content": {"text/event-stream": {}}}} | error_responses(401, 422, 429),
)
async def chat_events(
    request: Request,
    tokens: TokensDep,
    inbox: InboxDep,
    watch: WatchDep,
    session_id: Annotated[str, Query(min_length=1, max_length=MAX_ID_CHARS)],
    token: Annotated[str, Query(max_length=200, description="The session token from the session's replies.")],
    after: Annotated[int | None, Query(ge=0, description="Deliver only replies with a higher id.")] = None,
    last_event_id: Annotated[int | None, Header(ge=0, include_in_schema=False)] = None,
) -> StreamingResponse:
    """Stream the rep's replies in one session."""
    if not tokens.verify(session_id, token):
        raise HTTPException(401, detail="`token` is not this session's token", headers={"WWW-Authenticate": "token"})
    position = last_event_id if last_event_id is not None else after
    if position is None:
        position = await anyio.to_thread.run_sync(inbox.last_delivered_id, session_id)
    mark = await watch.start()
    return StreamingResponse(
        _rep_messages(request, inbox, watch, session_id, position, mark), media_type="text/event-stream",
        headers=SSE_HEADERS,
    )


async def _rep_messages(
    request: Request, inbox: InboxStore, watch: OutboxWatch, session_id: str, position: int, mark: int
) -> AsyncIterator[str]:
    """The session's backlog, then each new reply as the process's outbox watch sees one for this session."""
    log.info("rep stream open session=%s", session_id)
    state = {"position": position, "mark": mark, "first": True}

    def read() -> list[str]:
        new = inbox.messages(session_id, after=state["position"])
        if not new:
            return []
        state["position"] = new[-1].id
        inbox.mark_delivered([m.id for m in new])
        return [sse("rep_message", m.model_dump(mode="json", exclude={"delivered_at"}), m.id) for m in new]

    async def step() -> list[str]:
        first, state["first"] = state["first"], False
        changed, state["mark"] = await watch.changed(session_id, state["mark"])
        if not (first or changed):
            return []
        return await anyio.to_thread.run_sync(read)

    async for frame in _poll(request, step):
        yield frame
