"""Candidate generation: products that might answer the shopper's need or complete what they hold.

Sources, for the item in focus (the product page's sku, else the latest cart line) and the cart:

- semantic search on each need signal's text, filtered inside the index (in stock, active, not in the cart,
  not declined, under a price ceiling derived from the guardrails so the top hits are usable);
- ``relations.upgrades(focus)``: pricier family members and curated upsells (kind ``upsell``);
- ``relations.complements_for_cart(cart + focus)``: curated cross-sells, compatible accessories and
  co-purchase consequents (kind ``cross_sell``).

A product found several ways is one candidate with every source kept and the best evidence of each kind.

Scoring (each term in 0..1)::

    score = 0.60 * need        # how well it answers a stated need (see below)
          + 0.25 * relation    # strongest relation to the cart/focus: curated 1.0, compatible 0.9,
                               #   family 0.8, co-purchase = rule confidence; 0 for search-only hits
          + 0.10 * fit         # cross-sell: 1.0 linked to the cart/focus, 0.5 complementary category
                               #   (same top-level category, different leaf); upsell: a modest step
                               #   fits best, 1 - uplift / (2 * max_uplift), floored at 0
          + 0.05 * margin      # merchant margin; only breaks near-ties, never shown to the shopper

``need`` of a search hit blends how close it is and how it ranks for that need::

    need = 0.5 * clip((similarity - 0.10) / (0.40 - 0.10), 0, 1) + 0.5 * similarity / best_similarity

because sentence-embedding cosines are low and compressed (with all-MiniLM-L6-v2 the right product for
"I keep cracking my screen" scores 0.21 against 0.24 for the best hit, and unrelated products 0.05-0.15):
the rank among this need's hits says more than the raw value. Hits under ``min_similarity`` count as no
match at all. An add-on that is no closer to the need than the item the shopper already holds (found by the
same search) matches the topic, not the need ("my phone is always full" is near every phone-related text,
a power bank included): its need is halved. The best over this turn's need signals is kept.

For an upgrade, need is judged on what differs from the item it replaces: when an attribute that changed
matches the need (``storage_gb`` for "always full", ``battery_mah`` for "battery dies", ``seats`` for
"adding five people"), need = max(0.6, search need); when attributes changed but none matches,
need = 0.5 * search need (the text may be close, the upgrade still does not help); with no attributes to
compare, need = search need.

Relevance first: a candidate whose need is below ``min_need_score`` and that has no relation to the
cart/focus is dropped. A search hit kept as a cross-sell must also make sense next to the focus item
(linked to it, or in a complementary category) or answer the need directly (raw similarity at least
``direct_answer_score``); an accessory whose ``compatible_with`` selects none of the cart/focus items (a
screen protector for another phone), a product in the focus item's own leaf category (a competitor) or in
its family (a variant) is never a cross-sell. Candidates whose need reaches ``min_need_score`` carry the
need signal they answer in ``Candidate.need``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from agent.policy.context import effective_budget, resolve_focus
from agent.schemas import ChatContext, Signal
from agent.types import Candidate, PolicyLimits, SessionState
from knowledge.catalog import Catalog
from knowledge.models import Product, Relation, SearchFilters, SearchHit

W_NEED, W_RELATION, W_FIT, W_MARGIN = 0.60, 0.25, 0.10, 0.05
ATTR_MATCH_SCORE = 0.6
SIM_FLOOR, SIM_GOOD = 0.10, 0.40
COMPLEMENTARY_CATEGORY_FIT = 0.5

SearchFn = Callable[[str, SearchFilters, int], list[SearchHit]]

_WORD = re.compile(r"[a-z0-9]+")
# Attribute-name words too short or too ambiguous to match a need by themselves.
_NOT_DIRECT = frozenset("gb tb in l mp mah wh g screen display size color colour water resistance".split())

# What shoppers say about a shortcoming, and the attribute-name words that measure it.
# A need matches an attribute when one of its words is in the first set and the key's words meet the second.
_ASPECTS: tuple[tuple[frozenset[str], frozenset[str]], ...] = (
    (
        frozenset("full space storage store room files apps gb tb memory capacity fill fills filled".split()),
        frozenset("storage gb tb capacity memory rom ssd disk".split()),
    ),
    (
        frozenset("battery charge charging charger dies died die lasts last lasted juice runtime unplugged".split()),
        frozenset("battery mah wh runtime life hours".split()),
    ),
    (
        frozenset("camera photo photos picture pictures zoom selfie selfies lens blurry night".split()),
        frozenset("camera mp megapixel megapixels zoom lens optical".split()),
    ),
    (
        # Size words only: "screen" alone is as often about cracks as about size.
        frozenset("small tiny bigger larger squint read reading".split()),
        frozenset("screen display inch inches in size diagonal".split()),
    ),
    (
        frozenset("people users seats team staff hires hiring colleagues employees members grow growing".split()),
        frozenset("seats users members licenses licences people agents".split()),
    ),
    (
        frozenset("slow lag lags laggy fast faster speed performance games gaming freezes multitasking".split()),
        frozenset("ram cpu processor speed ghz chip cores".split()),
    ),
    (
        frozenset("noise noisy loud quiet commute plane cancel cancelling canceling".split()),
        frozenset("anc noise cancelling canceling".split()),
    ),
    (
        frozenset("back neck posture hurts hurt pain ache aches sore stiff".split()),
        frozenset("lumbar ergonomic headrest armrests adjustable support posture".split()),
    ),
    (
        frozenset("heavy weight weighs light lighter carry".split()),
        frozenset("weight grams kg lbs".split()),
    ),
    (
        frozenset("cups family bigger capacity volume liters litres".split()),
        frozenset("capacity cups volume liters litres l".split()),
    ),
)


class RelationsLike(Protocol):
    """The part of :class:`knowledge.relations.Relations` candidate generation uses."""

    def upgrades(self, sku: str) -> list[Relation]:
        """Pricier versions of a sku."""
        ...

    def complements_for_cart(self, skus: list[str]) -> list[Relation]:
        """Add-ons for a set of skus."""
        ...

    def fits(self, accessory_sku: str) -> list[str]:
        """What an accessory is compatible with."""
        ...


@dataclass
class _Evidence:
    """Everything found about one product before scoring; merged across sources."""

    product: Product
    kind: str
    replaces: Product | None = None
    sources: dict[str, None] = field(default_factory=dict)
    relation: float = 0.0
    fit: float = 0.0
    need: float = 0.0
    need_signal: Signal | None = None

    def add_source(self, source: str) -> None:
        """Record where it was found (kept in first-seen order)."""
        self.sources[source] = None

    def add_need(self, score: float, signal: Signal) -> None:
        """Keep the best-matched need."""
        if score > self.need:
            self.need, self.need_signal = score, signal


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def _key_words(key: str) -> set[str]:
    return set(_WORD.findall(key.lower().replace("_", " ")))


def attribute_need_match(base: Product, upgrade: Product, need_text: str) -> bool | None:
    """Whether an attribute that differs between the two products is what the need talks about.

    None when neither product has attributes (nothing to compare).
    """
    if not base.attributes and not upgrade.attributes:
        return None
    keys = set(base.attributes) | set(upgrade.attributes)
    changed = [k for k in keys if base.attributes.get(k) != upgrade.attributes.get(k)]
    need = _words(need_text)
    for key in changed:
        kw = _key_words(key)
        if need & (kw - _NOT_DIRECT):
            return True
        for said, measured in _ASPECTS:
            if need & said and kw & measured:
                return True
    return False


def need_match(similarity: float, best: float) -> float:
    """A search hit's need score from its similarity and the best similarity for the same need (docstring)."""
    absolute = min(1.0, max(0.0, (similarity - SIM_FLOOR) / (SIM_GOOD - SIM_FLOOR)))
    relative = min(1.0, similarity / best) if best > 0 else 0.0
    return 0.5 * absolute + 0.5 * relative


def upgrade_need_score(base: Product, upgrade: Product, need_text: str, similarity: float) -> float:
    """Need score of an upgrade: judged on what differs from the base (see the module docstring)."""
    match = attribute_need_match(base, upgrade, need_text)
    if match is None:
        return similarity
    if match:
        return max(ATTR_MATCH_SCORE, similarity)
    return 0.5 * similarity


def _top_category(p: Product) -> str:
    path = p.category_path
    return path[0].casefold() if path else ""


def _leaf_category(p: Product) -> str:
    return p.category.strip().casefold()


def search_ceiling(
    focus: Product | None, addon_base: float, budget: float | None, limits: PolicyLimits
) -> float | None:
    """Highest price any offer could have this turn, so the vector search skips unusable items."""
    caps: list[float] = []
    if focus is not None:
        caps.append(focus.price * (1 + limits.max_uplift))
    if addon_base > 0:
        caps.append(addon_base * limits.addon_share_need)
    ceiling = max(caps) if caps else None
    if budget is not None:
        ceiling = budget if ceiling is None else min(ceiling, budget)
    return ceiling


def gather_candidates(
    *,
    signals: list[Signal],
    context: ChatContext,
    state: SessionState,
    catalog: Catalog,
    relations: RelationsLike,
    search: SearchFn,
    limits: PolicyLimits,
    k: int = 8,
    min_need_score: float = 0.35,
    min_similarity: float = 0.15,
    direct_answer_score: float = 0.45,
    max_candidates: int = 50,
) -> list[Candidate]:
    """Candidates for this turn, best first, scored by the formula in the module docstring.

    ``search(query, filters, k)`` is the semantic product search (cosine similarity 0..1); ``k`` hits are
    asked per need signal. The thresholds are explained in the module docstring. At most ``max_candidates``
    are returned.
    """
    if k < 1:
        raise ValueError(f"k must be >= 1, got {k}")
    focus = resolve_focus(context, catalog, state)
    cart = [p for line in context.cart if (p := catalog.get(line.sku)) is not None]
    cart_total = sum(p.price * line.qty for line in context.cart if (p := catalog.get(line.sku)) is not None)
    anchors = list(dict.fromkeys([p.sku for p in cart] + ([focus.sku] if focus is not None else [])))
    anchor_set = set(anchors)
    anchor_products = [catalog.get(s) for s in anchors]
    anchor_families = {p.family for p in anchor_products if p is not None and p.family}
    anchor_tops = {_top_category(p) for p in anchor_products if p is not None}
    anchor_leaves = {_leaf_category(p) for p in anchor_products if p is not None}
    needs = [s for s in signals if s.type == "need" and s.text.strip()]

    found: dict[str, _Evidence] = {}

    # Upgrades of the focus item (upsell).
    upgrade_rel: dict[str, Relation] = {}
    if focus is not None:
        for rel in relations.upgrades(focus.sku):
            p = catalog.get(rel.sku)
            if p is None or p.sku == focus.sku:
                continue
            upgrade_rel[p.sku] = rel
            ev = found.setdefault(p.sku, _Evidence(product=p, kind="upsell", replaces=focus))
            ev.add_source(rel.source)
            ev.relation = max(ev.relation, rel.strength)
            uplift = (p.price - focus.price) / focus.price if focus.price > 0 else float("inf")
            ev.fit = max(0.0, 1.0 - uplift / (2 * limits.max_uplift)) if limits.max_uplift > 0 else 0.0
            for need in needs:
                ev.add_need(upgrade_need_score(focus, p, need.text, 0.0), need)

    # Complements of the cart and the focus item (cross-sell).
    if anchors:
        for rel in relations.complements_for_cart(anchors):
            p = catalog.get(rel.sku)
            if p is None or p.sku in anchor_set or p.sku in upgrade_rel:
                continue
            ev = found.setdefault(p.sku, _Evidence(product=p, kind="cross_sell"))
            if ev.kind != "cross_sell":
                continue
            ev.add_source(rel.source)
            ev.relation = max(ev.relation, rel.strength)
            ev.fit = 1.0

    # Semantic search on each need.
    if needs:
        addon_base = cart_total if cart else (focus.price if focus is not None else 0.0)
        budget = effective_budget(signals, context, state)
        filters = SearchFilters(
            max_price=search_ceiling(focus, addon_base, budget, limits),
            in_stock_only=True,
            active_only=True,
            # The cart/focus items stay in the results: their own similarity is the baseline an add-on must beat.
            exclude_skus=sorted(set(state.declined_skus) - anchor_set),
        )
        for need in needs:
            hits = search(need.text, filters, k + len(anchor_set))
            best = max((h.score for h in hits), default=0.0)
            baseline = max((h.score for h in hits if h.sku in anchor_set), default=0.0)
            for hit in hits:
                if hit.score < min_similarity or hit.sku in anchor_set:
                    continue
                score = need_match(hit.score, best)
                _add_hit(found, hit, score, score if hit.score > baseline else 0.5 * score, need, catalog,
                         relations, focus, upgrade_rel, anchor_set, anchor_families, anchor_tops, anchor_leaves,
                         min_need_score, direct_answer_score)

    out: list[Candidate] = []
    for ev in found.values():
        if ev.need < min_need_score and ev.relation <= 0:
            continue
        margin = ev.product.margin or 0.0
        score = W_NEED * ev.need + W_RELATION * ev.relation + W_FIT * ev.fit + W_MARGIN * margin
        out.append(
            Candidate(
                product=ev.product,
                kind=ev.kind,  # type: ignore[arg-type]
                replaces=ev.replaces,
                sources=list(ev.sources),  # type: ignore[arg-type]
                score=round(score, 6),
                need=ev.need_signal if ev.need >= min_need_score else None,
            )
        )
    out.sort(key=lambda c: (-c.score, c.product.sku))
    return out[:max_candidates]


def _add_hit(
    found: dict[str, _Evidence],
    hit: SearchHit,
    score: float,
    addon_score: float,
    need: Signal,
    catalog: Catalog,
    relations: RelationsLike,
    focus: Product | None,
    upgrade_rel: dict[str, Relation],
    anchors: set[str],
    anchor_families: set[str],
    anchor_tops: set[str],
    anchor_leaves: set[str],
    min_need_score: float,
    direct_answer_score: float,
) -> None:
    """Fold one search hit into the evidence: as an upgrade (need ``score``), an add-on (need ``addon_score``)
    or not at all."""
    p = catalog.get(hit.sku)
    if p is None or p.sku in anchors:
        return
    ev = found.get(p.sku)
    if p.sku in upgrade_rel and focus is not None:
        assert ev is not None  # every upgrade was registered above
        if score >= min_need_score:
            ev.add_source("search")
        ev.add_need(upgrade_need_score(focus, p, need.text, score), need)
        return
    if p.family and p.family in anchor_families:
        # A variant of what they hold that is not an upgrade: neither an add-on nor an upsell.
        return
    if ev is not None:
        if ev.kind == "cross_sell" and addon_score >= min_need_score:
            ev.add_source("search")
            ev.add_need(addon_score, need)
        return
    if addon_score < min_need_score:
        return
    fit = 0.0
    if anchors:
        fits = anchors.intersection(relations.fits(p.sku)) if p.compatible_with else set()
        if fits:
            fit = 1.0
        elif p.compatible_with:
            # An accessory for something else (a protector for another phone).
            return
        elif _leaf_category(p) in anchor_leaves:
            # Same leaf category as what they hold: a competing product, not an add-on.
            return
        elif _top_category(p) in anchor_tops:
            fit = COMPLEMENTARY_CATEGORY_FIT
    if fit == 0.0 and hit.score < direct_answer_score:
        return
    ev = _Evidence(product=p, kind="cross_sell", fit=fit)
    ev.add_source("search")
    ev.add_need(addon_score, need)
    found[p.sku] = ev
