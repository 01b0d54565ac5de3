"""The follow-up data crossing a boundary: the orders it reads, the message line it writes, the API body."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from agent.schemas import Id, Text

FollowUpKind = Literal["cross_sell", "replenish"]


class FollowUp(BaseModel):
    """One message to send after an order: exactly the fields of CONTRACTS section 7, in that order."""

    order_id: str
    customer_id: str
    send_at: str = Field(description="ISO 8601 with a timezone.")
    kind: FollowUpKind
    sku: str
    name: str
    price: float
    currency: str
    reason: str
    subject: str
    text: str
    html: str


class PurchasedItem(BaseModel):
    """One line item of an order: a sku and how many."""

    sku: Annotated[Text, Field(min_length=1)]
    quantity: int = Field(1, ge=1, le=10_000)


class OrderItem(PurchasedItem):
    """A line item as the planner sees it: with its line in the orders file, when read from one."""

    line: int | None = None


class Order(BaseModel):
    """One order: its customer, when it was placed, what it held, and the customer's language if known."""

    model_config = ConfigDict(frozen=True)

    order_id: str
    customer_id: str
    created_at: datetime = Field(description="Timezone-aware.")
    items: tuple[OrderItem, ...]
    locale: str | None = None
    line: int | None = Field(None, description="The order's first line in the orders file.")

    @property
    def skus(self) -> list[str]:
        """The order's skus, first appearance first."""
        return list(dict.fromkeys(i.sku for i in self.items))


class FollowUpRequest(BaseModel):
    """``POST /v1/followups``: one order, and optionally the customer's earlier or later orders."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "order_id": "o1", "customer_id": "c9", "created_at": "2026-11-30T10:00:00+00:00",
                    "items": [{"sku": "PX8-128", "quantity": 1}], "locale": "en",
                }
            ]
        }
    )

    order_id: Id
    customer_id: Id
    created_at: datetime = Field(description="ISO 8601; without a timezone it is read as UTC.")
    items: Annotated[list[PurchasedItem], Field(min_length=1, max_length=500)]
    locale: Annotated[Text, Field(max_length=64)] | None = None
    as_of: datetime | None = Field(None, description="Plan as of this time (default: now); see cartwise followups.")
    other_orders: Annotated[list["PastOrder"], Field(max_length=1000)] = Field(
        default_factory=list, description="The customer's other orders: nothing they bought is cross-sold again."
    )

    @field_validator("created_at", "as_of")
    @classmethod
    def _aware(cls, v: datetime | None) -> datetime | None:
        return as_utc_if_naive(v) if v is not None else None


class PastOrder(BaseModel):
    """Another order of the same customer, for the history checks."""

    order_id: Id
    created_at: datetime
    skus: Annotated[list[Id], Field(min_length=1, max_length=500)]

    @field_validator("created_at")
    @classmethod
    def _aware(cls, v: datetime) -> datetime:
        return as_utc_if_naive(v)


#: Order times outside these years are typing errors, and would overflow date arithmetic near year 9999.
YEARS = (1970, 2999)


def as_utc_if_naive(moment: datetime) -> datetime:
    """A timezone-aware time: a naive one is taken as UTC (stores export UTC when they leave the zone out).

    ValueError for a year outside :data:`YEARS`.
    """
    if not YEARS[0] <= moment.year <= YEARS[1]:
        raise ValueError(f"year {moment.year} is outside {YEARS[0]}..{YEARS[1]}")
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment


class FollowUpSkip(BaseModel):
    """Why an order got no follow-up (or an order line was left out), for the summary and the API."""

    order_id: str
    reason: str
    line: int | None = None
