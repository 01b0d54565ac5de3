"""A question about another look of the item in focus ("is the sage one better quality?", "is the black version any
different?") asks about that variant, not for an upgrade: the honest answer is what differs (the colour), and a
pricier look is no better version (knowledge.relations.is_variant)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from agent.schemas import Signal
from knowledge.catalog import Catalog
from knowledge.measures import LOOK_KEYS
from knowledge.models import Product


def named_variant(message: str, focus: Product | None, catalog: Catalog) -> Product | None:
    """The family member of ``focus`` the message names by how it looks ("the sage one"), or None."""
    if focus is None or not focus.family:
        return None
    low = message.casefold()
    for member in catalog.family(focus.family):
        if member.sku == focus.sku:
            continue
        for key, value in member.attributes.items():
            if key.lower() not in LOOK_KEYS or not isinstance(value, str) or not value.strip():
                continue
            if value == focus.attributes.get(key):
                continue
            said = re.escape(value.strip().casefold())
            if re.search(rf"\bthe\s+{said}\s+(?:one|ones|version|model|colou?r)\b", low):
                return member
    return None


def variant_questions(signals: Sequence[Signal], message: str, focus: Product | None, catalog: Catalog) -> list[Signal]:
    """The signals without needs when the turn asks about another look of the item: a question is answered."""
    if not any(s.type == "question" for s in signals) or named_variant(message, focus, catalog) is None:
        return list(signals)
    return [s for s in signals if s.type != "need"]
