"""Versions of the item in focus made without what the shopper named of it.

"I break out in hives from latex" beside latex loop bands, "no BPA please" beside a plastic bottle: the shopper
names a trait of the item they cannot have, and a version of the same item whose text says it is made without it
("latex-free", "free of BPA", "no added fragrance") answers them. Such a version is often in no family with the
item (a catalog names it a different product), so it is looked up among the item's versions
(:meth:`knowledge.relations.Relations.versions`) rather than left to search. Scoring is
:func:`agent.affinity.spares` in :mod:`agent.candidates.needs`.
"""

from __future__ import annotations

from agent.affinity import ProductTerms, spares, text_stems
from agent.candidates.deps import CandidateDeps
from agent.candidates.evidence import Evidence, Found
from agent.candidates.related import step_fit
from agent.turn import TurnFacts
from knowledge.relations import FAMILY_STRENGTH


def add_spared_versions(found: Found, facts: TurnFacts, deps: CandidateDeps) -> None:
    """Add the focus's pricier versions made without a trait of it the message names, as upsells."""
    focus = facts.focus
    if focus is None or focus.sku in facts.purchased:
        return
    said = text_stems(f"{facts.message} {deps.translate(facts.message)}")
    focus_terms = ProductTerms.of(focus)
    if not said & focus_terms.all:
        return
    for p in deps.relations.versions(focus.sku):
        if p.sku in found or p.price <= focus.price:
            continue
        if spares(said, ProductTerms.of(p), focus_terms, replaces=True):
            ev = Evidence(product=p, kind="upsell", replaces=focus, relation=FAMILY_STRENGTH)
            ev.fit = step_fit(focus, p, deps.limits.max_uplift)
            ev.add_source("family")
            found[p.sku] = ev
