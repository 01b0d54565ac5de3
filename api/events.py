"""Offer outcomes (shown, clicked, accepted, declined, purchased) and the merchant's summary of them."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from sqlalchemy import Column, Engine, Float, Integer, MetaData, String, Table, func, insert, select

from agent.schemas import MAX_ID_CHARS, Amount, Id, Text
from agent.sql_store import create_tables, write_lock
from api.schema_upgrade import add_missing_columns

EventType = Literal["shown", "clicked", "accepted", "declined", "purchased"]


class OutcomeEvent(BaseModel):
    """What happened to an offer in a session, as the widget or the shop reports it."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"session_id": "abc", "type": "declined", "sku": "PB-20K"},
                {"session_id": "abc", "type": "purchased", "amount": 838.0, "order_id": "1001"},
            ]
        }
    )

    session_id: Id
    type: EventType
    sku: Annotated[Text, Field(max_length=MAX_ID_CHARS)] | None = Field(None, description="The offered sku; required except for purchased.")
    amount: Amount | None = Field(
        None, description="For purchased: the order total (finite, at most 1e9). Other events take the catalog "
        "price instead."
    )
    order_id: Annotated[Text, Field(max_length=MAX_ID_CHARS)] | None = None
    customer_id: Id | None = Field(
        None, description="The shop's customer id, when known: links the session (and its declines) to follow-ups."
    )

    @model_validator(mode="after")
    def _fields_for_type(self) -> "OutcomeEvent":
        if self.type == "purchased":
            if self.amount is None:
                raise ValueError("amount: a purchased event needs the order total in 'amount'")
        elif not self.sku:
            raise ValueError(f"sku: a {self.type} event needs the offered 'sku'")
        return self


class StoredEvent(BaseModel):
    """An event as stored: the report plus the trusted catalog price and the time it arrived."""

    session_id: str
    type: EventType
    sku: str | None = None
    amount: float | None = None
    price: float | None = Field(None, description="Catalog price of the sku when the event arrived.")
    order_id: str | None = None
    customer_id: str | None = None
    kind: str | None = Field(None, description="The offer's kind (upsell, cross_sell, bundle) from the session.")
    at: float


class MetricsSummary(BaseModel):
    """Outcome metrics over all recorded events."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "offers_shown": 120, "offers_clicked": 30, "offers_accepted": 18, "offers_declined": 40,
                    "acceptance_rate": 0.15, "orders": 25, "attributed_revenue": 702.0,
                    "orders_with_accepted_offer": 12, "orders_without_accepted_offer": 13,
                    "average_order_value_with_offer": 512.5, "average_order_value_without_offer": 430.0,
                }
            ]
        }
    )

    offers_shown: int = Field(description="Distinct (session, sku) offers shown.")
    offers_clicked: int
    offers_accepted: int = Field(description="Distinct (session, sku) offers accepted.")
    offers_declined: int
    acceptance_rate: float | None = Field(description="offers_accepted / offers_shown; null when nothing was shown.")
    orders: int = Field(description="Purchased events (completed orders).")
    attributed_revenue: float = Field(
        description="Catalog price of each accepted offer in a session that went on to purchase."
    )
    orders_with_accepted_offer: int
    orders_without_accepted_offer: int
    average_order_value_with_offer: float | None = Field(description="Mean order total in sessions with an accept.")
    average_order_value_without_offer: float | None = Field(description="Mean order total in the other sessions.")


def summarize(events: Iterable[StoredEvent]) -> MetricsSummary:
    """The metrics summary of a stream of events (pure: the same events give the same numbers)."""
    seen: dict[str, set[tuple[str, str]]] = defaultdict(set)
    accepted_price: dict[tuple[str, str], float] = {}
    orders: list[StoredEvent] = []
    for e in events:
        if e.type == "purchased":
            orders.append(e)
            continue
        key = (e.session_id, e.sku or "")
        seen[e.type].add(key)
        if e.type == "accepted":
            accepted_price.setdefault(key, e.price or 0.0)
    # An accepted offer was necessarily shown, even if the widget's "shown" report got lost.
    shown = seen["shown"] | seen["accepted"]
    accepting_sessions = {s for s, _ in accepted_price}
    buying_sessions = {o.session_id for o in orders}
    revenue = sum(p for (s, _), p in accepted_price.items() if s in buying_sessions)
    with_offer = [o.amount or 0.0 for o in orders if o.session_id in accepting_sessions]
    without = [o.amount or 0.0 for o in orders if o.session_id not in accepting_sessions]
    return MetricsSummary(
        offers_shown=len(shown),
        offers_clicked=len(seen["clicked"]),
        offers_accepted=len(seen["accepted"]),
        offers_declined=len(seen["declined"]),
        acceptance_rate=round(len(seen["accepted"]) / len(shown), 4) if shown else None,
        orders=len(orders),
        attributed_revenue=round(revenue, 2),
        orders_with_accepted_offer=len(with_offer),
        orders_without_accepted_offer=len(without),
        average_order_value_with_offer=round(sum(with_offer) / len(with_offer), 2) if with_offer else None,
        average_order_value_without_offer=round(sum(without) / len(without), 2) if without else None,
    )


_metadata = MetaData()
events_table = Table(
    "events",
    _metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("session_id", String(200), nullable=False, index=True),
    Column("type", String(20), nullable=False),
    Column("sku", String(200)),
    Column("amount", Float),
    Column("price", Float),
    Column("order_id", String(200)),
    Column("at", Float, nullable=False),
    Column("customer_id", String(200)),
    Column("kind", String(20)),
)


class EventStore:
    """Outcome events in the sessions database (any SQLAlchemy URL)."""

    def __init__(self, engine: Engine):
        self.engine = engine
        create_tables(engine, _metadata)
        add_missing_columns(engine, events_table)  # databases made before customer_id and kind existed

    def add(self, event: OutcomeEvent, price: float | None = None, kind: str | None = None) -> StoredEvent:
        """Store one event with the catalog price of its sku and the kind the offer was made as."""
        stored = StoredEvent(**event.model_dump(), price=price, kind=kind, at=time.time())
        with write_lock(self.engine), self.engine.begin() as conn:
            conn.execute(insert(events_table).values(**stored.model_dump()))
        return stored

    def all(self) -> list[StoredEvent]:
        """Every event, oldest first."""
        return self.since(None)

    def since(self, start: float | None) -> list[StoredEvent]:
        """The events that arrived at or after ``start`` (a Unix time; None for all), oldest first."""
        cols = [c for c in events_table.c if c.name != "id"]
        names = [c.name for c in cols]
        query = select(*cols).order_by(events_table.c.id)
        if start is not None:
            query = query.where(events_table.c.at >= start)
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        return [StoredEvent.model_validate(dict(zip(names, r, strict=True))) for r in rows]

    def count(self) -> int:
        """Number of stored events."""
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(events_table)).scalar_one())

    def summary(self) -> MetricsSummary:
        """The metrics summary over every stored event."""
        return summarize(self.all())
