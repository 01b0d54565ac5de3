"""A price complaint right after an offer is about the offer: "too rich for me", "hmm, that's more than I planned to
spend". It is a no to what was offered, not an ask for a cheaper version of the item they were already looking at
(that ask says so: "anything cheaper?", "even this one is a stretch, is there a cheaper bag?")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from agent.schemas import Signal
from agent.signals.cheaper_ask import PRICE_COMPLAINT, clause_around
from agent.signals.direction import PRICE_DOWN

#: Not spending any more, said right after an offer: "I'd rather not spend more on sleeping stuff", "no quiero gastar
#: más", "ich will nicht noch mehr ausgeben", "je préfère ne pas dépenser plus", "не хочу больше тратить", "mình không
#: muốn chi thêm". Only a no to the offer: on its own (nothing offered) it says nothing about which version they want.
NO_MORE_SPENDING = re.compile(
    r"\b(?:(?:I'd|I\s+would|we'd|we\s+would)\s+rather\s+not|(?:I|we)\s+(?:don't|do\s+not|won't|will\s+not)(?:\s+want\s+to)?|"
    r"(?:I'd|I\s+would)\s+prefer\s+not\s+to|not\s+(?:looking\s+to|going\s+to|gonna))\s+spend\s+(?:any\s+)?(?:more|extra|anything\s+else)\b|"
    r"\b(?:prefiero\s+no|no\s+quiero)\s+gastar\s+(?:nada\s+)?más\b|"
    r"\b(?:will|möchte|mag)\s+(?:ich\s+)?(?:lieber\s+)?(?:nicht|nichts)\s+(?:noch\s+)?mehr\s+ausgeben\b|"
    r"\bje\s+(?:préfère\s+ne\s+pas|ne\s+veux\s+pas)\s+dépenser\s+(?:plus|davantage)\b|"
    r"(?<!\w)не\s+хочу\s+(?:больше\s+)?тратить(?:\s+больше)?(?!\w)|(?<!\w)không\s+muốn\s+(?:chi|tiêu)\s+thêm(?!\w)",
    re.IGNORECASE,
)
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
    complaint = PRICE_COMPLAINT.search(message) or NO_MORE_SPENDING.search(message)
    if complaint is None or any(m.start() >= complaint.end() or m.end() <= complaint.start()
                                for m in PRICE_DOWN.finditer(message)):
        # Beside the complaint, an ask for something cheaper: that ask is answered (agent.signals.cheaper_ask).
        return list(signals)
    kept = [s for s in signals if s.type not in ("need", "budget")]
    no = Signal(type="decline", text=clause_around(message, complaint.start()), confidence=OBJECTION_CONFIDENCE)
    return [*kept, no]
