"""A budget under the price of the item in focus asks for a cheaper version of it: "I can't spend 300 on dumbbells
right now" on a 349 set, "tôi chỉ có tối đa 110 euro cho tấm nệm topper" on a 139 topper. Said with no need, the
amount alone says the item is out of reach; the answer is a cheaper version within the amount, or nothing."""

from __future__ import annotations

from collections.abc import Sequence

from agent.schemas import Signal
from knowledge.models import Product

#: How sure a cheaper ask read from an amount is (no words asked for one).
OVER_BUDGET_CONFIDENCE = 0.7
#: Signals that already say what the turn is about.
_SETTLED = frozenset({"need", "decline", "accept", "purchase_intent", "support", "unsettled"})


def over_budget_ask(signals: Sequence[Signal], focus: Product | None) -> list[Signal]:
    """The signals with a cheaper need added when a budget for the whole (not an extra amount) is under the price
    of the item in focus and nothing else was heard."""
    if focus is None or focus.price <= 0 or any(s.type in _SETTLED for s in signals):
        return list(signals)
    under = [
        s for s in signals
        if s.type == "budget" and s.amount is not None and s.scope != "extra" and s.amount < focus.price
    ]
    if not under:
        return list(signals)
    ask = Signal(type="need", text=under[0].text, wants="cheaper", confidence=OVER_BUDGET_CONFIDENCE)
    return [*signals, ask]
