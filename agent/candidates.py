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
          + 0.10 * hint        # cross-sell: word affinity with a question of this turn (never a need)
          - 0.03 * price_share # cross-sell: price / cart (or focus); the cheaper of two equal answers wins

Need has two parts. The semantic part of a search hit blends how close it is and how it ranks for that need::

    sem = 0.5 * clip((similarity - 0.10) / (0.40 - 0.10), 0, 1) + 0.5 * similarity / best_similarity

because sentence-embedding cosines are low and compressed (with all-MiniLM-L6-v2 the right product for
"I keep cracking my screen" scores 0.21 against 0.24 for the best hit, and unrelated products 0.05-0.15):
the rank among this need's hits says more than the raw value. Hits under ``min_similarity`` count as no
match at all. The top ``k`` hits may become candidates; the top ``deep_k`` also score items already related
to the cart/focus (an accessory made for the item is often far down a topic-ranked list). An add-on that is
no closer to the need than the item the shopper already holds (found by the same search) matches the topic,
not the need: its semantic part is halved.

The word part is :func:`agent.affinity.affinity`: whether the product's own name, category and description
say what it does for the need (topic words of what the shopper holds left out, a small concept table, kinds
the shopper ruled out with "no X" excluded). For an add-on::

    need = 0.5 * sem + 0.5 * affinity          when its words answer the need
    need = sem * 0.8                           when no candidate's words do (paraphrase, another language)
    need = sem * 0.5                           when others' words do and its own do not (topic only)
    (x 0.5 again for generic services: plans, subscriptions, software, unless their words answer)

and a linked add-on (relation >= 0.5) scores at least 0.7 x its affinity without any search evidence. With
several needs in one turn, the best need counts fully and each other need adds 0.25 of its score.

For an upgrade, need is judged on what differs from the item it replaces: when an attribute that changed
matches the need (``storage_gb`` for "always full", ``battery_mah`` for "battery dies", ``seats`` for
"adding five people", a figure the upgrade reaches for "we'll be ten"), need = max(0.6, sem); when attributes
changed but none matches, need = 0.5 * sem; with no attributes to compare, need = sem. Words only the
upgrade has (its affinity without the replaced item's words) can raise it to 0.5 * sem + 0.5 * affinity.

Relevance first: a candidate whose need is below ``min_need_score`` and that has no relation to the
cart/focus is dropped. A search hit kept as a cross-sell must also make sense next to the focus item
(linked to it, or in a complementary category) or answer the need directly (raw similarity at least
``direct_answer_score``); an accessory whose ``compatible_with`` selects none of the cart/focus items (a
screen protector for another phone), a competitor of what they hold (:func:`is_competitor`) or a variant in
its family is never a cross-sell. Candidates whose need reaches ``min_need_score`` carry the need signal they
answer in ``Candidate.need``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from agent.affinity import NeedTerms, ProductTerms, affinity, ruled_out, stem, topic_stems
from agent.policy.context import effective_budget, resolve_focus
from agent.policy.decision import rank_key
from agent.schemas import ChatContext, Signal
from agent.types import Candidate, PolicyLimits, SessionState
from knowledge.catalog import Catalog
from knowledge.models import Product, Relation, SearchFilters, SearchHit

W_NEED, W_RELATION, W_FIT, W_MARGIN = 0.60, 0.25, 0.10, 0.05
# A question's word affinity nudges which related add-on comes first; it never makes a need.
W_HINT = 0.10
# need = W_SEM * semantic + (1 - W_SEM) * affinity, for a product whose own words answer the need.
W_SEM = 0.5
# Semantic-only matches: kept at 0.8 when no product's words answer the need (paraphrase, another language),
# cut to 0.5 when others' do; generic services (plans, subscriptions, software) are halved again.
LONE_SEMANTIC_FACTOR, NO_AFFINITY_FACTOR, GENERIC_FACTOR = 0.8, 0.5, 0.5
# A linked add-on (curated, compatible, family: relation strength >= 0.5) whose words answer the need scores at
# least 0.7 x its affinity without any search evidence.
LINKED_RELATION, LINKED_AFFINITY_WEIGHT = 0.5, 0.7
# Between add-ons that answer equally well, the cheaper one (relative to the cart) is the better offer.
W_PRICE = 0.03
ATTR_MATCH_SCORE = 0.6
SIM_FLOOR, SIM_GOOD = 0.10, 0.40
COMPLEMENTARY_CATEGORY_FIT = 0.5
# Share of the shorter list of attribute names two products must have in common to be the same kind of product.
SAME_KIND_OVERLAP = 0.5
# Attribute-name words any kind of product may have.
_ANY_KIND = frozenset("weight color colour size dimensions material finish brand model".split())
# Other needs of the same turn a candidate also answers add this share of their scores (a lens for "portraits
# with a blurry background" beats any lens for "which lens should I get?").
W_OTHER_NEEDS = 0.25

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
        frozenset(
            "people users seats team staff hires hiring colleagues employees members grow growing girlfriend "
            "boyfriend partner wife husband friend friends kids children family together couple devices".split()
        ),
        frozenset("seats users members licenses licences people agents persons devices sleeps".split()),
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
        frozenset("hot warm warmer cold colder temperature heat".split()),
        frozenset("thermal insulated temperature heat heated warm".split()),
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
    # Best semantic need score per need signal (index into this turn's needs).
    sem: dict[int, float] = field(default_factory=dict)
    need: float = 0.0
    need_signal: Signal | None = None
    hint: float = 0.0

    def add_source(self, source: str) -> None:
        """Record where it was found (kept in first-seen order)."""
        self.sources[source] = None

    def add_sem(self, i: int, score: float) -> None:
        """Keep the best semantic score for need ``i``."""
        if score > self.sem.get(i, 0.0):
            self.sem[i] = score

    def add_need(self, score: float, signal: Signal) -> None:
        """Keep the best-matched need."""
        if score > self.need:
            self.need, self.need_signal = score, signal


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def _key_words(key: str) -> set[str]:
    return set(_WORD.findall(key.lower().replace("_", " ")))


def attribute_need_match(
    base: Product, upgrade: Product, need_text: str, topic: frozenset[str] = frozenset()
) -> bool | None:
    """Whether an attribute that differs between the two products is what the need talks about.

    The words of a changed attribute are its name and, for a text value, the new value ("carafe: thermal").
    Need words whose stem is in ``topic`` (what the shopper holds: "photos" next to a camera) are ignored.
    None when neither product has attributes (nothing to compare).
    """
    if not base.attributes and not upgrade.attributes:
        return None
    keys = set(base.attributes) | set(upgrade.attributes)
    changed = [k for k in keys if base.attributes.get(k) != upgrade.attributes.get(k)]
    need = {w for w in _words(need_text) if stem(w) not in topic}
    for n in _numbers(need_text):
        # "we'll be ten by summer": a changed figure that goes from below the number to at least it.
        for key in changed:
            lo, hi = base.attributes.get(key), upgrade.attributes.get(key)
            if _is_num(lo) and _is_num(hi) and lo < n <= hi:
                return True
    for key in changed:
        kw = _key_words(key)
        value = upgrade.attributes.get(key)
        if isinstance(value, str):
            kw |= _words(value)
        if need & (kw - _NOT_DIRECT):
            return True
        for said, measured in _ASPECTS:
            if need & said and kw & measured:
                return True
    return False


_NUMBER_WORDS = {
    w: i for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty".split()
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "hundred": 100}


def _is_num(v: object) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _numbers(text: str) -> list[float]:
    """Numbers a need states, in digits or (English) words."""
    out: list[float] = []
    for w in _WORD.findall(text.lower()):
        if w.isdigit():
            out.append(float(w))
        elif w in _NUMBER_WORDS:
            out.append(float(_NUMBER_WORDS[w]))
    return out


def need_match(similarity: float, best: float) -> float:
    """A search hit's need score from its similarity and the best similarity for the same need (docstring)."""
    absolute = min(1.0, max(0.0, (similarity - SIM_FLOOR) / (SIM_GOOD - SIM_FLOOR)))
    relative = min(1.0, similarity / best) if best > 0 else 0.0
    return 0.5 * absolute + 0.5 * relative


def upgrade_need_score(
    base: Product, upgrade: Product, need_text: str, similarity: float, topic: frozenset[str] = frozenset()
) -> float:
    """Need score of an upgrade: judged on what differs from the base (see the module docstring)."""
    match = attribute_need_match(base, upgrade, need_text, topic)
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


def combine_need(sem: float, lex: float, *, generic: bool, others_have_affinity: bool) -> float:
    """An add-on's need score from its semantic score and its word affinity (module docstring)."""
    if lex > 0:
        return W_SEM * sem + (1 - W_SEM) * lex
    factor = NO_AFFINITY_FACTOR if others_have_affinity else LONE_SEMANTIC_FACTOR
    if generic:
        factor *= GENERIC_FACTOR
    return sem * factor


def _kind_keys(p: Product) -> set[str]:
    """Attribute names that say what kind of product it is (weight, colour and the like say nothing)."""
    return {k for k in p.attributes if not (_key_words(k) & _ANY_KIND)}


def is_competitor(p: Product, held: Product) -> bool:
    """Whether ``p`` is another take on what the shopper holds rather than something to add to it.

    The same leaf category is not enough (a store's "Camping" holds tents and stoves) and not needed (a phone
    is no add-on for a tablet). Two products in the same department are the same kind of thing when they
    describe themselves with largely the same attribute names (across leaf categories, at least two of them);
    with no attributes to compare, when they share a leaf category.
    """
    if _top_category(p) != _top_category(held):
        return False
    a, b = _kind_keys(p), _kind_keys(held)
    same_leaf = _leaf_category(p) == _leaf_category(held)
    if a and b:
        shared = len(a & b)
        # Across leaves one shared measure (a kettle's and a pitcher's capacity) is a coincidence.
        return shared / min(len(a), len(b)) >= SAME_KIND_OVERLAP and (same_leaf or shared >= 2)
    # Nothing to compare: the same leaf category decides, as a shopper would read the shelf.
    return same_leaf


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
    deep_k: int = 40,
    min_need_score: float = 0.35,
    min_similarity: float = 0.15,
    direct_answer_score: float = 0.45,
    max_candidates: int = 50,
    translate: Callable[[str], str] | None = None,
) -> list[Candidate]:
    """Candidates for this turn, best first, scored by the formula in the module docstring.

    ``search(query, filters, k)`` is the semantic product search (cosine similarity 0..1). The top ``k`` hits
    per need signal may become candidates of their own; the top ``deep_k`` also score items already related
    to the cart/focus. The thresholds are explained in the module docstring. At most ``max_candidates`` are
    returned. ``translate`` turns a need stated in another language into English words for search and word
    affinity (the embedder and the affinity table are English); the Signal itself keeps the shopper's words.
    """
    if k < 1:
        raise ValueError(f"k must be >= 1, got {k}")
    if deep_k < k:
        raise ValueError(f"deep_k must be >= k ({k}), got {deep_k}")
    focus = resolve_focus(context, catalog, state)
    cart = [p for line in context.cart if (p := catalog.get(line.sku)) is not None]
    cart_total = sum(p.price * line.qty for line in context.cart if (p := catalog.get(line.sku)) is not None)
    anchors = list(dict.fromkeys([p.sku for p in cart] + ([focus.sku] if focus is not None else [])))
    anchor_set = set(anchors)
    anchor_products = [p for s in anchors if (p := catalog.get(s)) is not None]
    anchor_families = {p.family for p in anchor_products if p.family}
    anchor_tops = {_top_category(p) for p in anchor_products}
    needs = [s for s in signals if s.type == "need" and s.text.strip()]
    questions = [s for s in signals if s.type == "question" and s.text.strip()]
    english = translate or (lambda text: text)
    need_en = [english(n.text) for n in needs]

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

    addon_base = cart_total if cart else (focus.price if focus is not None else 0.0)
    # Semantic search on each need.
    if needs:
        budget = effective_budget(signals, context, state)
        filters = SearchFilters(
            max_price=search_ceiling(focus, addon_base, budget, limits),
            in_stock_only=True,
            active_only=True,
            # The cart/focus items stay in the results: their own similarity is the baseline an add-on must beat.
            exclude_skus=sorted(set(state.declined_skus) - anchor_set),
        )
        for i, need in enumerate(needs):
            hits = search(need_en[i], filters, deep_k + len(anchor_set))
            best = max((h.score for h in hits), default=0.0)
            baseline = max((h.score for h in hits if h.sku in anchor_set), default=0.0)
            for rank, hit in enumerate(hits):
                if hit.score < min_similarity or hit.sku in anchor_set:
                    continue
                score = need_match(hit.score, best)
                _add_hit(found, hit, i, score, hit.score <= baseline, catalog, relations, upgrade_rel,
                         anchor_set, anchor_products, anchor_families, anchor_tops, direct_answer_score,
                         allow_new=rank < k + len(anchor_set))

    # Word affinity: what each product's own text does for each need (module docstring).
    topic = topic_stems(anchor_products)
    need_terms = [NeedTerms.of(text, topic) for text in need_en]
    question_terms = [NeedTerms.of(english(q.text), topic) for q in questions]
    terms = {sku: ProductTerms.of(ev.product) for sku, ev in found.items()}
    focus_terms = ProductTerms.of(focus) if focus is not None else None
    lex: dict[tuple[str, int], float] = {}
    for i, nt in enumerate(need_terms):
        for sku, ev in found.items():
            pt = terms[sku]
            if ev.kind == "upsell" and focus_terms is not None:
                # An upgrade shares most words with what it replaces: only its new words can answer the need.
                pt = pt.without(focus_terms)
            lex[(sku, i)] = 0.0 if ruled_out(nt, terms[sku]) else affinity(nt, pt)
    per_need: dict[str, list[float]] = {}
    for i, need in enumerate(needs):
        any_lex = any(lex[(sku, i)] > 0 for sku, ev in found.items() if ev.kind == "cross_sell")
        for sku, ev in found.items():
            sem, lx = ev.sem.get(i, 0.0), lex[(sku, i)]
            if ruled_out(need_terms[i], terms[sku]):
                continue
            if ev.kind == "upsell" and focus is not None:
                score = upgrade_need_score(focus, ev.product, need_en[i], sem, topic)
                if lx > 0:
                    score = max(score, W_SEM * sem + (1 - W_SEM) * lx)
            else:
                score = combine_need(sem, lx, generic=terms[sku].generic, others_have_affinity=any_lex)
                if ev.relation >= LINKED_RELATION:
                    # An item made for what they hold whose own words answer the need, even if the embedding
                    # search did not surface it (the search ranks by topic).
                    score = max(score, LINKED_AFFINITY_WEIGHT * lx)
            per_need.setdefault(sku, []).append(score)
            ev.add_need(score, need)
    for sku, scores in per_need.items():
        if len(scores) > 1:
            ranked = sorted(scores, reverse=True)
            found[sku].need = ranked[0] + W_OTHER_NEEDS * sum(ranked[1:])
    for ev in found.values():
        if ev.kind == "cross_sell" and question_terms:
            ev.hint = max(affinity(qt, terms[ev.product.sku]) for qt in question_terms)

    out: list[Candidate] = []
    for ev in found.values():
        if ev.need < min_need_score and ev.relation <= 0:
            continue
        margin = ev.product.margin or 0.0
        score = W_NEED * ev.need + W_RELATION * ev.relation + W_FIT * ev.fit + W_MARGIN * margin
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
                need=ev.need_signal if ev.need >= min_need_score else None,
            )
        )
    out.sort(key=rank_key)
    return out[:max_candidates]


def _add_hit(
    found: dict[str, _Evidence],
    hit: SearchHit,
    need_index: int,
    score: float,
    not_closer: bool,
    catalog: Catalog,
    relations: RelationsLike,
    upgrade_rel: dict[str, Relation],
    anchors: set[str],
    anchor_products: list[Product],
    anchor_families: set[str],
    anchor_tops: set[str],
    direct_answer_score: float,
    *,
    allow_new: bool,
) -> None:
    """Fold one search hit into the evidence: as an upgrade, an add-on or not at all.

    ``not_closer``: the hit is no closer to the need than an item the shopper holds, so as an add-on it only
    matches the topic and its semantic score is halved. Only hits with ``allow_new`` may start a candidate.
    """
    p = catalog.get(hit.sku)
    if p is None or p.sku in anchors:
        return
    ev = found.get(p.sku)
    if p.sku in upgrade_rel:
        assert ev is not None  # every upgrade was registered above
        if allow_new:
            ev.add_source("search")
        ev.add_sem(need_index, score)
        return
    if p.family and p.family in anchor_families:
        # A variant of what they hold that is not an upgrade: neither an add-on nor an upsell.
        return
    addon_score = 0.5 * score if not_closer else score
    if ev is not None:
        if ev.kind == "cross_sell":
            if allow_new:
                ev.add_source("search")
            ev.add_sem(need_index, addon_score)
        return
    if not allow_new:
        return
    fit = 0.0
    if anchors:
        fits = anchors.intersection(relations.fits(p.sku)) if p.compatible_with else set()
        if fits:
            fit = 1.0
        elif p.compatible_with:
            # An accessory for something else (a protector for another phone).
            return
        elif any(is_competitor(p, a) for a in anchor_products):
            # Another take on what they hold: a competing product, not an add-on.
            return
        elif _top_category(p) in anchor_tops:
            fit = COMPLEMENTARY_CATEGORY_FIT
    if fit == 0.0 and hit.score < direct_answer_score:
        return
    ev = _Evidence(product=p, kind="cross_sell", fit=fit)
    ev.add_source("search")
    ev.add_sem(need_index, addon_score)
    found[p.sku] = ev
