"""The fit step: an add-on that states another value of an interface attribute than an item held (an EF-mount lens
for an LX-mount camera, a 36 V battery for an 18 V drill) is no add-on for it, however well its words answer."""

from __future__ import annotations

from agent.candidates.deps import RelationsLike
from agent.candidates.evidence import Anchors, Found


def drop_misfits(found: Found, anchors: Anchors, relations: RelationsLike) -> None:
    """Remove the add-ons that do not fit an item the shopper holds (:meth:`knowledge.relations.Relations.misfit`)."""
    for sku in [s for s, ev in found.items() if ev.kind == "cross_sell"]:
        if any(relations.misfit(sku, item) is not None for item in anchors.products):
            del found[sku]
