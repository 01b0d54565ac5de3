"""A budget said on its own carries the need of the turn before: "Mon budget, c'est 60 dollars maximum."

A shopper who states a need and then, in the next message, only names what they can spend ("ok, up to 60 then")
is still asking about that need: the budget refines it. The earlier need is read again this turn, under the new
budget, on the same item; anything else said this turn (a refusal, a problem, a yes, a new need) speaks for itself.
"""

from __future__ import annotations

from agent.schemas import ChatContext, Signal
from agent.signals.semantic import STATED_NEED_FLOOR
from agent.types import Turn

#: Signals that say what this turn is about besides the budget: with any of them, nothing is carried.
_OWN_TURN = frozenset({"need", "decline", "support", "accept", "purchase_intent"})


def carried_need(signals: list[Signal], last: Turn | None, context: ChatContext) -> Signal | None:
    """The previous turn's stated need when this turn only states a budget, on the same item; else None."""
    if last is None or not any(s.type == "budget" for s in signals) or any(s.type in _OWN_TURN for s in signals):
        return None
    if last.context.product_sku != context.product_sku:
        return None  # another item in focus: the earlier need may not be about it
    stated = [s for s in last.signals if s.type == "need" and s.confidence >= STATED_NEED_FLOOR]
    return stated[-1] if stated else None
