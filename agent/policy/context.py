"""What the policy looks at in one turn: the turn's facts, its signals, the session and the limits."""

from __future__ import annotations

from functools import cached_property

from pydantic import BaseModel, ConfigDict, Field

from agent.schemas import ChatContext, Page, Signal
from agent.turn import TurnFacts
from agent.types import PolicyLimits, SessionState
from knowledge.catalog import Catalog
from knowledge.models import Product
from knowledge.text import content_words

# Verbs of wanting carry no need on their own (the toolkit's stop words cover the function words).
_WANTING = frozenset(
    "wish want wants need needs "
    "quiero necesito quisiera ojalá brauche möchte wünsche hätte veux voudrais besoin aimerais "
    "хочу хотел хотела хотелось нужно нужен нужна нужны muốn cần ước".split()
)


def need_words(text: str) -> frozenset[str]:
    """The content words of a need statement (any language), for telling whether two needs are the same."""
    return frozenset(w for w in content_words(text) if w not in _WANTING and len(w) > 1)


def same_need(a: str, b: str) -> bool:
    """Whether two need statements say the same thing (equal, or mostly the same content words)."""
    wa, wb = need_words(a), need_words(b)
    if not wa or not wb:
        return a.strip().lower() == b.strip().lower()
    return len(wa & wb) / len(wa | wb) >= 0.5


class PolicyContext(BaseModel):
    """Everything the guardrails need for one turn: the turn's facts, its signals, the session and the limits."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    facts: TurnFacts
    signals: list[Signal] = Field(default_factory=list, description="Signals detected in this turn.")
    unanswered: list[Signal] = Field(
        default_factory=list,
        description="Needs read from the shopper's circumstances that no candidate answers (dropped from signals).",
    )
    state: SessionState
    limits: PolicyLimits = Field(default_factory=PolicyLimits)

    @classmethod
    def build(
        cls,
        *,
        signals: list[Signal],
        context: ChatContext,
        state: SessionState,
        catalog: Catalog,
        limits: PolicyLimits,
        message: str = "",
    ) -> "PolicyContext":
        """Resolve the turn's facts from the catalog and wrap them (callers that have no TurnFacts yet)."""
        facts = TurnFacts.build(context=context, state=state, signals=signals, catalog=catalog, message=message)
        return cls(facts=facts, signals=signals, state=state, limits=limits)

    # The turn's facts, under the names the rules and offer building read.
    @property
    def message(self) -> str:
        """The shopper's message, quoted in offer reasons."""
        return self.facts.message

    @property
    def page(self) -> Page | None:
        """The page the shopper is on."""
        return self.facts.page

    @property
    def focus(self) -> Product | None:
        """The item in focus."""
        return self.facts.focus

    @property
    def cart(self) -> list[Product]:
        """Catalog products of the cart lines, in order."""
        return self.facts.cart

    @property
    def cart_skus(self) -> frozenset[str]:
        """Skus in the cart (as sent, even if unknown to the catalog)."""
        return self.facts.cart_skus

    @property
    def cart_qty(self) -> dict[str, int]:
        """Quantity per cart sku."""
        return self.facts.cart_qty

    @property
    def cart_total(self) -> float:
        """Sum of price x qty over the cart lines found in the catalog."""
        return self.facts.cart_total

    @property
    def addon_base(self) -> float:
        """What a cross-sell is measured against: the cart total, or the focus item when the cart is empty."""
        return self.facts.addon_base

    @property
    def budget(self) -> float | None:
        """The stricter of the page's budget and the latest budget stated in words."""
        return self.facts.budget

    @property
    def stated_budget(self) -> float | None:
        """The latest budget the shopper stated in words, if any."""
        return self.facts.stated_budget

    @property
    def declined(self) -> frozenset[str]:
        """Skus the shopper declined in this session."""
        return self.facts.declined

    @property
    def offered(self) -> frozenset[str]:
        """Skus already offered in this session."""
        return self.facts.offered

    @property
    def store_currency(self) -> str:
        """The store's currency, for products that have none of their own."""
        return self.facts.store_currency

    # Derived lookups are cached: decide() runs every rule on every candidate.
    @cached_property
    def signal_types(self) -> frozenset[str]:
        """Types of this turn's signals."""
        return frozenset(s.type for s in self.signals)

    @property
    def has_need(self) -> bool:
        """Whether the shopper stated a need in this turn."""
        return "need" in self.signal_types

    @cached_property
    def _turn_signals(self) -> dict[int, list[Signal]]:
        return {t.index: t.signals for t in self.state.turns}

    @cached_property
    def upsold_needs(self) -> list[str]:
        """Need texts of the turns in which an upsell was offered earlier in the session."""
        out: list[str] = []
        for rec in self.state.offers_made:
            if rec.kind == "upsell":
                out.extend(s.text for s in self._turn_signals.get(rec.turn, []) if s.type == "need")
        return out

    @cached_property
    def unprompted_given(self) -> bool:
        """Whether an add-on was already offered in a turn where the shopper stated no need."""
        for t in self.state.turns:
            if t.offers and not any(s.type == "need" for s in t.signals):
                return True
        for rec in self.state.offers_made:
            sigs = self._turn_signals.get(rec.turn)
            if sigs is not None and not any(s.type == "need" for s in sigs):
                return True
        return False
