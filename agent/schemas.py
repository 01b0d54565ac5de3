"""The chat turn as it crosses the boundary (CONTRACTS section 3): request, context, reply, offer, signal."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Page = Literal["product", "cart", "checkout", "post_purchase", "other"]
SignalType = Literal["need", "decline", "support", "budget", "purchase_intent", "question", "accept"]
OfferKind = Literal["upsell", "cross_sell", "bundle"]


class CartLine(BaseModel):
    """One line of the shopper's cart."""

    sku: str = Field(min_length=1)
    qty: int = Field(1, ge=1)


class ChatContext(BaseModel):
    """Where the shopper is and what they hold; every field optional."""

    model_config = ConfigDict(extra="allow")

    page: Page | None = None
    product_sku: str | None = None
    cart: list[CartLine] = Field(default_factory=list)
    budget: float | None = Field(None, ge=0)
    locale: str | None = None


class ChatRequest(BaseModel):
    """One shopper turn."""

    session_id: str = Field(min_length=1, max_length=200)
    message: str = Field(max_length=20_000)
    context: ChatContext = Field(default_factory=ChatContext)


class Signal(BaseModel):
    """Something the shopper's words tell us: a need, a decline, a problem, a budget, intent to buy."""

    type: SignalType
    text: str = Field(description="The span of the shopper's words that carries the signal.")
    amount: float | None = Field(None, description="For budget signals: the stated amount.")
    confidence: float = Field(1.0, ge=0, le=1)


class Offer(BaseModel):
    """One proposed product, every price from the catalog."""

    sku: str
    name: str
    kind: OfferKind
    price: float
    currency: str
    uplift_pct: float
    replaces_sku: str | None = None
    reason: str


class ChatResponse(BaseModel):
    """The agent's answer to one turn."""

    session_id: str
    reply: str
    offers: list[Offer] = Field(default_factory=list)
    signals: list[Signal] = Field(default_factory=list)
