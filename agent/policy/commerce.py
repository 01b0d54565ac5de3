"""Guardrails of CONTRACTS section 7 (bundles, the margin floor), registered like the rules of :mod:`.rules`.

They run after the section-6 rules (:func:`first_rejection` here is the policy's full check). The section-6
rules already treat a bundle as an add-on on its own price: the need-driven share, the unprompted share, the
stated budgets, and the cart/focus anchor apply to ``kind: bundle`` as to a cross-sell.

Margin floor rule: an add-on (cross-sell or bundle) whose margin is known and below ``min_margin`` is never
offered. A product without a catalog margin is allowed: the floor is about known losses, and a catalog that
states no margins would otherwise go silent. A bundle's margin is its own, else the one its components' margins
give at the bundle's price (:func:`knowledge.bundles.bundle_margin`); an upsell is a version of the item, not
an add-on, and is not held to the floor.
"""

from __future__ import annotations

from agent.policy.context import PolicyContext
from agent.policy.rules import CANDIDATE_RULES, CandidateRule, candidate_rule
from agent.policy.rules import first_rejection as section6_rejection
from agent.types import Candidate, Rejection
from knowledge.bundles import bundle_margin, savings

ADD_ON_KINDS = frozenset({"cross_sell", "bundle"})
_EPS = 1e-9


def addon_margin(c: Candidate) -> float | None:
    """The margin the merchant keeps on this add-on, when the catalog says."""
    if c.kind == "bundle" and c.parts:
        return bundle_margin(c.product, c.parts)
    return c.product.margin


@candidate_rule("min_margin")
def below_min_margin(c: Candidate, ctx: PolicyContext) -> str | None:
    """With ``min_margin`` set, no add-on whose known margin is below it (unknown margins pass)."""
    floor = ctx.limits.min_margin
    if floor is None or c.kind not in ADD_ON_KINDS:
        return None
    margin = addon_margin(c)
    if margin is not None and margin < floor - _EPS:
        return f"margin {margin:.2f} < min_margin {floor:g}"
    return None


@candidate_rule("bundle_holds_item")
def bundle_holds_item(c: Candidate, ctx: PolicyContext) -> str | None:
    """A bundle must not hold what the shopper has in the cart, looks at, bought or declined."""
    if c.kind != "bundle":
        return None
    focus = {ctx.focus.sku} if ctx.focus is not None else set()
    for p in c.parts:
        if p.sku in ctx.cart_skus or p.sku in focus:
            return f"component {p.sku} is already held"
        if p.sku in ctx.facts.purchased:
            return f"component {p.sku} was already bought"
        if p.sku in ctx.declined:
            return f"component {p.sku} was declined"
    return None


@candidate_rule("bundle_parts")
def bundle_parts(c: Candidate, ctx: PolicyContext) -> str | None:
    """A bundle needs its components: every one known, active and in stock, and together worth its price."""
    if c.kind != "bundle":
        return None
    if not c.parts:
        return "bundle without components"
    for p in c.parts:
        if not p.available:
            return f"component {p.sku} is not available"
    if savings(c.product, c.parts) < -_EPS:
        return f"costs more than its components ({c.product.price} > {sum(p.price for p in c.parts):.2f})"
    return None


COMMERCE_RULES: tuple[CandidateRule, ...] = (bundle_parts, bundle_holds_item, below_min_margin)

#: Every candidate rule the policy runs, in order.
ALL_CANDIDATE_RULES: tuple[CandidateRule, ...] = (*CANDIDATE_RULES, *COMMERCE_RULES)


def first_rejection(c: Candidate, ctx: PolicyContext) -> Rejection | None:
    """The first refusal among the section-6 rules and then these; None when the candidate passes them all."""
    found = section6_rejection(c, ctx)
    if found is not None:
        return found
    for rule in COMMERCE_RULES:
        r = rule(c, ctx)
        if r is not None:
            return r
    return None
