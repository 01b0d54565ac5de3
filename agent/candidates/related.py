"""The relations step: upgrades of the item in focus (upsell) and complements of what the shopper holds."""

from __future__ import annotations

from agent.candidates.deps import CandidateDeps
from agent.candidates.evidence import Anchors, Evidence, Found
from agent.turn import TurnFacts
from knowledge.models import Product, Relation


def add_upgrades(found: Found, facts: TurnFacts, deps: CandidateDeps) -> dict[str, Relation]:
    """Pricier versions of the focus item, as upsells; returns their relations by sku."""
    focus = facts.focus
    upgrade_rel: dict[str, Relation] = {}
    if focus is None:
        return upgrade_rel
    max_uplift = deps.limits.max_uplift
    for rel in deps.relations.upgrades(focus.sku):
        p = deps.catalog.get(rel.sku)
        if p is None or p.sku == focus.sku:
            continue
        upgrade_rel[p.sku] = rel
        ev = found.setdefault(p.sku, Evidence(product=p, kind="upsell", replaces=focus))
        ev.add_source(rel.source)
        ev.relation = max(ev.relation, rel.strength)
        ev.fit = step_fit(focus, p, max_uplift)
    for rel in deps.relations.side_grades(focus.sku):
        p = deps.catalog.get(rel.sku)
        if p is None or p.sku in found:
            continue
        # Judged on measures alone, like another brand's take: the lighter model for "too heavy for her".
        fit = step_fit(focus, p, max_uplift)
        ev = Evidence(product=p, kind="upsell", replaces=focus, rival=True, relation=rel.strength, fit=fit)
        found[p.sku] = ev
        ev.add_source(rel.source)
    return upgrade_rel


def step_fit(focus: Product, p: Product, max_uplift: float) -> float:
    """How well a replacement's price step fits: a modest step best (module docstring of agent.candidates)."""
    uplift = (p.price - focus.price) / focus.price if focus.price > 0 else float("inf")
    return max(0.0, 1.0 - uplift / (2 * max_uplift)) if max_uplift > 0 else 0.0


def add_complements(found: Found, anchors: Anchors, upgrades: dict[str, Relation], deps: CandidateDeps) -> None:
    """Curated cross-sells, compatible accessories and co-purchase consequents of the cart and focus item."""
    if not anchors.products:
        return
    for rel in deps.relations.complements_for_cart([p.sku for p in anchors.products]):
        p = deps.catalog.get(rel.sku)
        if p is None or p.sku in anchors.skus or p.sku in upgrades:
            continue
        made_for_other = p.compatible_with and not anchors.skus.intersection(deps.relations.fits(p.sku))
        if rel.source == "copurchase" and made_for_other:
            # Bought beside the cart by others, but made for something this shopper does not hold (paper filters
            # for a dripper next to a kettle): it answers nothing until that thing is there.
            continue
        ev = found.setdefault(p.sku, Evidence(product=p, kind="cross_sell"))
        if ev.kind != "cross_sell":
            continue
        ev.add_source(rel.source)
        ev.relation = max(ev.relation, rel.strength)
        ev.required = ev.required or rel.required
        ev.fit = 1.0
