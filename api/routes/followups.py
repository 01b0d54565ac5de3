"""``POST /v1/followups``: the follow-up of one order (CONTRACTS section 7), recorded for the merchant's figures."""

from __future__ import annotations

import json
import logging
from datetime import datetime, timezone
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from starlette import status

from agent.followups.log import FollowUpLog
from agent.followups.models import FollowUp, FollowUpRequest, Order, OrderItem
from agent.followups.service import agent_planner
from api.deps import AgentDep, SettingsDep, limit_client, require_admin
from api.routes import error_responses

log = logging.getLogger("cartwise.api")
router = APIRouter(prefix="/v1", tags=["follow-ups"], dependencies=[Depends(limit_client)])


async def get_followup_log(request: Request) -> FollowUpLog:
    """The app's follow-up log (the ``followups`` table of the sessions database)."""
    return request.app.state.followup_log


@router.post(
    "/followups",
    response_model=FollowUp,
    summary="Plan the follow-up of one order",
    description="At most one message for the order: a replenish reminder when it holds a consumable "
    "(`replenish_days`), else a cross-sell that complements it (never an upgrade of it, never anything the "
    "customer bought in `other_orders` or in chat, never an offer they declined in a chat session linked to "
    "`customer_id`). 200 with the follow-up, recorded in the `followups` table (the first one per order stays); "
    "204 when there is none, with the reason in `X-Followup-Skipped`. Order lines with skus unknown to the "
    "catalog are left out and named in `X-Followup-Warnings` (a JSON list). `as_of` defaults to now: a follow-up already due "
    "is sent now when overdue by at most the grace period, skipped when older. Needs `X-API-Key`.",
    dependencies=[Depends(require_admin)],
    responses={204: {"description": "No follow-up for this order."}} | error_responses(401, 403, 413, 422, 429),
)
def plan_followup(
    body: FollowUpRequest,
    response: Response,
    agent: AgentDep,
    settings: SettingsDep,
    followup_log: Annotated[FollowUpLog, Depends(get_followup_log)],
) -> FollowUp | Response:
    """Plan, record and return the order's follow-up."""
    planner = agent_planner(agent, settings)
    order = Order(order_id=body.order_id, customer_id=body.customer_id, created_at=body.created_at,
                  items=tuple(OrderItem(**i.model_dump()) for i in body.items), locale=body.locale)
    others = [(o.created_at, frozenset(o.skus)) for o in body.other_orders if o.order_id != body.order_id]
    result = planner.plan_one(order, others, body.as_of or datetime.now(timezone.utc))
    # JSON with ASCII escapes: a sku from the body may hold any character, a header only printable ASCII.
    headers = {"X-Followup-Warnings": json.dumps(result.warnings)} if result.warnings else {}
    if not result.followups:
        reason = result.skipped[0].reason if result.skipped else "nothing to propose"
        return Response(status_code=status.HTTP_204_NO_CONTENT, headers={**headers, "X-Followup-Skipped": reason})
    followup = result.followups[0]
    followup_log.record(followup)
    response.headers.update(headers)
    log.info("followup order=%s kind=%s", followup.order_id, followup.kind)
    return followup
