"""What the policy looks at in one turn: signals, context, session, limits and the products they point at."""

from __future__ import annotations

import re
from functools import cached_property

from pydantic import BaseModel, ConfigDict, Field

from agent.schemas import ChatContext, Page, Signal
from agent.types import PolicyLimits, SessionState
from knowledge.catalog import Catalog
from knowledge.models import Product

_WORD = re.compile(r"[a-z0-9]+")
# Words that carry no need on their own; left out when comparing two need statements.
_STOP = frozenset(
    "a an and the my i me it is are was be to of for in on with so that this just too very really "
    "always never all more less no not do does don t wish want need would could can".split()
)


def resolve_focus(context: ChatContext, catalog: Catalog, state: SessionState | None = None) -> Product | None:
    """The item in focus: the product page's sku, else the latest cart line, else the latest purchase."""
    focus = catalog.get(context.product_sku)
    if focus is not None:
        return focus
    for line in reversed(context.cart):
        p = catalog.get(line.sku)
        if p is not None:
            return p
    if state is not None:
        for sku in reversed(state.purchased_skus):
            p = catalog.get(sku)
            if p is not None:
                return p
    return None


def effective_budget(signals: list[Signal], context: ChatContext, state: SessionState) -> float | None:
    """The budget to respect: the stricter of the page's budget and the latest one the shopper stated in words."""
    stated = _stated_budget(signals, state)
    known = [b for b in (context.budget, stated) if b is not None]
    return min(known) if known else None


def _stated_budget(signals: list[Signal], state: SessionState) -> float | None:
    for s in reversed(signals):
        if s.type == "budget" and s.amount is not None:
            return s.amount
    if state.budget is not None:
        return state.budget
    # Sessions saved before SessionState.budget existed only have it in their turns' signals.
    for turn in reversed(state.turns):
        for s in reversed(turn.signals):
            if s.type == "budget" and s.amount is not None:
                return s.amount
    return None


def need_words(text: str) -> frozenset[str]:
    """The content words of a need statement, for telling whether two needs are the same."""
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 1)


def same_need(a: str, b: str) -> bool:
    """Whether two need statements say the same thing (equal, or mostly the same content words)."""
    wa, wb = need_words(a), need_words(b)
    if not wa or not wb:
        return a.strip().lower() == b.strip().lower()
    return len(wa & wb) / len(wa | wb) >= 0.5


class PolicyContext(BaseModel):
    """Everything the guardrails need for one turn; build it with :meth:`build`."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    signals: list[Signal] = Field(default_factory=list, description="Signals detected in this turn.")
    context: ChatContext = Field(default_factory=ChatContext)
    state: SessionState
    limits: PolicyLimits = Field(default_factory=PolicyLimits)
    focus: Product | None = Field(None, description="The product page's item, else the latest cart line.")
    cart: list[Product] = Field(default_factory=list, description="Catalog products of the cart lines, in order.")
    cart_total: float = Field(0.0, description="Sum of price x qty over the cart lines found in the catalog.")
    budget: float | None = Field(
        None, description="The stricter of context.budget and the latest budget stated in words."
    )
    stated_budget: float | None = Field(None, description="The latest budget the shopper stated in words, if any.")
    message: str = Field("", description="The shopper's message, quoted in offer reasons.")
    store_currency: str = "USD"

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
        """Resolve the focus item, cart products, cart total and budget from the catalog."""
        cart: list[Product] = []
        total = 0.0
        for line in context.cart:
            p = catalog.get(line.sku)
            if p is not None:
                cart.append(p)
                total += p.price * line.qty
        return cls(
            signals=signals,
            context=context,
            state=state,
            limits=limits,
            focus=resolve_focus(context, catalog, state),
            cart=cart,
            cart_total=round(total, 2),
            budget=effective_budget(signals, context, state),
            stated_budget=_stated_budget(signals, state),
            message=message,
            store_currency=catalog.currency,
        )

    # Derived lookups are cached: decide() runs every rule on every candidate.
    @property
    def page(self) -> Page | None:
        """The page the shopper is on."""
        return self.context.page

    @cached_property
    def cart_skus(self) -> frozenset[str]:
        """Skus in the cart (as sent, even if unknown to the catalog)."""
        return frozenset(line.sku for line in self.context.cart)

    @cached_property
    def cart_qty(self) -> dict[str, int]:
        """Quantity per cart sku."""
        out: dict[str, int] = {}
        for line in self.context.cart:
            out[line.sku] = out.get(line.sku, 0) + line.qty
        return out

    @cached_property
    def declined(self) -> frozenset[str]:
        """Skus the shopper declined in this session."""
        return frozenset(self.state.declined_skus)

    @cached_property
    def offered(self) -> frozenset[str]:
        """Skus already offered in this session."""
        return frozenset(r.sku for r in self.state.offers_made)

    @cached_property
    def signal_types(self) -> frozenset[str]:
        """Types of this turn's signals."""
        return frozenset(s.type for s in self.signals)

    @property
    def has_need(self) -> bool:
        """Whether the shopper stated a need in this turn."""
        return "need" in self.signal_types

    @property
    def addon_base(self) -> float:
        """What a cross-sell is measured against: the cart total, or the focus item when the cart is empty."""
        if self.cart:
            return self.cart_total
        return self.focus.price if self.focus is not None else 0.0

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
