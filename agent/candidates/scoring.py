"""The final scoring step: one score per found product (the formula in the :mod:`agent.candidates` docstring)."""

from __future__ import annotations

from agent.candidates.deps import CandidateTuning
from agent.candidates.evidence import Evidence, Found
from agent.policy.decision import rank_key
from agent.types import Candidate

W_NEED, W_RELATION, W_FIT, W_MARGIN = 0.60, 0.25, 0.10, 0.05
# For a product that answers a stated need, how well it answers counts more than how it is linked to the cart (a
# linked accessory that barely answers must not beat a clear answer): its relation, and an add-on's fit (which
# says the same: linked, or the same department), count at this share, together at most 0.21, a need gap of
# about a third. An upgrade's fit (the size of the price step) keeps its weight.
ANSWER_RELATION_SHARE = 0.6
# A question's word affinity nudges which related add-on comes first; it never makes a need.
W_HINT = 0.10
# Between add-ons that answer equally well, the cheaper one (relative to the cart) is the better offer.
W_PRICE = 0.03
# An add-on that supplies a part an item held comes without (the battery for a bare tool) completes the cart: it
# comes before every other complement that answers no more (a curated link's 0.25 lead over co-purchase is larger).
W_REQUIRED = 0.1


def need_bar(ev: Evidence, tuning: CandidateTuning) -> float:
    """The need score at which a product answers a need: higher for an add-on found only by search, linked to
    nothing the shopper holds, unless its own name or first sentence says what the need asks for
    (``min_unlinked_need_score``)."""
    if ev.kind == "cross_sell" and ev.relation <= 0 and not ev.another and not ev.worded:
        return max(tuning.min_need_score, tuning.min_unlinked_need_score)
    return tuning.min_need_score


def score_candidates(
    found: Found, addon_base: float, tuning: CandidateTuning, margin_weight: float = W_MARGIN
) -> list[Candidate]:
    """Relevant products as candidates, best first: need, relation, fit, margin, hint, minus price share.

    ``margin_weight`` is the merchant's setting (``PolicyLimits.margin_weight``, default ``W_MARGIN``).
    """
    out: list[Candidate] = []
    for ev in found.values():
        bar = need_bar(ev, tuning)
        if ev.need < bar and ev.relation <= 0:
            # Relevance first: no need answered and nothing to do with what they hold.
            continue
        margin = ev.product.margin or 0.0
        answers = ev.need >= bar
        relation = W_RELATION * ev.relation * (ANSWER_RELATION_SHARE if answers else 1.0)
        fit = W_FIT * ev.fit * (ANSWER_RELATION_SHARE if answers and ev.kind == "cross_sell" else 1.0)
        score = W_NEED * ev.need + relation + fit + margin_weight * margin
        score += W_HINT * ev.hint + W_REQUIRED * ev.required
        if ev.kind == "cross_sell" and addon_base > 0:
            score -= W_PRICE * min(1.0, ev.product.price / addon_base)
        out.append(
            Candidate(
                product=ev.product,
                kind=ev.kind,  # type: ignore[arg-type]
                replaces=ev.replaces,
                sources=list(ev.sources),  # type: ignore[arg-type]
                score=round(score, 6),
                need=ev.need_signal if answers else None,
                improves=ev.improves if answers else None,
                required=ev.required and ev.kind == "cross_sell",
            )
        )
    out.sort(key=rank_key)
    return out[: tuning.max_candidates]
