"""A figure the shopper states that goes over what the item is rated for: "I'm 135 kilos, will this one hold me?"
on a rower for users up to 120 kg, "my tank is 60 litres, is this filter enough?" on a filter for tanks up to 40 l.

The catalog states the limit (``max_user_kg``, ``max_tank_l``, ``tablet_max_in``: knowledge.measures.is_limit).
A shopper whose own figure is over it has a need the item cannot meet, whether they ask or worry about it: a
version rated for their figure answers it (agent.candidates.upgrades.stated_axes reads which quantity).
"""

from __future__ import annotations

from collections.abc import Callable

from agent.schemas import Signal
from knowledge.measures import Measure, limits_over, text_figures
from knowledge.models import Product

#: As sure as a question about a part the item lacks: the figures, not the wording, say it.
LIMIT_ASK_CONFIDENCE = 0.7
_NOT_ASKING = frozenset({"support", "decline", "accept", "purchase_intent"})


def mark_limit_asks(
    signals: list[Signal], message: str, focus: Product | None, measures: Callable[[str], tuple[Measure, ...]]
) -> list[Signal]:
    """``signals`` plus a need when the message states a figure over a limit of the item in focus (and no need
    was heard already: a heard need is read for the figure by its own sentence)."""
    if focus is None or any(s.type in _NOT_ASKING or s.type == "need" for s in signals):
        return signals
    if not limits_over(text_figures(message), measures(focus.sku)):
        return signals
    return [*signals, Signal(type="need", text=message.strip(), confidence=LIMIT_ASK_CONFIDENCE)]
