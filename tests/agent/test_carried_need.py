"""A budget said on its own refines the need of the turn before (agent.signals.carried)."""

from __future__ import annotations

import pytest

from agent.schemas import ChatContext, ChatRequest, Signal
from agent.signals.carried import carried_need
from agent.types import Turn
from tests.support import agent_on

NEED = Signal(type="need", text="I keep dropping my phone and cracking the screen", confidence=0.8)
BUDGET = Signal(type="budget", text="up to 30 dollars", amount=30, scope="extra", confidence=0.9)
PAGE = ChatContext(page="product", product_sku="PH")


def _last(*signals: Signal, context: ChatContext = PAGE) -> Turn:
    return Turn(index=0, user="...", reply="...", context=context, signals=list(signals))


def test_a_budget_alone_carries_the_stated_need_before_it():
    assert carried_need([BUDGET], _last(NEED), PAGE) == NEED


@pytest.mark.parametrize(
    "signals",
    [
        [],  # no budget: nothing refines the earlier need
        [BUDGET, Signal(type="decline", text="no thanks")],
        [BUDGET, Signal(type="support", text="it arrived cracked")],
        [BUDGET, Signal(type="need", text="I also want a charger", confidence=0.8)],
    ],
)
def test_a_turn_that_says_more_than_a_budget_carries_nothing(signals):
    assert carried_need(signals, _last(NEED), PAGE) is None


def test_nothing_is_carried_to_another_item_from_an_implicit_need_or_without_a_turn_before():
    assert carried_need([BUDGET], _last(NEED, context=ChatContext(page="product", product_sku="OTHER")), PAGE) is None
    implicit = NEED.model_copy(update={"confidence": 0.3})
    assert carried_need([BUDGET], _last(implicit), PAGE) is None
    assert carried_need([BUDGET], None, PAGE) is None


STORE = [
    {"sku": "PH", "name": "Nova Phone", "price": 300, "category": "Electronics > Phones",
     "description": "A phone with a bright screen."},
    {"sku": "CASE-RUGGED", "name": "Rugged drop-proof phone case", "price": 25, "category": "Electronics > Cases",
     "compatible_with": ["PH"], "description": "Protects the phone and its screen when you drop it."},
]


@pytest.fixture
def agent(settings, tmp_path):
    return agent_on(settings, tmp_path / "catalog.jsonl", STORE)


def test_the_agent_answers_the_earlier_need_once_the_budget_allows(agent):
    page = {"page": "product", "product_sku": "PH", "cart": [{"sku": "PH"}]}
    first = agent.respond(ChatRequest(
        session_id="b", message="I keep dropping my phone and cracking the screen, but I can't add more than $10.",
        context=page))
    assert first.offers == []  # the case costs $25: over the extra budget
    second = agent.respond(ChatRequest(session_id="b", message="Alright, I can add up to $30.", context=page))
    assert [o.sku for o in second.offers] == ["CASE-RUGGED"]
