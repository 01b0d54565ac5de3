"""The affinity step: how well each found product answers each need, from its search score and its own words."""

from __future__ import annotations

from agent.affinity import NeedTerms, ProductTerms, affinity, ruled_out, topic_stems
from agent.candidates.attributes import attribute_need_match
from agent.candidates.deps import CandidateDeps
from agent.candidates.evidence import Anchors, Found
from agent.candidates.upgrades import axes_of, replacement_need
from agent.schemas import Signal
from knowledge.models import Product

# need = W_SEM * semantic + (1 - W_SEM) * affinity, for a product whose own words answer the need.
W_SEM = 0.5
# Semantic-only matches: kept at 0.8 when no product's words answer the need (paraphrase, another language),
# cut to 0.5 when others' do; generic services (plans, subscriptions, software) are halved again.
LONE_SEMANTIC_FACTOR, NO_AFFINITY_FACTOR, GENERIC_FACTOR = 0.8, 0.5, 0.5
# A linked add-on (curated, compatible, family: relation strength >= 0.5) whose words answer the need scores at
# least 0.7 x its affinity without any search evidence.
LINKED_RELATION, LINKED_AFFINITY_WEIGHT = 0.5, 0.7
ATTR_MATCH_SCORE = 0.6
# Other needs of the same turn a candidate also answers add this share of their scores (a lens for "portraits
# with a blurry background" beats any lens for "which lens should I get?").
W_OTHER_NEEDS = 0.25


def upgrade_need_score(
    base: Product, upgrade: Product, need_text: str, similarity: float, topic: frozenset[str] = frozenset()
) -> float:
    """Need score of an upgrade: judged on what differs from the base (see the agent.candidates docstring)."""
    match = attribute_need_match(base, upgrade, need_text, topic)
    if match is None:
        return similarity
    if match:
        return max(ATTR_MATCH_SCORE, similarity)
    return 0.5 * similarity


def combine_need(sem: float, lex: float, *, generic: bool, others_have_affinity: bool) -> float:
    """An add-on's need score from its semantic score and its word affinity (agent.candidates docstring)."""
    if lex > 0:
        return W_SEM * sem + (1 - W_SEM) * lex
    factor = NO_AFFINITY_FACTOR if others_have_affinity else LONE_SEMANTIC_FACTOR
    if generic:
        factor *= GENERIC_FACTOR
    return sem * factor


def score_needs(
    found: Found,
    needs: list[Signal],
    needs_en: list[str],
    questions_en: list[str],
    focus: Product | None,
    anchors: Anchors,
    deps: CandidateDeps | None = None,
) -> None:
    """Set each product's need score and the need it answers best; a question's word affinity sets its hint."""
    topic = topic_stems(anchors.products)
    need_terms = [NeedTerms.of(text, topic) for text in needs_en]
    question_terms = [NeedTerms.of(text, topic) for text in questions_en]
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
    replacing = deps is not None and focus is not None and any(ev.kind == "upsell" for ev in found.values())
    for i, need in enumerate(needs):
        # Which measured quantity the need is about: once per need, only when a replacement is in play.
        axes = axes_of(need, needs_en[i], deps, focus) if replacing and deps is not None else []
        any_lex = any(lex[(sku, i)] > 0 for sku, ev in found.items() if ev.kind == "cross_sell")
        for sku, ev in found.items():
            sem, lx = ev.sem.get(i, 0.0), lex[(sku, i)]
            if ruled_out(need_terms[i], terms[sku]):
                continue
            if ev.kind == "upsell" and focus is not None:
                measured = replacement_need(ev, focus, need, axes, deps) if deps is not None else None
                if measured is not None:
                    score, improves = measured
                    score = max(score, sem) if score > 0 else 0.0
                    if score > ev.need:
                        ev.improves = improves
                else:
                    score = upgrade_need_score(focus, ev.product, needs_en[i], sem, topic)
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
    for ev in found.values():
        if ev.vetoed:
            ev.need, ev.need_signal, ev.improves = 0.0, None, None
    for sku, scores in per_need.items():
        if found[sku].vetoed:
            continue
        if len(scores) > 1:
            ranked = sorted(scores, reverse=True)
            found[sku].need = ranked[0] + W_OTHER_NEEDS * sum(ranked[1:])
    for ev in found.values():
        if ev.kind == "cross_sell" and question_terms:
            ev.hint = max(affinity(qt, terms[ev.product.sku]) for qt in question_terms)
