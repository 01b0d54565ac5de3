"""Whether this turn is a calm, on-topic moment for an unprompted add-on, read from the turn's typed signals.

The single soft add-on at cart or checkout is welcome when the shopper is simply moving on ("added", "let's
pay", "how much is shipping?"). It is out of place while they take something out, complain, or try to talk
the agent into prices or rules that do not exist; a salesperson keeps quiet then. The detector reports those
moments as ``unsettled`` signals (agent/signals/unsettled.py); the policy never re-reads the message.
"""

from __future__ import annotations

from collections.abc import Sequence

from agent.schemas import Signal


def unsettled_reason(signals: Sequence[Signal]) -> str | None:
    """Why this turn is no moment for an unprompted add-on (``removal``, ``manipulation``, ``complaint``,
    ``grumble``), or None when its signals read as a neutral turn."""
    for s in signals:
        if s.type == "unsettled":
            return s.mood or "unsettled"
    return None
