"""A question about a part the item comes without: "it needs a card too, right?", "doesn't it come with batteries?".

The catalog says what an item lacks ("microSD card not included": knowledge.requirements). A shopper asking
about exactly that part is asking how to get the item working, and the honest answer is "no, it doesn't; this
one fits": the question is a need for the part, answered by the accessories that supply it.
"""

from __future__ import annotations

from agent.schemas import Signal
from knowledge.models import Product
from knowledge.requirements import lacking_parts, names_part

#: How sure a part ask is: a question, not a statement of need, but about something the item cannot do without.
PART_ASK_CONFIDENCE = 0.7
_NOT_ASKING = frozenset({"support", "decline", "accept", "purchase_intent"})


def mark_part_asks(signals: list[Signal], held: list[Product]) -> list[Signal]:
    """``signals`` plus a need for each question that names a part a held item comes without."""
    if any(s.type in _NOT_ASKING for s in signals):
        return signals
    lacking = lacking_parts(held)
    if not lacking:
        return signals
    asks = [s for s in signals if s.type == "question" and names_part(s.text, lacking)]
    needs = {s.text for s in signals if s.type == "need"}
    added = [Signal(type="need", text=q.text, confidence=PART_ASK_CONFIDENCE) for q in asks if q.text not in needs]
    return [*signals, *added]
