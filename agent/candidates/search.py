"""The search step: semantic search on each need, folded into the evidence as upgrades or add-ons."""

from __future__ import annotations

from dataclasses import dataclass

from agent.affinity import NeedTerms, ProductTerms
from agent.candidates.competitors import is_competitor, name_head, top_category
from agent.candidates.deps import CandidateDeps
from agent.candidates.evidence import Anchors, Evidence, Found
from agent.turn import TurnFacts
from agent.types import PolicyLimits
from knowledge.models import Product, Relation, SearchFilters, SearchHit

SIM_FLOOR, SIM_GOOD = 0.10, 0.40
COMPLEMENTARY_CATEGORY_FIT = 0.5
# A hit from an unrelated department still answers the need directly when its name or first sentence says at
# least this many of the need's own content words (travel bottles "for shampoo and conditioner" next to a hair
# dryer), whatever its embedding score. Concept matches do not count here: one shared word ("water", "battery")
# is a topic, not an answer.
WORD_ANSWER_STEMS = 2


def need_match(similarity: float, best: float) -> float:
    """A search hit's need score from its similarity and the best similarity for the same need (docstring)."""
    absolute = min(1.0, max(0.0, (similarity - SIM_FLOOR) / (SIM_GOOD - SIM_FLOOR)))
    relative = min(1.0, similarity / best) if best > 0 else 0.0
    return 0.5 * absolute + 0.5 * relative


def search_ceiling(
    focus: Product | None, addon_base: float, budget: float | None, limits: PolicyLimits
) -> float | None:
    """Highest price any offer could have this turn, so the vector search skips unusable items.

    ``budget`` is the highest price the budgets allow (:attr:`agent.turn.TurnFacts.price_ceiling`: a total caps
    any price, an extra amount caps a cross-sell's price and an upsell's difference).
    """
    caps: list[float] = []
    if focus is not None:
        caps.append(focus.price * (1 + limits.max_uplift))
    if addon_base > 0:
        caps.append(addon_base * limits.addon_share_need)
    ceiling = max(caps) if caps else None
    if budget is not None:
        ceiling = budget if ceiling is None else min(ceiling, budget)
    return ceiling


@dataclass(frozen=True)
class _Hit:
    """One search hit for one need, with how it compares to the need's other hits."""

    hit: SearchHit
    need_index: int
    score: float
    # No closer to the need than an item the shopper holds: as an add-on it only matches the topic.
    not_closer: bool
    # Only hits within the top k may start a candidate of their own.
    allow_new: bool
    # The need's content words (agent.affinity), to tell a direct answer by its words.
    terms: NeedTerms | None = None
    # The kinds of thing the need names (agent.candidates.named): a product of that kind is what was asked for.
    named: frozenset[str] = frozenset()


def add_search_hits(
    found: Found,
    need_texts: list[str],
    facts: TurnFacts,
    anchors: Anchors,
    upgrades: dict[str, Relation],
    deps: CandidateDeps,
    need_terms: list[NeedTerms] | None = None,
    sentences: list[str] | None = None,
    named: list[set[str]] | None = None,
) -> None:
    """Search each need as the shopper wrote it (``deps.search`` routes it by language) and fold in the hits.

    ``need_terms`` (one per need, in English words) lets a hit whose own words answer the need count as a direct
    answer; a competitor of the item in focus joins as a possible replacement (``Evidence.rival``). ``sentences``
    (one per need, "" for none) are searched too, for the need's index: they may strengthen what was found, never
    start a candidate of their own. ``named`` (one per need) are the kinds of thing each need names: a hit of that
    kind answers it directly.
    """
    if not need_texts:
        return
    tuning = deps.tuning
    filters = SearchFilters(
        max_price=search_ceiling(facts.focus, facts.addon_base, facts.price_ceiling, deps.limits),
        in_stock_only=True,
        active_only=True,
        # The cart/focus items stay in the results: their own similarity is the baseline an add-on must beat.
        exclude_skus=sorted(facts.declined - anchors.skus),
    )
    held = len(anchors.skus)
    queries = [(i, text, True) for i, text in enumerate(need_texts)]
    queries += [(i, text, False) for i, text in enumerate(sentences or []) if text]
    for i, text, own in queries:
        hits = deps.search(text, filters, tuning.deep_k + held)
        best = max((h.score for h in hits), default=0.0)
        baseline = max((h.score for h in hits if h.sku in anchors.skus), default=0.0)
        for rank, hit in enumerate(hits):
            if hit.score < tuning.min_similarity or hit.sku in anchors.skus:
                continue
            terms = need_terms[i] if need_terms is not None and i < len(need_terms) else None
            may_start = own and rank < tuning.k + held
            kinds = frozenset(named[i]) if named is not None and i < len(named) else frozenset()
            scored = _Hit(hit, i, need_match(hit.score, best), hit.score <= baseline, may_start, terms, kinds)
            _add_hit(found, scored, facts.focus, anchors, upgrades, deps)


def _add_hit(
    found: Found, h: _Hit, focus: Product | None, anchors: Anchors, upgrades: dict[str, Relation], deps: CandidateDeps
) -> None:
    """Fold one search hit into the evidence: as an upgrade, an add-on or not at all."""
    p = deps.catalog.get(h.hit.sku)
    if p is None or p.sku in anchors.skus:
        return
    ev = found.get(p.sku)
    if p.sku in upgrades:
        assert ev is not None  # every upgrade was registered by the relations step
        if h.allow_new:
            ev.add_source("search")
        ev.add_sem(h.need_index, h.score)
        return
    if p.family and p.family in anchors.families:
        # A variant of what they hold that is not an upgrade: neither an add-on nor an upsell.
        return
    addon_score = 0.5 * h.score if h.not_closer else h.score
    if ev is not None:
        if ev.kind == "cross_sell":
            if h.allow_new:
                ev.add_source("search")
            ev.add_sem(h.need_index, addon_score)
        elif ev.rival:
            ev.add_sem(h.need_index, h.score)
        return
    if not h.allow_new:
        return
    fit = _addon_fit(p, anchors, deps)
    if fit is None:
        if focus is not None and focus.family is None and is_competitor(p, focus) and not p.compatible_with:
            # Only for an item the store sells in no line of versions: a line's own members are the natural
            # replacements, another line is a bigger switch than the shopper asked about.
            _add_rival(found, p, focus, h, deps)
        return
    direct = h.hit.score >= deps.tuning.direct_answer_score or _answers_in_words(p, h) or name_head(p) in h.named
    if fit == 0.0 and not direct:
        return
    ev = Evidence(product=p, kind="cross_sell", fit=fit)
    ev.add_source("search")
    ev.add_sem(h.need_index, addon_score)
    found[p.sku] = ev


def _answers_in_words(p: Product, h: _Hit) -> bool:
    """Whether the product's name or first sentence says what the need asks for (``WORD_ANSWER_STEMS``)."""
    if h.terms is None:
        return False
    pt = ProductTerms.of(p)
    return len(h.terms.stems & (pt.title | pt.lead)) >= WORD_ANSWER_STEMS


def _add_rival(found: Found, p: Product, focus: Product, h: _Hit, deps: CandidateDeps) -> None:
    """Another brand's take on the item in focus, as a replacement judged only on measures (agent.candidates.upgrades)."""
    ev = Evidence(product=p, kind="upsell", replaces=focus, rival=True)
    ev.add_source("search")
    ev.add_sem(h.need_index, h.score)
    uplift = (p.price - focus.price) / focus.price if focus.price > 0 else float("inf")
    max_uplift = deps.limits.max_uplift
    ev.fit = max(0.0, 1.0 - abs(uplift) / (2 * max_uplift)) if max_uplift > 0 else 0.0
    found[p.sku] = ev


def _addon_fit(p: Product, anchors: Anchors, deps: CandidateDeps) -> float | None:
    """How a search hit fits next to what the shopper holds as an add-on; None when it is no add-on at all."""
    if not anchors.skus:
        return 0.0
    fits = anchors.skus.intersection(deps.relations.fits(p.sku)) if p.compatible_with else set()
    if fits:
        return 1.0
    if p.compatible_with:
        # An accessory for something else (a protector for another phone).
        return None
    if any(is_competitor(p, a) for a in anchors.products):
        # Another take on what they hold: a competing product, not an add-on.
        return None
    if top_category(p) in anchors.tops:
        return COMPLEMENTARY_CATEGORY_FIT
    return 0.0
