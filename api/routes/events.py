"""Offer outcomes reported by the widget or the shop, and the merchant's metrics summary."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Depends, Header, HTTPException
from starlette import status

from api.deps import (
    AgentDep,
    EventsDep,
    KnowledgeDep,
    SessionTokenHeader,
    SettingsDep,
    TokensDep,
    limit_client,
    require_admin,
    require_event_credential,
)
from api.events import MetricsSummary, OutcomeEvent, StoredEvent
from api.routes import error_responses
from knowledge.bundles import offer_product

log = logging.getLogger("cartwise.api")
router = APIRouter(prefix="/v1", tags=["outcomes"], dependencies=[Depends(limit_client)])


@router.post(
    "/events",
    response_model=StoredEvent,
    status_code=status.HTTP_201_CREATED,
    summary="Record what happened to an offer",
    description="`shown`, `clicked`, `accepted`, `declined` name the offered `sku`; `purchased` carries the order "
    "total in `amount`. `declined` feeds the session's decline memory (that sku is never offered again in the "
    "session) and `accepted` marks the offer taken. The sku's catalog price is stored with the event. "
    "Needs the session's `X-Session-Token` (from its chat reply) or, from the shop's server, `X-API-Key`.",
    responses=error_responses(401, 413, 422, 429),
)
def record_event(
    event: OutcomeEvent,
    agent: AgentDep,
    knowledge: KnowledgeDep,
    events: EventsDep,
    settings: SettingsDep,
    tokens: TokensDep,
    x_session_token: SessionTokenHeader = None,
    x_api_key: Annotated[str | None, Header(description="The admin key, for events sent by the shop.")] = None,
) -> StoredEvent:
    """Store an outcome event; accepted/declined also update the session."""
    require_event_credential(settings, tokens, event.session_id, x_session_token, x_api_key)
    price, kind = None, None
    if event.sku:
        product = offer_product(event.sku, knowledge.catalog)  # a catalog sku, or an FBT set of catalog skus
        if product is None:
            raise HTTPException(
                422, detail=[{"loc": ["body", "sku"], "msg": f"unknown sku: {event.sku}", "type": "value_error"}]
            )
        price = product.price
        # The kind the agent offered it as (upsell, cross_sell, bundle): for the acceptance rate by kind.
        made = [o for o in agent.session(event.session_id).offers_made if o.sku == event.sku]
        kind = made[-1].kind if made else None
    if event.type in ("accepted", "declined") and event.sku:
        agent.record_outcome(event.session_id, event.sku, event.type, customer_id=event.customer_id)
    stored = events.add(event, price=price, kind=kind)
    log.info("event type=%s session=%s", event.type, event.session_id)
    return stored


@router.get(
    "/metrics/summary",
    response_model=MetricsSummary,
    summary="Outcome metrics",
    description="Offers shown, acceptance rate, attributed revenue (catalog price of accepted offers in sessions "
    "that purchased), and average order value with and without an accepted offer. Needs `X-API-Key`.",
    dependencies=[Depends(require_admin)],
    responses=error_responses(401, 403, 429),
)
def metrics_summary(events: EventsDep) -> MetricsSummary:
    """The summary over every recorded event."""
    return events.summary()
