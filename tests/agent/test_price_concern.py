"""A request for something cheaper also reads as a budget signal, with no amount."""

from __future__ import annotations

from agent.schemas import Signal
from agent.signals.price_concern import price_concern


def test_a_cheaper_request_is_a_budget_concern_without_an_amount():
    need = Signal(type="need", text="anything cheaper?", wants="cheaper", confidence=0.8)
    concern = price_concern([need])
    assert concern is not None
    assert (concern.type, concern.text, concern.amount, concern.confidence) == ("budget", "anything cheaper?", None, 0.8)


def test_a_stated_budget_or_a_better_request_adds_nothing():
    cheaper = Signal(type="need", text="a cheaper one", wants="cheaper")
    assert price_concern([cheaper, Signal(type="budget", text="under 50", amount=50.0)]) is None
    assert price_concern([Signal(type="need", text="a better one", wants="better")]) is None
    assert price_concern([Signal(type="need", text="a case")]) is None
