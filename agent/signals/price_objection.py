"""A price complaint right after an offer is about the offer: "too rich for me", "hmm, that's more than I planned to
spend". It is a no to what was offered, not an ask for a cheaper version of the item they were already looking at
(that ask says so: "anything cheaper?", "even this one is a stretch, is there a cheaper bag?")."""

from __future__ import annotations

from collections.abc import Sequence

from agent.schemas import Signal
from agent.signals.cheaper_ask import PRICE_COMPLAINT, clause_around
from agent.signals.direction import PRICE_DOWN

#: How sure a no read from a price complaint is (a phrase found it; the detector heard no refusal).
OBJECTION_CONFIDENCE = 0.7
#: Signals that already say what the turn is: a refusal, a yes, buying, a problem.
_SETTLED = frozenset({"decline", "accept", "purchase_intent", "support"})


def price_objection(signals: Sequence[Signal], message: str, offer_pending: bool) -> list[Signal]:
    """The turn's signals with a price complaint about the pending offer read as a decline (its needs and budgets,
    which only restate the complaint, dropped); unchanged otherwise."""
    if not offer_pending or any(s.type in _SETTLED or s.amount is not None for s in signals):
        # A stated amount says what would do ("more than I planned, I can do 50"): that is an ask, not a no.
        return list(signals)
    complaint = PRICE_COMPLAINT.search(message)
    if complaint is None or any(m.start() >= complaint.end() or m.end() <= complaint.start()
                                for m in PRICE_DOWN.finditer(message)):
        # Beside the complaint, an ask for something cheaper: that ask is answered (agent.signals.cheaper_ask).
        return list(signals)
    kept = [s for s in signals if s.type not in ("need", "budget")]
    no = Signal(type="decline", text=clause_around(message, complaint.start()), confidence=OBJECTION_CONFIDENCE)
    return [*kept, no]
