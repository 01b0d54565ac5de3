"""Rep console API: suggested replies (nothing recorded), sending the chosen one, reading a session."""

from __future__ import annotations

import logging
import time

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path

from agent.assist import OfferNotAllowed, ReplyRejected, SendRequest, SuggestRequest, SuggestResponse
from agent.schemas import MAX_ID_CHARS, ChatResponse
from agent.types import SessionState
from api.deps import AgentDep, AssistantDep, LimitsDep, SettingsDep, limit_client, require_admin
from api.limits import check_message_length
from api.routes import error_responses

log = logging.getLogger("cartwise.api")
#: A session id in a path, with the limits of one in a body.
SessionIdPath = Annotated[str, Path(min_length=1, max_length=MAX_ID_CHARS)]
router = APIRouter(prefix="/v1", tags=["rep assist"], dependencies=[Depends(limit_client), Depends(require_admin)])


@router.post(
    "/suggest",
    response_model=SuggestResponse,
    summary="Suggest replies for a rep",
    description="Two or three replies for the shopper's latest message: an answer only; the answer with the "
    "soft offer when the policy allows one; a clarifying question when useful. Each carries its offer, the "
    "guardrail checks the offer passed (uplift vs limit, budget, stock, in cart, declined) with the policy's "
    "rejections by rule name, and a rationale. Nothing is recorded: send the chosen reply with "
    "`POST /v1/suggest/{session_id}/send`. Needs `X-API-Key`.",
    responses=error_responses(401, 403, 413, 422, 429),
)
def suggest(
    body: SuggestRequest, assistant: AssistantDep, settings: SettingsDep, limits: LimitsDep
) -> SuggestResponse:
    """Suggested replies for the rep; the session is left unchanged."""
    check_message_length(body.message, settings.service.max_message_chars)
    limits.check_session(body.session_id)
    started = time.perf_counter()
    response = assistant.suggest(body)
    log.info(
        "suggest session=%s suggestions=%d ms=%.1f",
        body.session_id, len(response.suggestions), (time.perf_counter() - started) * 1000,
    )
    return response


@router.post(
    "/suggest/{session_id}/send",
    response_model=ChatResponse,
    summary="Record the reply a rep sent",
    description="Records the turn (the shopper message and the rep's reply, possibly edited) in the session, "
    "with the offer when `offer_sku` names the one the policy allowed for this message; any other sku is "
    "refused with 422. The reply passes the grounding and pressure checks a model reply must pass (products "
    "and prices from the catalog, no unbacked discount, no pressure wording); a failing one is refused with 422, "
    "one `detail` entry per failed check at `body.reply`, and nothing is stored. Needs `X-API-Key`.",
    responses=error_responses(401, 403, 413, 422, 429),
)
def send(
    session_id: SessionIdPath, body: SendRequest, assistant: AssistantDep, settings: SettingsDep, limits: LimitsDep
) -> ChatResponse:
    """Record a rep's reply as the session's next turn."""
    check_message_length(body.message, settings.service.max_message_chars)
    check_message_length(body.reply, settings.service.max_message_chars, field="reply")
    limits.check_session(session_id)
    try:
        response = assistant.send(session_id, body)
    except OfferNotAllowed as exc:
        raise HTTPException(
            422, detail=[{"loc": ["body", "offer_sku"], "msg": str(exc), "type": "value_error"}]
        ) from None
    except ReplyRejected as exc:
        # One entry per failed check, each naming the field, so the console can show the rep what to change.
        detail = [{"loc": ["body", "reply"], "msg": problem, "type": "reply_check"} for problem in exc.problems]
        raise HTTPException(422, detail=detail) from None
    log.info("suggest send session=%s offers=%d", session_id, len(response.offers))
    return response


@router.get(
    "/sessions/{session_id}",
    response_model=SessionState,
    summary="Read a conversation",
    description="The session's turns, offers made and declines, for the rep console. Needs `X-API-Key`.",
    responses=error_responses(401, 403, 422, 429),
)
def session(session_id: SessionIdPath, agent: AgentDep) -> SessionState:
    """The stored state of one session (a fresh, empty one when unknown)."""
    return agent.session(session_id)
