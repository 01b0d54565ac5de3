"""Right after a no, the trouble mentioned again as a concession is no ask (agent.signals.unsettled)."""

from __future__ import annotations

import pytest

from agent.agent import build_agent
from agent.schemas import ChatRequest, Signal
from agent.signals.unsettled import grumble_after_decline
from tests.support import PRODUCTS, write_jsonl

NEED = Signal(type="need", text="the battery", confidence=0.6)


@pytest.mark.parametrize(
    "message",
    [
        "my battery still dies by noon though",
        "tho the battery does drain fast on long days",
        "Der Akku ist trotzdem schnell leer.",
        "La batterie se vide quand même vite.",
        "Батарея всё равно быстро садится.",
    ],
)
def test_a_concession_right_after_a_no_is_a_grumble(message):
    g = grumble_after_decline(message, [NEED], declined_last_turn=True)
    assert g is not None and (g.type, g.mood) == ("unsettled", "grumble")


@pytest.mark.parametrize(
    ("message", "signals", "declined"),
    [
        ("my battery still dies by noon though", [NEED], False),  # no no before it
        ("does the battery still last a day though?", [NEED], True),  # a question is answered
        ("I'd love something for long trips though", [NEED], True),  # a wish asks
        ("I'll be travelling a lot more though", [NEED], True),  # a plan is news
        ("it drains fast", [NEED], True),  # no concession: a new statement
        ("still only 50 more at most", [Signal(type="budget", text="50 more", amount=50.0)], True),
    ],
)
def test_no_grumble(message, signals, declined):
    assert grumble_after_decline(message, signals, declined_last_turn=declined) is None


@pytest.fixture
def agent(settings, tmp_path):
    a = build_agent(settings)
    a.knowledge.ingest(write_jsonl(tmp_path / "catalog.jsonl", PRODUCTS))
    return a


PHONE = {"page": "product", "product_sku": "PH-128", "cart": [{"sku": "PH-128", "qty": 1}]}


def _turn(agent, session, message, context=None):
    return agent.respond(ChatRequest(session_id=session, message=message, context=context or {}))


def test_after_a_no_the_same_trouble_again_gets_no_offer_but_a_new_one_does(agent):
    assert _turn(agent, "a", "I wish my phone battery lasted all day", PHONE).offers
    _turn(agent, "a", "no thanks")
    r = _turn(agent, "a", "my battery still dies by noon though")
    assert r.offers == [] and any(s.mood == "grumble" for s in r.signals)
    r = _turn(agent, "a", "I keep dropping my phone, I wish it had some protection")
    assert [o.sku for o in r.offers] == ["CASE-NOVA"]


def test_without_a_no_before_it_the_trouble_is_answered(agent):
    r = _turn(agent, "b", "my battery still dies by noon though, I wish it lasted all day", PHONE)
    assert [o.sku for o in r.offers] == ["PB-10K"]
