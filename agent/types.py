"""Internal typed data shared by the agent's parts: session state, candidates, policy limits and decisions."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from agent.schemas import ChatContext, Improvement, Offer, OfferKind, Signal
from agent.settings import PolicyLimits  # the policy section of Settings, used beside these types
from knowledge.models import Product
from knowledge.promotions import PromoPricing


class OfferRecord(BaseModel):
    """An offer made earlier in the session."""

    sku: str
    kind: OfferKind
    turn: int
    replaces_sku: str | None = None


class Turn(BaseModel):
    """One exchange kept in the session history."""

    index: int
    user: str
    reply: str
    context: ChatContext = Field(default_factory=ChatContext)
    signals: list[Signal] = Field(default_factory=list)
    offers: list[Offer] = Field(default_factory=list)


class SessionState(BaseModel):
    """Everything the agent remembers about one shopper conversation."""

    session_id: str
    turns: list[Turn] = Field(default_factory=list)
    offers_made: list[OfferRecord] = Field(default_factory=list)
    declined_skus: list[str] = Field(default_factory=list)
    decline_count: int = 0
    purchased_skus: list[str] = Field(default_factory=list)
    accepted_skus: list[str] = Field(default_factory=list)
    budget: float | None = Field(None, description="The latest budget the shopper stated in words.")
    budget_scope: Literal["total", "extra"] | None = Field(
        None, description="Whether that budget bounds the whole order (total) or only what is added (extra)."
    )
    budget_currency: str | None = Field(None, description="The currency the shopper named with it, if any.")
    last_context: ChatContext = Field(default_factory=ChatContext)
    customer_id: str | None = Field(None, description="The shop's customer this session belongs to, when known.")

    @property
    def last_offer(self) -> OfferRecord | None:
        """The most recent offer, if any."""
        return self.offers_made[-1] if self.offers_made else None


CandidateSource = Literal["search", "family", "curated", "compatible", "copurchase"]


class Candidate(BaseModel):
    """A product that might be offered, before the policy has looked at it."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    product: Product
    kind: OfferKind
    replaces: Product | None = None
    sources: list[CandidateSource] = Field(default_factory=list)
    score: float = 0.0
    need: Signal | None = Field(None, description="The need signal this candidate answers, if any.")
    improves: Improvement | None = Field(None, description="For a replacement: the measure it improves, if known.")
    parts: list[Product] = Field(
        default_factory=list, description="kind bundle: the component products (repeats kept)."
    )
    promotion: PromoPricing | None = Field(
        None, description="A live promotion pricing it: ``product.price`` is then its promo price (promo_pricing)."
    )
    required: bool = Field(
        False, description="cross_sell: supplies a part a held item comes without (knowledge.requirements)."
    )


class Rejection(BaseModel):
    """Why a candidate was not offered: the rule that stopped it."""

    sku: str
    rule: str
    detail: str = ""


class Decision(BaseModel):
    """What the policy decided for this turn: the offers (0 or 1 by default) and what it refused."""

    offers: list[Offer] = Field(default_factory=list)
    rejected: list[Rejection] = Field(default_factory=list)
    silenced_by: str | None = Field(None, description="Rule that suppressed offers for the whole turn, if any.")
