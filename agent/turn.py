"""The facts of one turn, resolved once from the catalog and the session: focus, cart, totals, budget, memory.

Candidates, the policy, the reply input and the rep console all read the same :class:`TurnFacts`, built once
per turn in :meth:`agent.agent.SalesAgent.plan`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from agent.affinity import STOP, text_stems
from agent.schemas import ChatContext, Page, Signal
from agent.signals.budget import currency_matches
from agent.types import SessionState
from knowledge.catalog import Catalog
from knowledge.models import Product


def resolve_focus(
    context: ChatContext, catalog: Catalog, state: SessionState | None = None, message: str = ""
) -> Product | None:
    """The item in focus: the product page's sku, else the cart line the message names ("the 1-person tent won't
    fit both of us" beside a rain cover added since), else the latest cart line, else the latest purchase."""
    focus = catalog.get(context.product_sku)
    if focus is not None:
        return focus
    cart = [p for p in (catalog.get(line.sku) for line in context.cart) if p is not None]
    named = named_line(cart, message)
    if named is not None:
        return named
    if cart:
        return cart[-1]
    if state is not None:
        for sku in reversed(state.purchased_skus):
            p = catalog.get(sku)
            if p is not None:
                return p
    return None


def named_line(cart: list[Product], message: str) -> Product | None:
    """The one cart product whose name and category share the most words with the message, if any does."""
    said = text_stems(message) - STOP
    if len(cart) < 2 or not said:
        return None
    overlap = {p.sku: len(said & (text_stems(f"{p.name} {p.category.replace('>', ' ')}") - STOP)) for p in cart}
    best = max(overlap.values())
    top = [p for p in cart if overlap[p.sku] == best]
    return top[0] if best > 0 and len({p.sku for p in top}) == 1 else None


class StatedBudget(BaseModel):
    """A budget the shopper stated in words: the amount, what it bounds and the currency they named."""

    model_config = ConfigDict(frozen=True)

    amount: float
    scope: Literal["total", "extra"] = "total"
    currency: str | None = None


def effective_budget(signals: list[Signal], context: ChatContext, state: SessionState) -> float | None:
    """The budget to respect: the stricter of the page's budget and the latest one the shopper stated in words."""
    stated = stated_budget(signals, state)
    known = [b for b in (context.budget, stated) if b is not None]
    return min(known) if known else None


def stated_budget(signals: list[Signal], state: SessionState) -> float | None:
    """The latest budget amount the shopper stated in words: this turn's, else the session's."""
    said = latest_budget(signals, state)
    return None if said is None else said.amount


def latest_budget(signals: list[Signal], state: SessionState) -> StatedBudget | None:
    """The latest budget the shopper stated in words (amount, scope, currency): this turn's, else the session's."""
    for s in reversed(signals):
        if s.type == "budget" and s.amount is not None:
            return StatedBudget(amount=s.amount, scope=s.scope or "total", currency=s.currency)
    if state.budget is not None:
        return StatedBudget(amount=state.budget, scope=state.budget_scope or "total", currency=state.budget_currency)
    # Sessions saved before SessionState.budget existed only have it in their turns' signals.
    for turn in reversed(state.turns):
        for s in reversed(turn.signals):
            if s.type == "budget" and s.amount is not None:
                return StatedBudget(amount=s.amount, scope=s.scope or "total", currency=s.currency)
    return None


def price_ceiling(
    page_budget: float | None, said: StatedBudget | None, dearest_held: float, store_currency: str
) -> float | None:
    """The highest price any offer could have under the budgets: an upsell's price or a cross-sell's.

    A total (the page's, or one stated in words) caps any single price; an extra amount caps a cross-sell's
    price and an upsell's difference, so nothing above the dearest item in focus or in the cart plus it. A
    budget in a clearly different currency than the store's cannot be compared, and nothing is offered (0).
    """
    caps = [page_budget] if page_budget is not None else []
    if said is not None:
        if not currency_matches(said.currency, store_currency):
            caps.append(0.0)
        elif said.scope == "extra":
            caps.append(said.amount + dearest_held)
        else:
            caps.append(said.amount)
    return min(caps) if caps else None


class TurnFacts(BaseModel):
    """What one turn is about, resolved from the catalog and the session; build it with :meth:`build`."""

    model_config = ConfigDict(frozen=True)

    message: str = Field("", description="The shopper's message, quoted in offer reasons.")
    page: Page | None = Field(None, description="The page the shopper is on.")
    locale: str | None = Field(None, description="The shopper's locale, when the page sent one.")
    focus: Product | None = Field(None, description="The product page's item, else the latest cart line or purchase.")
    cart: list[Product] = Field(default_factory=list, description="Catalog products of the cart lines, in order.")
    cart_skus: frozenset[str] = Field(frozenset(), description="Skus in the cart (as sent, even if unknown).")
    cart_qty: dict[str, int] = Field(default_factory=dict, description="Quantity per cart sku.")
    cart_total: float = Field(0.0, description="Sum of price x qty over the cart lines found in the catalog.")
    addon_base: float = Field(
        0.0, description="What a cross-sell is measured against: the cart total, else the focus item's price."
    )
    page_budget: float | None = Field(None, description="The budget the page sent, if any.")
    stated_budget: float | None = Field(None, description="The latest budget the shopper stated in words, if any.")
    budget_scope: Literal["total", "extra"] | None = Field(
        None, description="What the stated budget bounds: the whole order (total) or only what is added (extra)."
    )
    budget_currency: str | None = Field(None, description="The currency the shopper named with their budget, if any.")
    budget: float | None = Field(None, description="The stricter of the page's budget and the stated one.")
    price_ceiling: float | None = Field(None, description="The highest price any offer may have under the budgets.")
    purchased: frozenset[str] = Field(frozenset(), description="Skus bought in this session.")
    declined: frozenset[str] = Field(frozenset(), description="Skus the shopper declined in this session.")
    offered: frozenset[str] = Field(frozenset(), description="Skus already offered in this session.")
    store_currency: str = "USD"

    @property
    def held(self) -> tuple[Product, ...]:
        """What the shopper holds: the cart products and the focus item, without repeats, cart first."""
        items = {p.sku: p for p in [*self.cart, *([self.focus] if self.focus is not None else [])]}
        return tuple(items.values())

    @classmethod
    def build(
        cls,
        *,
        context: ChatContext,
        state: SessionState,
        signals: list[Signal],
        catalog: Catalog,
        message: str = "",
    ) -> "TurnFacts":
        """Resolve the focus item, cart products, totals, budget and session memory for one turn."""
        cart: list[Product] = []
        qty: dict[str, int] = {}
        total = 0.0
        for line in context.cart:
            qty[line.sku] = qty.get(line.sku, 0) + line.qty
            p = catalog.get(line.sku)
            if p is not None:
                cart.append(p)
                total += p.price * line.qty
        focus = resolve_focus(context, catalog, state, message)
        cart_total = round(total, 2)
        said = latest_budget(signals, state)
        stated = None if said is None else said.amount
        return cls(
            message=message,
            page=context.page,
            locale=context.locale,
            focus=focus,
            cart=cart,
            cart_skus=frozenset(qty),
            cart_qty=qty,
            cart_total=cart_total,
            addon_base=cart_total if cart else (focus.price if focus is not None else 0.0),
            page_budget=context.budget,
            stated_budget=stated,
            budget_scope=None if said is None else said.scope,
            budget_currency=None if said is None else said.currency,
            budget=min((b for b in (context.budget, stated) if b is not None), default=None),
            price_ceiling=price_ceiling(
                context.budget, said, max([p.price for p in cart] + [focus.price if focus else 0.0]), catalog.currency
            ),
            purchased=frozenset(state.purchased_skus),
            declined=frozenset(state.declined_skus),
            offered=frozenset(r.sku for r in state.offers_made),
            store_currency=catalog.currency,
        )
