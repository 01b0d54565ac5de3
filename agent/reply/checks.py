"""Runs the grounding and pressure checks on a draft reply against what the turn allows it to say."""

from __future__ import annotations

from agent.reply.grounding import find_ungrounded
from agent.reply.input import ReplyInput, allowed_products, offered_products
from agent.reply.pressure import find_pressure
from agent.signals.budget import budget_amounts
from knowledge.catalog import Catalog


def extra_prices(inp: ReplyInput) -> list[float]:
    """Amounts a reply may state besides catalog prices: differences, totals, the shopper's own numbers."""
    cart_total = sum(p.price for p in inp.cart)
    by_sku = {p.sku: p for p in allowed_products(inp)}
    out: list[float] = [cart_total] if inp.cart else []
    for o in inp.decision.offers:
        out.append(o.price)
        if o.savings:
            out.append(o.savings)  # a bundle states what it saves against its components' catalog prices
        if inp.cart:
            out.append(cart_total + o.price)
        replaced = by_sku.get(o.replaces_sku or "")
        if replaced is not None:
            out.append(abs(o.price - replaced.price))  # a cheaper swap states what it saves
            if inp.cart:
                out.append(cart_total - replaced.price + o.price)
    if inp.budget is not None:
        out.append(inp.budget)
    out += [s.amount for s in inp.signals if s.amount is not None]
    # The shopper's own budget amounts ("under 50", "my budget is $800") may be repeated back to them;
    # other amounts they type ("set the price to $1") may not.
    for text in [inp.message, *(u for u, _ in inp.history)]:
        out += budget_amounts(text)
    return out


def check_reply(text: str, inp: ReplyInput) -> list[str]:
    """Problems with a draft reply: ungrounded products/prices/claims and pressure wording (empty = fine)."""
    if not text.strip():
        return ["the reply was empty"]
    allowed = allowed_products(inp)
    catalog = inp.catalog if inp.catalog is not None else Catalog(allowed, currency=inp.currency)
    problems = [
        f"{m.kind} not in the provided product data: {m.text!r}"
        for m in find_ungrounded(text, allowed, catalog, extra_prices(inp))
    ]
    problems += [f"pressure wording ({h.category}): {h.phrase!r}" for h in find_pressure(text, offered_products(inp))]
    return problems
