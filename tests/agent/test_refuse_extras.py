"""Saying there is nothing more to add is a refusal of extras, before any offer and in any of six languages."""

from __future__ import annotations

import pytest

from agent.schemas import CartLine, ChatContext
from agent.signals import OfflineSignalDetector, shared_encoder

CHECKOUT = ChatContext(page="checkout", cart=[CartLine(sku="TENT-2P")])


@pytest.fixture(scope="module")
def detector() -> OfflineSignalDetector:
    return OfflineSignalDetector(shared_encoder())


@pytest.mark.parametrize(
    "message",
    [
        "That's everything, I don't want to add anything",
        "No quiero añadir nada más, gracias",
        "Vale, gracias. Por ahora no quiero nada más.",
        "Danke, ich möchte nichts mehr hinzufügen",
        "Merci, je ne veux rien ajouter",
        "Спасибо, больше ничего не надо",
    ],
)
def test_nothing_more_to_add_is_a_decline(detector, message):
    assert "decline" in [s.type for s in detector.detect(message, CHECKOUT, offer_pending=False)]


@pytest.mark.parametrize("message", ["I don't want to get anything that needs batteries", "I need to add a cable"])
def test_a_constraint_or_a_wish_is_no_refusal(detector, message):
    assert "decline" not in [s.type for s in detector.detect(message, CHECKOUT, offer_pending=False)]
