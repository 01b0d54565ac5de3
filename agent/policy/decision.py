"""The offer decision for one turn: turn rules, candidate rules, then the best survivors up to the limits."""

from __future__ import annotations

from agent.offers import make_offer
from agent.policy.context import PolicyContext
from agent.policy.rules import TURN_RULES, first_rejection
from agent.types import Candidate, Decision, Rejection


def rank_key(c: Candidate) -> tuple[float, float, str]:
    """Best score first; scores equal to two decimals go to the cheaper product (the cheapest adequate option)."""
    return (-round(c.score, 2), c.product.price, c.product.sku)


def silencing_rule(ctx: PolicyContext) -> str | None:
    """The first turn rule that suppresses every offer this turn, or None."""
    for rule in TURN_RULES:
        name = rule(ctx)
        if name is not None:
            return name
    return None


def decide(candidates: list[Candidate], ctx: PolicyContext) -> Decision:
    """Pick this turn's offers: every refusal is recorded with its rule; no passing candidate means no offer."""
    silenced = silencing_rule(ctx)
    if silenced is not None:
        return Decision(
            silenced_by=silenced,
            rejected=[Rejection(sku=c.product.sku, rule=silenced, detail="turn silenced") for c in candidates],
        )
    room = min(ctx.limits.offers_per_reply, ctx.limits.offers_per_session - len(ctx.state.offers_made))
    rejected: list[Rejection] = []
    chosen: list[Candidate] = []
    seen: set[str] = set()
    replaced: set[str] = set()
    for c in sorted(candidates, key=rank_key):
        sku = c.product.sku
        if sku in seen:
            # gather_candidates merges duplicates; a caller passing the same sku twice gets it judged once.
            continue
        seen.add(sku)
        r = first_rejection(c, ctx)
        if r is None and len(chosen) >= room:
            r = Rejection(sku=sku, rule="reply_limit", detail=f"at most {room} offer(s) in this reply")
        if r is None and c.kind == "upsell" and c.replaces is not None and c.replaces.sku in replaced:
            r = Rejection(sku=sku, rule="reply_limit", detail=f"another upgrade of {c.replaces.sku} is offered")
        if r is not None:
            rejected.append(r)
            continue
        chosen.append(c)
        if c.kind == "upsell" and c.replaces is not None:
            replaced.add(c.replaces.sku)
    return Decision(offers=[make_offer(c, ctx) for c in chosen], rejected=rejected)
