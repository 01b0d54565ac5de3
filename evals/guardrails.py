"""Guardrail re-checks for the eval metrics: each offer checked again against the catalog, limits and budgets."""

from __future__ import annotations

from collections.abc import Sequence

from agent.schemas import ChatContext, Offer
from evals.counts import Count
from evals.runner import TurnRecord
from knowledge.bundles import offer_product, parts_of, savings
from knowledge.catalog import Catalog
from knowledge.models import Product

UPLIFT_TOLERANCE = 1e-9
UPLIFT_PCT_TOLERANCE = 0.5


def cart_total(context: ChatContext, catalog: Catalog) -> float:
    """Sum of price x qty of the cart lines the catalog knows."""
    return sum(p.price * line.qty for line in context.cart if (p := catalog.get(line.sku)) is not None)



def _budget(turns: Sequence[TurnRecord], upto: int) -> tuple[float | None, str]:
    """The latest budget the shopper stated by turn ``upto`` (detected signal) with its scope, else the context's."""
    for t in reversed(turns[: upto + 1]):
        said = [s for s in t.response.signals if s.type == "budget" and s.amount is not None]
        if said:
            return said[-1].amount, said[-1].scope or "total"
    return turns[upto].request.context.budget, "total"


def offer_violations(
    offer: Offer,
    context: ChatContext,
    catalog: Catalog,
    max_uplift: float,
    budget: float | None,
    need_stated: bool = False,
    budget_scope: str = "total",
) -> list[str]:
    """Every guardrail an offer breaks, re-checked against the catalog (empty when it is clean)."""
    p = offer_product(offer.sku, catalog)
    if p is None:
        return [f"{offer.sku}: unknown sku"]
    bad: list[str] = bundle_violations(offer, p, context, catalog)
    if not p.active:
        bad.append(f"{offer.sku}: inactive")
    if p.stock == 0:
        bad.append(f"{offer.sku}: out of stock")
    in_cart = {line.sku for line in context.cart}
    if offer.sku in in_cart:
        bad.append(f"{offer.sku}: already in the cart")
    if offer.name != p.name:
        bad.append(f"{offer.sku}: name {offer.name!r} differs from the catalog's {p.name!r}")
    if abs(offer.price - p.price) > 1e-6:
        bad.append(f"{offer.sku}: price {offer.price} differs from the catalog's {p.price}")
    if offer.currency.upper() != catalog.currency_of(p).upper():
        bad.append(f"{offer.sku}: currency {offer.currency} differs from the catalog's {catalog.currency_of(p)}")
    total = cart_total(context, catalog)
    replaced = catalog.get(offer.replaces_sku)
    if offer.kind == "upsell":
        if replaced is None:
            bad.append(f"{offer.sku}: upsell replaces unknown sku {offer.replaces_sku!r}")
        elif p.price < replaced.price and need_stated:
            # An honest cheaper swap (see the module docstring): only its uplift figure must be right.
            uplift = (p.price - replaced.price) / replaced.price
            if abs(offer.uplift_pct - uplift * 100) > UPLIFT_PCT_TOLERANCE:
                bad.append(f"{offer.sku}: uplift_pct {offer.uplift_pct} but the catalog gives {uplift * 100:.1f}")
        elif p.price <= replaced.price:
            bad.append(f"{offer.sku}: upsell is not pricier than {replaced.sku}")
        else:
            uplift = (p.price - replaced.price) / replaced.price if replaced.price else float("inf")
            if uplift > max_uplift + UPLIFT_TOLERANCE:
                bad.append(f"{offer.sku}: uplift {uplift:.1%} over {replaced.sku} exceeds max {max_uplift:.0%}")
            if abs(offer.uplift_pct - uplift * 100) > UPLIFT_PCT_TOLERANCE:
                bad.append(f"{offer.sku}: uplift_pct {offer.uplift_pct} but the catalog gives {uplift * 100:.1f}")
        swapped_qty = sum(line.qty for line in context.cart if replaced and line.sku == replaced.sku)
        spend = total - (replaced.price * swapped_qty if replaced else 0.0) + p.price * max(swapped_qty, 1)
        added = (p.price - (replaced.price if replaced else 0.0)) * max(swapped_qty, 1)
    else:
        if offer.replaces_sku:
            bad.append(f"{offer.sku}: {offer.kind} names replaces_sku {offer.replaces_sku}")
        focus = catalog.get(context.product_sku)
        base = total if context.cart else (focus.price if focus else 0.0)
        if base > 0 and abs(offer.uplift_pct - p.price / base * 100) > UPLIFT_PCT_TOLERANCE:
            bad.append(f"{offer.sku}: uplift_pct {offer.uplift_pct} but the catalog gives {p.price / base * 100:.1f}")
        spend = total + p.price
        added = p.price
    if budget is not None:
        # An "extra" budget bounds what the offer adds; a total one what the shopper would spend.
        compared = added if budget_scope == "extra" else spend if budget >= total else p.price
        if compared > budget + 1e-9:
            bad.append(f"{offer.sku}: takes the shopper to {compared:.2f}, over their budget {budget:g}")
    return bad


def bundle_violations(offer: Offer, p: Product, context: ChatContext, catalog: Catalog) -> list[str]:
    """A bundle offer's components and savings against the catalog; no component the cart already holds."""
    if offer.kind != "bundle" and not p.bundle_of:
        return []
    if offer.kind != "bundle" or offer.components != p.bundle_of:
        return [f"{offer.sku}: kind {offer.kind} / components {offer.components} differ from the catalog bundle"]
    parts = parts_of(p, catalog) or []
    bad = [f"{offer.sku}: component {q.sku} unavailable" for q in parts if not q.available]
    held = {line.sku for line in context.cart} & set(p.bundle_of)
    bad += [f"{offer.sku}: component {s} already in the cart" for s in sorted(held)]
    if offer.savings is None or abs(offer.savings - savings(p, parts)) > 1e-6:
        bad.append(f"{offer.sku}: savings {offer.savings} but the catalog gives {savings(p, parts)}")
    return bad


def guardrail_violations(turns: Sequence[TurnRecord], catalog: Catalog, max_uplift: float) -> list[Count]:
    """Per turn: offers breaking at least one guardrail (see the module docstring)."""
    out = []
    for i, t in enumerate(turns):
        budget, scope = _budget(turns, i)
        findings = []
        need_stated = any(s.type == "need" for s in t.response.signals)
        for o in t.response.offers:
            bad = offer_violations(o, t.request.context, catalog, max_uplift, budget, need_stated, scope)
            if bad:
                findings.append("; ".join(bad))
        out.append(Count(num=len(findings), findings=findings))
    return out
