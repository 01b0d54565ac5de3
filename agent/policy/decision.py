"""The offer decision for one turn: turn rules, candidate rules, then the best survivors up to the limits."""

from __future__ import annotations

from agent.offers import make_offer
from agent.policy.commerce import first_rejection
from agent.policy.context import PolicyContext
from agent.policy.rules import REPLY_LIMIT, TURN_RULES, held_and_added
from agent.types import Candidate, Decision, Rejection


#: Scores this close count as a tie, which goes to the candidate adding least to the shopper's spend.
NEAR_TIE = 0.02


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
    passing: list[Candidate] = []
    for c in sorted(candidates, key=rank_key):
        sku = c.product.sku
        if sku in seen:
            # gather_candidates merges duplicates; a caller passing the same sku twice gets it judged once.
            continue
        seen.add(sku)
        r = first_rejection(c, ctx)
        if r is not None:
            rejected.append(r)
        else:
            passing.append(c)
    replaced: set[str] = set()
    while passing and len(chosen) < room:
        # Among candidates that answer about equally well, the cheapest adequate one: an upgrade close to the
        # plan beats a pricier one that scores a hair higher. An upgrade costs the shopper its difference, an
        # add-on its whole price.
        top = passing[0].score
        # An unprompted add-on answers nothing: no tie of answers to break, the merchant's strongest link leads.
        pick = passing[0] if passing[0].need is None else min(
            (c for c in passing if c.score >= top - NEAR_TIE and c.need is not None),
            key=lambda c: (held_and_added(c, ctx)[1], rank_key(c)),
        )
        passing.remove(pick)
        chosen.append(pick)
        if pick.kind == "upsell" and pick.replaces is not None:
            replaced.add(pick.replaces.sku)
            for other in [c for c in passing if c.kind == "upsell" and c.replaces and c.replaces.sku in replaced]:
                passing.remove(other)
                rejected.append(
                    Rejection(sku=other.product.sku, rule=REPLY_LIMIT, detail=f"another upgrade of {other.replaces.sku} is offered")
                )
    rejected.extend(
        Rejection(sku=c.product.sku, rule=REPLY_LIMIT, detail=f"at most {room} offer(s) in this reply") for c in passing
    )
    return Decision(offers=[make_offer(c, ctx) for c in chosen], rejected=rejected)
