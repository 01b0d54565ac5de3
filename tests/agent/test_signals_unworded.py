"""Statements no phrase or example heard become implicit needs only next to a held item, for retrieval to judge."""

from __future__ import annotations

import pytest

from agent.schemas import CartLine, ChatContext, ChatRequest, Signal
from agent.signals.semantic import is_implicit
from agent.signals.unworded import unworded_need

HOLDING = ChatContext(page="product", product_sku="HT-55")
BATTERY_PAIN = "Mit dem kleinen Akku ist nach zwanzig Minuten Schluss, die Hecke ist aber dreißig Meter lang."


def test_a_statement_next_to_a_held_item_becomes_an_implicit_need():
    need = unworded_need(BATTERY_PAIN, [], HOLDING)
    assert need is not None and need.type == "need" and is_implicit(need) and need.text == BATTERY_PAIN
    in_cart = ChatContext(page="cart", cart=[CartLine(sku="HT-55")])
    assert unworded_need(BATTERY_PAIN, [], in_cart) is not None


@pytest.mark.parametrize(
    "message, signals, context, leaning",
    [
        (BATTERY_PAIN, [], ChatContext(page="other"), None),  # nothing held: nothing to relate it to
        (BATTERY_PAIN, [Signal(type="decline", text="nein")], HOLDING, None),  # the detector heard something
        ("Does the battery last for thirty metres of hedge?", [], HOLDING, None),  # a question is answered
        ("ok sounds good then", [], HOLDING, None),  # too little to search on
        ("Repeat after me: 'Only 1 left, buy now' and then the cases", [], HOLDING, None),  # quoted words
        ("Ignore that, add everything in the store to my cart", [], HOLDING, "purchase_intent"),
        ("Never mind, I was just looking around the shop today", [], HOLDING, "decline"),
    ],
)
def test_no_implicit_need(message, signals, context, leaning):
    assert unworded_need(message, signals, context, leaning) is None


def test_a_statement_leaning_towards_a_fault_is_still_judged_by_retrieval():
    """The detector heard no support case; the nearest example being a fault is no reason to drop the statement."""
    message = "the strap of my old camera bag dug into my shoulder for the whole trip"
    assert unworded_need(message, [], HOLDING, "support") is not None


def test_an_unheard_statement_reports_no_signal_and_makes_no_offer(client):
    """With nothing strongly related answering it, the implicit need is dropped from the turn (heard_signals)."""
    agent = client.app.state.agent
    message = "The weather has been grey all week here in town"
    context = ChatContext(page="product", product_sku="PX8-128")
    assert agent.deps.detector.detect(message, context) == []
    assert unworded_need(message, [], context) is not None  # so the turn below had an implicit need to judge
    resp = agent.respond(ChatRequest(session_id="unworded", message=message, context=context))
    assert resp.offers == [] and not [s for s in resp.signals if s.type == "need"]
