"""Bundle candidates: a merchant bundle, or a "frequently bought together" set, when it answers better than one item.

Two situations make a bundle the better answer (CONTRACTS section 7, :mod:`knowledge.bundles`):

- **Several needs.** The shopper stated needs in this conversation (this turn, and earlier turns whose answers
  were offered) and the bundle's components answer at least two of them, one of this turn. One need signal may
  name two things ("a bag to carry it and a spare battery"): its text is split at conjunctions and each answering
  component is assigned the part it shares most words with, so two components answer two needs only when they
  answer different parts ("a warm sleeping bag for spring nights" is one need, however many products answer it),
  and lie in different categories. A component counts as answering a want only when it is among that want's best
  answers (within ``LEAD_MARGIN`` of the best score): a cable that barely matches "a monitor, a mouse and an SD
  card" does not make a set with the hub that answers it. Components no need asked for are allowed when they come at half their price
  at most: the bundle costs no more than the answering components plus half the others. Score: the best
  answering component's score plus ``NEED_BONUS`` per further need covered.
- **A base item's companions.** No need stated this turn, and every component is a known complement of the
  cart or the item in focus (curated, compatible or mined from orders), and the bundle saves money: the soft,
  unprompted add-on, with the unprompted rules of the policy. Score: the best component's plus
  ``COMPANION_BONUS``, enough to beat the near-tie rule's preference for the cheaper single add-on.

A bundle found by search or a link as if it were a single item is dropped from the ordinary candidates.
Never a bundle holding something the shopper holds, bought or declined (the shopper would pay twice; kept simple
and honest rather than weighing whether the bundle is still the better deal), nor one costing more than its parts.

When no merchant bundle answers several needs, two answering products that the order history links directly
(a co-purchase rule either way) form a "frequently bought together" set at their catalog prices (savings 0).
There is no unprompted FBT set: without a saving, two unasked-for items are no better for the shopper than one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from agent.affinity import STOP, stem, words
from agent.candidates.deps import CandidateDeps
from agent.policy.decision import rank_key
from agent.turn import TurnFacts
from agent.types import Candidate, CandidateSource, Turn
from knowledge.bundles import bought_together, bundles_containing, fbt_product, parts_of, savings
from knowledge.copurchase import RuleBook
from knowledge.models import Product

NEED_BONUS = 0.10
LEAD_MARGIN = 0.05
COMPANION_BONUS = 0.03
#: The most a bundle may charge for components no need asked for, as a share of their catalog price.
UNASKED_SHARE = 0.5
_EPS = 1e-9
# Where one need statement joins two wants ("a bag and a battery"), in the languages the detector reads.
_CONJUNCTIONS = re.compile(
    r"\b(?:and|plus|as well as|also|y|und|sowie|et|ainsi que|và|cùng với)\b|(?<!\w)(?:и|а также)(?!\w)|[;&+]", re.I
)


def earlier_answers(turns: Iterable[Turn]) -> dict[str, str]:
    """Skus offered earlier in the session as the answer to a need, with the need's words."""
    out: dict[str, str] = {}
    for t in turns:
        for o in t.offers:
            if o.why is not None and o.why.kind == "answers_need" and o.why.need and o.kind == "cross_sell":
                out[o.sku] = o.why.need
    return out


def _leaf(p: Product) -> str:
    return (p.category_path or [p.category])[-1].casefold()


def _stems(text: str) -> frozenset[str]:
    return frozenset(st for w in words(text) if (st := stem(w)) not in STOP and len(st) > 1)


def need_parts(text: str) -> list[frozenset[str]]:
    """The wants one need statement joins, as word stems: "a bag and a spare battery" -> [{bag}, {spare, battery}]."""
    parts = [_stems(part) for part in _CONJUNCTIONS.split(text)]
    return [p for p in parts if p] or [_stems(text)]


def need_key(c: Candidate) -> tuple[str, int]:
    """Which want of the turn a need-answering candidate answers: (need text, the part of it it shares most with)."""
    assert c.need is not None
    parts = need_parts(c.need.text)
    if len(parts) < 2:
        return (c.need.text, 0)
    # Words every part shares say nothing about which want it is; the product's name counts double (what it is).
    shared = frozenset.intersection(*parts)
    p = c.product
    title, rest = _stems(p.name), _stems(f"{p.category} {p.description}")
    weight = [2 * len((part - shared) & title) + len((part - shared) & (rest - title)) for part in parts]
    return (c.need.text, max(range(len(parts)), key=lambda i: (weight[i], -i)))


def _leading(answers: list[Candidate]) -> dict[str, Candidate]:
    """The answers among the best of the want they answer (see the module docstring), by sku."""
    best: dict[tuple[str, int], float] = {}
    for c in answers:
        key = need_key(c)
        best[key] = max(best.get(key, c.score), c.score)
    return {c.product.sku: c for c in answers if c.score >= best[need_key(c)] - LEAD_MARGIN - _EPS}


def _held(facts: TurnFacts) -> frozenset[str]:
    focus = {facts.focus.sku} if facts.focus is not None else set()
    return facts.cart_skus | facts.purchased | facts.declined | focus


def add_bundles(
    candidates: list[Candidate], facts: TurnFacts, deps: CandidateDeps, earlier: Mapping[str, str] | None = None
) -> list[Candidate]:
    """The candidates plus the bundles that answer the shopper better than one component does, best first.

    A merchant bundle found like any product (by search or a link) is left out as a single item: it is offered
    as a bundle, with its components and savings, only when the rules above say it answers better.
    """
    candidates = [c for c in candidates if not c.product.bundle_of]
    held = _held(facts)
    answering = _leading([c for c in candidates if c.need is not None and c.kind == "cross_sell"])
    # An earlier answer whose kind the cart now holds was answered another way ("ok I added the 500" after the
    # 300 was offered): it joins no set.
    cart_kinds = {_leaf(p) for p in facts.cart}
    earlier_products = [
        p
        for s in (earlier or {})
        if s not in held and s not in answering
        and (p := deps.catalog.get(s)) is not None and _leaf(p) not in cart_kinds
    ]
    if answering:
        found = _need_bundles(answering, earlier_products, held, deps)
        if not found:
            found = _fbt_sets(answering, earlier_products, held, deps)
    elif not any(c.need is not None for c in candidates):
        found = _companion_bundles(candidates, facts, held, deps)
    else:
        found = []
    if not found:
        return candidates
    return sorted([*candidates, *found], key=rank_key)[: deps.tuning.max_candidates]


def _usable(parts: list[Product], held: frozenset[str]) -> bool:
    return all(p.available and p.sku not in held for p in parts)


def _need_bundles(
    answering: dict[str, Candidate], earlier: list[Product], held: frozenset[str], deps: CandidateDeps
) -> list[Candidate]:
    """Merchant bundles whose components answer two or more needs of the conversation."""
    earlier_skus = {p.sku for p in earlier}
    out: list[Candidate] = []
    seen: set[str] = set()
    for sku in answering:
        for bundle in bundles_containing(deps.catalog, sku):
            if bundle.sku in seen or bundle.sku in held or not bundle.available:
                continue
            seen.add(bundle.sku)
            parts = parts_of(bundle, deps.catalog)
            if parts is None or not _usable(parts, held) or savings(bundle, parts) < -_EPS:
                continue
            distinct = {p.sku: p for p in parts}
            now = [answering[s] for s in distinct if s in answering]
            then = [p for s, p in distinct.items() if s in earlier_skus and s not in answering]
            covered = _covered(now, then)
            if covered < 2 or not now:
                continue
            asked = [c.product for c in now] + then
            unasked = [p for p in parts if p.sku not in {q.sku for q in asked}]
            limit = sum(p.price for p in asked) + UNASKED_SHARE * sum(p.price for p in unasked)
            if bundle.price > limit + _EPS:
                continue  # it would make them pay too much for something they did not ask for
            best = max(now, key=lambda c: c.score)
            out.append(_candidate(bundle, parts, ["curated"], best, covered))
    return out


def _covered(now: list[Candidate], then: list[Product]) -> int:
    """How many distinct wants these answers cover: this turn's by need part and category, earlier ones by category."""
    keys: dict[tuple[str, int], set[str]] = {}
    for c in now:
        keys.setdefault(need_key(c), set()).add(_leaf(c.product))
    leaves_now = {leaf for found in keys.values() for leaf in found}
    # Two wants of one statement need two kinds of product; earlier answers count when of yet another kind.
    return min(len(keys), len(leaves_now)) + len({_leaf(p) for p in then} - leaves_now)


def _fbt_sets(
    answering: dict[str, Candidate], earlier: list[Product], held: frozenset[str], deps: CandidateDeps
) -> list[Candidate]:
    """The best pair of answers the order history shows are bought together, as an FBT set."""
    rules = getattr(deps.relations, "rules", None)
    if not isinstance(rules, RuleBook) or not len(rules):
        return []
    now = sorted(answering.values(), key=rank_key)
    pairs: list[tuple[Candidate, Product, float]] = []
    for i, a in enumerate(now):
        pairs += [(a, b.product, b.score) for b in now[i + 1 :] if _covered([a, b], []) >= 2]
        pairs += [(a, p, 0.0) for p in earlier]
    best: tuple[float, Candidate] | None = None
    for a, p, other_score in pairs:
        if _leaf(p) == _leaf(a.product) or not _usable([a.product, p], held):
            continue
        if not bought_together(rules, a.product.sku, p.sku):
            continue
        total = a.score + other_score
        product = fbt_product([a.product, p])
        if product.sku not in held and (best is None or total > best[0] + _EPS):
            parts = sorted([a.product, p], key=lambda q: q.sku)
            best = (total, _candidate(product, parts, ["copurchase"], a, 2))
    return [best[1]] if best is not None else []


def _companion_bundles(
    candidates: list[Candidate], facts: TurnFacts, held: frozenset[str], deps: CandidateDeps
) -> list[Candidate]:
    """Merchant bundles made of the cart's (or focus item's) usual companions, saving money."""
    anchors = [p.sku for p in facts.cart] or ([facts.focus.sku] if facts.focus is not None else [])
    if not anchors:
        return []
    related = {r.sku: r for r in deps.relations.complements_for_cart(anchors)}
    scores = {c.product.sku: c for c in candidates if c.kind == "cross_sell"}
    out: list[Candidate] = []
    seen: set[str] = set()
    for sku in related:
        for bundle in bundles_containing(deps.catalog, sku):
            if bundle.sku in seen or bundle.sku in held or not bundle.available:
                continue
            seen.add(bundle.sku)
            parts = parts_of(bundle, deps.catalog)
            if parts is None or not _usable(parts, held) or savings(bundle, parts) <= _EPS:
                continue
            distinct = dict.fromkeys(p.sku for p in parts)
            if any(s not in related for s in distinct):
                continue
            sources: list[CandidateSource] = list(dict.fromkeys(related[s].source for s in distinct))
            known = [scores[s] for s in distinct if s in scores]
            base = max((c.score for c in known), default=0.0)
            out.append(
                Candidate(
                    product=bundle, kind="bundle", sources=sources, score=round(base + COMPANION_BONUS, 6), parts=parts
                )
            )
    return out


def _candidate(
    bundle: Product, parts: list[Product], sources: list[CandidateSource], best: Candidate, covered: int
) -> Candidate:
    """A bundle candidate answering ``best``'s need, scored above it by the further needs it covers."""
    return Candidate(
        product=bundle,
        kind="bundle",
        sources=sources,
        score=round(best.score + NEED_BONUS * (covered - 1), 6),
        need=best.need,
        parts=parts,
    )
