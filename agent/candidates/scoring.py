"""The final scoring step: one score per found product (the formula in the :mod:`agent.candidates` docstring)."""

from __future__ import annotations

from agent.candidates.deps import CandidateTuning
from agent.candidates.evidence import Found
from agent.policy.decision import rank_key
from agent.types import Candidate

W_NEED, W_RELATION, W_FIT, W_MARGIN = 0.60, 0.25, 0.10, 0.05
# For a product that answers a stated need, how it relates to the cart only breaks near-ties: the answer to what
# the shopper said comes first (a linked accessory that barely answers must not beat a clear answer). At this
# share relation and fit together are worth at most 0.0875, a need gap of about 0.15.
ANSWER_RELATION_SHARE = 0.25
# A question's word affinity nudges which related add-on comes first; it never makes a need.
W_HINT = 0.10
# Between add-ons that answer equally well, the cheaper one (relative to the cart) is the better offer.
W_PRICE = 0.03


def score_candidates(found: Found, addon_base: float, tuning: CandidateTuning) -> list[Candidate]:
    """Relevant products as candidates, best first: need, relation, fit, margin, hint, minus price share."""
    out: list[Candidate] = []
    for ev in found.values():
        if ev.need < tuning.min_need_score and ev.relation <= 0:
            # Relevance first: no need answered and nothing to do with what they hold.
            continue
        margin = ev.product.margin or 0.0
        linked = W_RELATION * ev.relation + W_FIT * ev.fit
        if ev.need >= tuning.min_need_score:
            linked *= ANSWER_RELATION_SHARE
        score = W_NEED * ev.need + linked + W_MARGIN * margin
        score += W_HINT * ev.hint
        if ev.kind == "cross_sell" and addon_base > 0:
            score -= W_PRICE * min(1.0, ev.product.price / addon_base)
        out.append(
            Candidate(
                product=ev.product,
                kind=ev.kind,  # type: ignore[arg-type]
                replaces=ev.replaces,
                sources=list(ev.sources),  # type: ignore[arg-type]
                score=round(score, 6),
                need=ev.need_signal if ev.need >= tuning.min_need_score else None,
                improves=ev.improves if ev.need >= tuning.min_need_score else None,
            )
        )
    out.sort(key=rank_key)
    return out[: tuning.max_candidates]
