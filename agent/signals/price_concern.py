"""A request for something cheaper is a budget signal too: the shopper says the price is over what they will pay.

"Too pricey for me, anything cheaper?" names no amount, so it binds no offer by a figure (the cheaper-only rule
already keeps add-ons and upgrades out); it tells the rep and the metrics that price is the shopper's concern.
"""

from __future__ import annotations

from agent.schemas import Signal


def price_concern(signals: list[Signal]) -> Signal | None:
    """A budget signal (no amount) for a need that asks for a cheaper version, unless a budget is already read."""
    if any(s.type == "budget" for s in signals):
        return None
    cheaper = [s for s in signals if s.type == "need" and s.wants == "cheaper"]
    if not cheaper:
        return None
    return Signal(type="budget", text=cheaper[0].text, confidence=cheaper[0].confidence)
