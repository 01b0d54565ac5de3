"""Shopper chat: one turn as JSON, or streamed over Server-Sent Events.

The routes are ``async``: a turn's blocking work runs in the app's bounded turn pool (:mod:`api.turns`), never
on the event loop and never in the thread pool the probes or other routes use. The turn's deadline starts when
the request arrives, so time spent queueing for a worker counts against its model timeout, and a turn stuck
behind a hung model still answers (offline) within one model timeout.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import AsyncIterator

from fastapi import APIRouter, Body, Depends
from fastapi.responses import StreamingResponse

from agent.agent import SalesAgent
from agent.models.base import Deadline
from agent.schemas import ChatRequest, ChatResponse
from agent.settings import Settings
from api.deps import (
    AgentDep,
    EventsDep,
    KnowledgeDep,
    LimitsDep,
    SessionTokenHeader,
    SettingsDep,
    TokensDep,
    TurnPoolDep,
    limit_client,
    require_turn_token,
)
from api.events import EventStore, OutcomeEvent
from api.turns import TurnPool
from api.limits import RateLimits, check_message_length
from api.routes import error_responses
from knowledge.store import KnowledgeStore

log = logging.getLogger("cartwise.api")
router = APIRouter(prefix="/v1", tags=["chat"], dependencies=[Depends(limit_client)])

CHAT_EXAMPLES = {
    "need": {
        "summary": "A need on a product page",
        "value": {
            "session_id": "abc",
            "message": "I wish my battery lasted all day",
            "context": {"page": "product", "product_sku": "PX8-128", "cart": [{"sku": "PX8-128", "qty": 1}]},
        },
    },
    "minimal": {"summary": "No context", "value": {"session_id": "abc", "message": "hi"}},
}

RESPONSE_EXAMPLE = {
    "session_id": "abc",
    "reply": "A power bank keeps your phone going all day.",
    "offers": [
        {"sku": "PB-20K", "name": "Power bank 20,000 mAh", "kind": "cross_sell", "price": 39.0, "currency": "USD",
         "uplift_pct": 5.6, "replaces_sku": None, "reason": 'answers: "I wish my battery lasted all day"'}
    ],
    "signals": [{"type": "need", "text": "battery lasted all day", "amount": None, "confidence": 1.0}],
}


def admit_turn(request: ChatRequest, settings: Settings, limits: RateLimits) -> None:
    """The checks every shopper turn passes before the agent sees it: message length, session rate."""
    check_message_length(request.message, settings.service.max_message_chars)
    limits.check_session(request.session_id)


@router.post(
    "/chat",
    response_model=ChatResponse,
    summary="Answer one shopper turn",
    description="CONTRACTS section 3: the reply, at most one guardrailed offer (every sku and price from the "
    "catalog) and the signals read in the message. The turn is recorded in the session. The reply carries the "
    "session's `session_token`: later turns of the session and its events must send it as `X-Session-Token` "
    "(401 without it once the session has turns).",
    responses={200: {"content": {"application/json": {"example": RESPONSE_EXAMPLE}}}}
    | error_responses(401, 413, 422, 429),
)
async def chat(
    agent: AgentDep,
    settings: SettingsDep,
    limits: LimitsDep,
    tokens: TokensDep,
    pool: TurnPoolDep,
    events: EventsDep,
    knowledge: KnowledgeDep,
    x_session_token: SessionTokenHeader = None,
    request: ChatRequest = Body(openapi_examples=CHAT_EXAMPLES),
) -> ChatResponse:
    """Answer one shopper turn."""
    deadline = Deadline(settings.model.model_timeout)  # from arrival: queueing for a worker counts
    await pool.run(admit_turn, request, settings, limits)
    await pool.run(require_turn_token, agent, tokens, request.session_id, x_session_token)
    started = time.perf_counter()
    response = await pool.run(agent.respond, request, deadline=deadline)
    await pool.run(record_typed_acceptance, events, knowledge, response)
    log.info(
        "chat session=%s offers=%d signals=%d ms=%.1f",
        request.session_id, len(response.offers), len(response.signals), (time.perf_counter() - started) * 1000,
    )
    return response.model_copy(update={"session_token": tokens.issue(request.session_id)})


def record_typed_acceptance(events: EventStore, knowledge: KnowledgeStore, response: ChatResponse) -> None:
    """Store an ``accepted`` event for an offer taken in words, as POST /v1/events does for the card's button."""
    for action in response.actions:
        if action.type == "add_to_cart":
            event = OutcomeEvent(session_id=response.session_id, type="accepted", sku=action.sku)
            product = knowledge.catalog.get(action.sku)  # a catalog reloaded since the offer may lack it
            events.add(event, price=product.price if product else None)


def sse_event(event: str, data: dict) -> str:
    """One Server-Sent Event frame."""
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


async def sse_turn(
    agent: SalesAgent,
    request: ChatRequest,
    pool: TurnPool,
    deadline: Deadline,
    token: str | None = None,
    events: EventStore | None = None,
    knowledge: KnowledgeStore | None = None,
) -> AsyncIterator[str]:
    """Drive ``agent.stream`` in the turn pool: ``delta`` events, then ``done`` with the session token (or
    ``error``)."""
    started = time.perf_counter()
    it = agent.stream(request, deadline=deadline)
    end = object()
    response = None
    try:
        while True:
            item = await pool.run(next, it, end)
            if item is end:
                break
            if isinstance(item, str):
                yield sse_event("delta", {"text": item})
            else:
                response = item
                if events is not None and knowledge is not None:
                    await pool.run(record_typed_acceptance, events, knowledge, item)
                yield sse_event("done", item.model_copy(update={"session_token": token}).model_dump(mode="json"))
    except Exception as exc:
        # The type only: an exception's text or traceback can quote the shopper's message.
        log.error("chat stream failed session=%s error=%s", request.session_id, type(exc).__name__)
        yield sse_event("error", {"detail": "the reply could not be completed"})
    finally:
        # Closing releases the session lock the generator holds, even when the client went away mid-reply.
        try:
            await pool.run(it.close)
        except ValueError:  # still running in a worker thread after a cancel; it finishes on its own
            pass
        log.info(
            "chat stream session=%s offers=%d ms=%.1f",
            request.session_id, len(response.offers) if response else -1, (time.perf_counter() - started) * 1000,
        )


@router.post(
    "/chat/stream",
    summary="Answer one shopper turn, streamed",
    description="Server-Sent Events: `delta` events carry reply text as it is produced (`{\"text\": …}`), then one "
    "`done` event carries the full response (the `/v1/chat` shape: reply, offers, signals). On a failure after "
    "the stream started, an `error` event replaces `done`.",
    response_class=StreamingResponse,
    responses={
        200: {
            "content": {
                "text/event-stream": {
                    "example": 'event: delta\ndata: {"text": "A power bank "}\n\n'
                    'event: done\ndata: {"session_id": "abc", "reply": "…", "offers": [], "signals": []}\n\n'
                }
            }
        }
    }
    | error_responses(401, 413, 422, 429),
)
async def chat_stream(
    agent: AgentDep,
    settings: SettingsDep,
    limits: LimitsDep,
    tokens: TokensDep,
    pool: TurnPoolDep,
    events: EventsDep,
    knowledge: KnowledgeDep,
    x_session_token: SessionTokenHeader = None,
    request: ChatRequest = Body(openapi_examples=CHAT_EXAMPLES),
) -> StreamingResponse:
    """Answer one shopper turn over Server-Sent Events."""
    deadline = Deadline(settings.model.model_timeout)
    await pool.run(admit_turn, request, settings, limits)
    await pool.run(require_turn_token, agent, tokens, request.session_id, x_session_token)
    return StreamingResponse(
        sse_turn(agent, request, pool, deadline, tokens.issue(request.session_id), events, knowledge),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
