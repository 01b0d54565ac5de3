"""Live promotions price the offer (CONTRACTS section 7): candidates carry the promo price into every guardrail.

A candidate whose product has a live promotion is re-priced *before* the policy looks at it, so the uplift cap,
the add-on shares, the budget and the cheapest-adequate tie-break all measure the price the shopper would pay.
The offer made from it carries ``regular_price`` (the catalog price) and ``promo_ends_at``; no other offer does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from agent.schemas import Offer
from agent.types import Candidate
from knowledge.promotions import PromoPricing, Promotion, pricing_of


def promo_priced(candidate: Candidate, live: Mapping[str, Promotion]) -> Candidate:
    """The candidate priced at its product's live promotion (unchanged when there is none)."""
    p = candidate.product
    pricing = pricing_of(live.get(p.sku), p.price)
    if pricing is None or candidate.promotion is not None:
        return candidate
    return candidate.model_copy(
        update={"product": p.model_copy(update={"price": pricing.promo_price}), "promotion": pricing}
    )


def price_candidates(candidates: Sequence[Candidate], live: Mapping[str, Promotion]) -> list[Candidate]:
    """Every candidate at the price the shopper would pay now (see :func:`promo_priced`)."""
    if not live:
        return list(candidates)
    return [promo_priced(c, live) for c in candidates]


def apply_promotion(offer: Offer, pricing: PromoPricing | None) -> Offer:
    """The offer with its promotion's regular price and end; an offer without a live promotion carries neither."""
    if pricing is None:
        return offer.model_copy(update={"regular_price": None, "promo_ends_at": None})
    return offer.model_copy(
        update={
            "price": pricing.promo_price,
            "regular_price": pricing.regular_price,
            "promo_ends_at": pricing.ends_at.isoformat(),
        }
    )
