"""An order just placed, told as news, is neither a problem nor a need; a question after it still asks."""

from __future__ import annotations

import pytest

from agent.schemas import CartLine, ChatContext
from agent.signals import OfflineSignalDetector, shared_encoder

AFTER = ChatContext(page="post_purchase", cart=[CartLine(sku="STOVE-1")])


@pytest.fixture(scope="module")
def detector() -> OfflineSignalDetector:
    return OfflineSignalDetector(shared_encoder())


@pytest.mark.parametrize("message", ["Bought the stove a minute ago!", "Acabo de pedir la linterna."])
def test_order_news_carries_no_signal(detector, message):
    assert [s.type for s in detector.detect(message, AFTER, offer_pending=False)] == []


def test_a_question_after_the_news_is_the_need(detector):
    signals = detector.detect("Just ordered the poles! Anything I should grab for them?", AFTER, offer_pending=False)
    needs = [s for s in signals if s.type == "need"]
    assert "support" not in [s.type for s in signals] and len(needs) == 1 and "ordered" not in needs[0].text


def test_a_problem_with_the_order_is_still_support(detector):
    assert "support" in [s.type for s in detector.detect("Just bought it and the box was crushed", AFTER)]
